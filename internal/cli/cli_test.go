package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), Env{
		Args: args, Stdin: strings.NewReader("a long enough password\n"), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
	})
	return code, out.String(), errOut.String()
}

func TestCommands(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		code     int
		out, err string
	}{
		{"no command", nil, nil, 2, "", "Usage: midad"},
		{"help", nil, []string{"help"}, 0, "  serve ", ""},
		{"unknown", nil, []string{"publish"}, 2, "", `unknown command "publish"`},
		{"version", nil, []string{"version"}, 0, "midad ", ""},
		{"bad flag", nil, []string{"serve", "--nope"}, 2, "", "midad serve: unknown flag --nope"},
		{"bad address", nil, []string{"serve", "--addr", "nowhere"}, 1, "", "addr"},
		{"bad env", map[string]string{"MIDAD_DEMO": "sometimes"}, []string{"serve"}, 1, "", "MIDAD_DEMO"},
		{"migrate", nil, []string{"migrate", "--data", data}, 0, "schema version ", ""},
		{"migrate again", map[string]string{"MIDAD_DATA": data}, []string{"migrate"}, 0, "schema version ", ""},
		{"unsupported database", nil, []string{"migrate", "--database", "mysql://x"}, 1, "", "unsupported database"},
		{"add an admin", nil, []string{"user", "add", "--data", data, "--email", "admin@example.ma", "--name", "مديرة", "--role", "admin", "--password-stdin"}, 0, "account 1 created: admin@example.ma (admin)", ""},
		{"the same email again", nil, []string{"user", "add", "--data", data, "--email", "ADMIN@example.ma", "--name", "x", "--role", "editor", "--password-stdin"}, 1, "", "already exists"},
		{"a forged role", nil, []string{"user", "add", "--data", data, "--email", "x@example.ma", "--name", "x", "--role", "owner", "--password-stdin"}, 1, "", "role"},
		{"a password on the command line", nil, []string{"user", "add", "--data", data, "--email", "y@example.ma", "--name", "y", "--role", "editor"}, 2, "", "--password-stdin is required"},
		{"list accounts", nil, []string{"user", "list", "--data", data}, 0, "admin@example.ma", ""},
		{"disable", nil, []string{"user", "disable", "--data", data, "1"}, 0, "account 1 disabled", ""},
		{"disable nobody", nil, []string{"user", "disable", "--data", data, "99"}, 1, "", "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.env, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.err) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errOut, tt.code, tt.out, tt.err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(data, "midad.db")); err != nil {
		t.Errorf("migrate made no database: %v", err)
	}
}

// The import command prints its report, keeps nothing in a dry run, and
// imports when asked; a broken export is a clear failure.
func TestImportWordPress(t *testing.T) {
	data := t.TempDir()
	export := "../wordpress/testdata/themeunittestdata.wordpress.xml"
	code, out, errOut := run(t, nil, "import", "wordpress", export, "--data", data, "--dry-run")
	if code != 0 || !strings.Contains(out, "dry run: nothing stored") || !strings.Contains(out, "pingbacks are not comments") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, nil, "import", "wordpress", "--data", data, export)
	if code != 0 || !strings.Contains(out, "post                    58") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	broken := filepath.Join(t.TempDir(), "broken.xml")
	os.WriteFile(broken, []byte(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>`), 0o600)
	code, _, errOut = run(t, nil, "import", "wordpress", broken, "--data", data)
	if code != 1 || !strings.Contains(errOut, "ENTITY") || !strings.Contains(errOut, "line 1") {
		t.Errorf("hostile export: exit %d, %s", code, errOut)
	}
	code, _, errOut = run(t, nil, "import", "wordpress", "--data", data)
	if code != 2 || !strings.Contains(errOut, "midad import wordpress: one export file is required") {
		t.Errorf("no export: exit %d, %s", code, errOut)
	}
}
