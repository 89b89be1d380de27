package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestSettingsIdentity: `midad settings set` checks the site's identity
// like the settings screen, and saves nothing it refuses.
func TestSettingsIdentity(t *testing.T) {
	data := t.TempDir()
	set := func(json string) (int, string) {
		var out, errOut bytes.Buffer
		code := Run(context.Background(), Env{Args: []string{"settings", "set", "--data", data}, Stdin: strings.NewReader(json),
			Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
		return code, out.String() + errOut.String()
	}
	for name, tt := range map[string]struct {
		json string
		code int
		want string
	}{
		"good":         {`{"twitter": "@midad", "social": ["https://x.com/midad"], "locale": "ar_MA", "theme_color": "#112233"}`, 0, "settings saved"},
		"bad handle":   {`{"twitter": "midad"}`, 1, "twitter"},
		"http link":    {`{"social": ["http://x.com/midad"]}`, 1, "social"},
		"bad colour":   {`{"theme_color": "blue"}`, 1, "theme_color"},
		"unknown icon": {`{"icon": 7}`, 1, "no image 7"},
		"bad locale":   {`{"locale": "AR"}`, 1, "locale"},
	} {
		if code, out := set(tt.json); code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%s: exit %d, %q", name, code, out)
		}
	}
	code, out, _ := run(t, nil, "settings", "get", "--data", data)
	if code != 0 || !strings.Contains(out, `"twitter": "@midad"`) || !strings.Contains(out, `"theme_color": "#112233"`) {
		t.Errorf("after: %s", out)
	}
}
