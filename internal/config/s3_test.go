package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestS3Settings: the variables fill the S3 settings, the secret comes
// from a variable or a file, a flag wins, and mistakes are named.
func TestS3Settings(t *testing.T) {
	env := map[string]string{"MIDAD_S3_ENDPOINT": "https://s3.example.ma", "MIDAD_S3_BUCKET": "media",
		"MIDAD_S3_ACCESS_KEY": "k", "MIDAD_S3_SECRET_KEY": "s", "MIDAD_S3_PATH_STYLE": "false",
		"MIDAD_MEDIA_PUBLIC_URL": "https://cdn.example.ma/m/"}
	c, err := parse(t, env, "--s3-bucket", "other")
	if err != nil {
		t.Fatal(err)
	}
	s := c.S3
	if s.Endpoint != "https://s3.example.ma" || s.Bucket != "other" || s.AccessKey != "k" || s.SecretKey != "s" || s.PathStyle ||
		s.PublicURL != "https://cdn.example.ma/m" {
		t.Errorf("settings: %+v", s)
	}

	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("from the file\n"), 0o600)
	c, err = parse(t, map[string]string{"MIDAD_S3_SECRET_KEY_FILE": secret}, "--s3-endpoint", "http://127.0.0.1:9000", "--s3-bucket", "b", "--s3-access-key", "k")
	if err != nil || c.S3.SecretKey != "from the file" || !c.S3.PathStyle {
		t.Errorf("secret from a file: %+v, %v", c.S3, err)
	}

	if c, err := parse(t, nil); err != nil || c.S3.Endpoint != "" {
		t.Errorf("default: %+v, %v", c.S3, err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--s3-endpoint", "http://127.0.0.1:9000"}, "s3-bucket: required"},
		{[]string{"--s3-endpoint", "ftp://x", "--s3-bucket", "b"}, "want http(s)://host[:port]"},
		{[]string{"--s3-endpoint", "http://x", "--s3-bucket", "b", "--s3-access-key", "k"}, "secret key"},
		{[]string{"--s3-bucket", "b"}, "s3-endpoint: required"},
		{[]string{"--media-public-url", "cdn.example.ma"}, "media-public-url"},
	} {
		if _, err := parse(t, nil, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.want)
		}
	}
}
