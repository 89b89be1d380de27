package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// S3 says where the media live when they are not in DATA/media: a bucket
// of an S3-compatible service. Endpoint empty means the local directory.
type S3 struct {
	Endpoint  string // http(s)://host[:port]
	Bucket    string
	Prefix    string // folder in the bucket, optional
	Region    string
	AccessKey string
	// SecretKey comes from MIDAD_S3_SECRET_KEY or the file named by
	// --s3-secret-key-file, never from the command line, where every
	// user of the machine would see it.
	SecretKey string
	PathStyle bool
	// PublicURL, when set, is where readers fetch the media (a CDN in
	// front of the bucket): /media/… answers with a redirect there.
	PublicURL string

	secretFile string
}

// registerS3 defines the object storage's flags.
func (c *Config) registerS3(fs *flag.FlagSet, env func(name, def string) string) {
	s := &c.S3
	fs.StringVar(&s.Endpoint, "s3-endpoint", env("MIDAD_S3_ENDPOINT", ""),
		"media on an S3-compatible service at this http(s)://host[:port]; empty: files under DATA/media (env MIDAD_S3_ENDPOINT)")
	fs.StringVar(&s.Bucket, "s3-bucket", env("MIDAD_S3_BUCKET", ""), "the bucket of the media (env MIDAD_S3_BUCKET)")
	fs.StringVar(&s.Prefix, "s3-prefix", env("MIDAD_S3_PREFIX", ""), "folder in the bucket, optional (env MIDAD_S3_PREFIX)")
	fs.StringVar(&s.Region, "s3-region", env("MIDAD_S3_REGION", ""), "the bucket's region, if the service wants one (env MIDAD_S3_REGION)")
	fs.StringVar(&s.AccessKey, "s3-access-key", env("MIDAD_S3_ACCESS_KEY", ""), "access key id (env MIDAD_S3_ACCESS_KEY)")
	s.SecretKey = env("MIDAD_S3_SECRET_KEY", "")
	fs.StringVar(&s.secretFile, "s3-secret-key-file", env("MIDAD_S3_SECRET_KEY_FILE", ""),
		"file holding the secret key; or set MIDAD_S3_SECRET_KEY (env MIDAD_S3_SECRET_KEY_FILE)")
	ps, err := strconv.ParseBool(env("MIDAD_S3_PATH_STYLE", "true"))
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("MIDAD_S3_PATH_STYLE: %w", err))
	}
	fs.BoolVar(&s.PathStyle, "s3-path-style", ps,
		"bucket in the path, not the host name: MinIO, SeaweedFS, versitygw; false for AWS virtual hosts (env MIDAD_S3_PATH_STYLE)")
	fs.StringVar(&s.PublicURL, "media-public-url", env("MIDAD_MEDIA_PUBLIC_URL", ""),
		"public base URL of the media (a CDN in front of the bucket): /media/… redirects there (env MIDAD_MEDIA_PUBLIC_URL)")
}

// validate checks the S3 settings when an endpoint is given, and reads the
// secret key's file.
func (s *S3) validate() []error {
	var errs []error
	if s.PublicURL != "" {
		u, err := url.Parse(s.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("media-public-url %q: want an absolute http(s) URL", s.PublicURL))
		}
		s.PublicURL = strings.TrimSuffix(s.PublicURL, "/")
	}
	if s.secretFile != "" {
		b, err := os.ReadFile(s.secretFile)
		if err != nil {
			errs = append(errs, fmt.Errorf("s3-secret-key-file: %w", err))
		}
		s.SecretKey = strings.TrimSpace(string(b))
	}
	if s.Endpoint == "" {
		if s.Bucket != "" || s.AccessKey != "" {
			errs = append(errs, errors.New("s3-endpoint: required with s3-bucket and s3-access-key (or leave them all empty to keep the media under DATA/media)"))
		}
		return errs
	}
	u, err := url.Parse(s.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		errs = append(errs, fmt.Errorf("s3-endpoint %q: want http(s)://host[:port]", s.Endpoint))
	}
	if s.Bucket == "" {
		errs = append(errs, errors.New("s3-bucket: required with s3-endpoint"))
	}
	if s.AccessKey == "" || s.SecretKey == "" {
		errs = append(errs, errors.New("s3-access-key and the secret key (MIDAD_S3_SECRET_KEY or s3-secret-key-file): both required with s3-endpoint"))
	}
	return errs
}
