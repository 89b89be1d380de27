package config

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
)

func parse(t *testing.T, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := Register(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return c, c.Validate()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./midad-data" || c.Demo ||
		c.Database != "sqlite:midad-data/midad.db" || c.LogLevel != slog.LevelInfo {
		t.Errorf("defaults: %+v", c)
	}
}

func TestEnvironmentThenFlags(t *testing.T) {
	env := map[string]string{"MIDAD_ADDR": "127.0.0.1:9000", "MIDAD_DEMO": "true", "MIDAD_DATA": "/srv/midad", "MIDAD_LOG_LEVEL": "debug"}
	c, err := parse(t, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" || !c.Demo || c.Database != "sqlite:/srv/midad/midad.db" || c.LogLevel != slog.LevelDebug {
		t.Errorf("from env: %+v", c)
	}
	c, err = parse(t, env, "--addr", "127.0.0.1:9001", "--demo=false", "--base-url", "https://news.example.ma/")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9001" || c.Demo || c.BaseURL != "https://news.example.ma" {
		t.Errorf("flags over env: %+v", c)
	}
	env["MIDAD_TRUSTED_PROXIES"] = "10.1.2.3/8, 192.0.2.7,::1"
	if c, err = parse(t, env); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.TrustedProxies) != "[10.0.0.0/8 192.0.2.7/32 ::1/128]" {
		t.Errorf("trusted proxies: %v", c.TrustedProxies)
	}
}

func TestInvalid(t *testing.T) {
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--addr", "nope"}, "addr"},
		{map[string]string{"MIDAD_DEMO": "maybe"}, nil, "MIDAD_DEMO"},
		{map[string]string{"MIDAD_LOG_LEVEL": "loud"}, nil, "MIDAD_LOG_LEVEL"},
		{nil, []string{"--base-url", "ftp://x"}, "base-url"},
		{nil, []string{"--base-url", "news.example.ma"}, "base-url"},
		{nil, []string{"--log-format", "xml"}, "log-format"},
		{nil, []string{"--data", "", "--database", ""}, "data"},
		{nil, []string{"--trusted-proxies", "10.0.0.0/8, proxy.example.ma"}, "trusted-proxies"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.env, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v %v: err = %v, want one about %s", tt.env, tt.args, err, tt.want)
		}
	}
}
