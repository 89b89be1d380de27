// Package config reads Midad's configuration from command-line flags and
// MIDAD_* environment variables into one typed struct. Every setting is
// documented here, once; a flag wins over its environment variable.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is what a running Midad needs to know before it opens the database.
// What the newsroom may change at run time lives in news.Settings instead.
type Config struct {
	Addr      string     // listen address
	DataDir   string     // where the SQLite database (and, later, uploads) live
	Database  string     // database DSN; empty means the SQLite file in DataDir
	Demo      bool       // load the demo content into an empty database
	BaseURL   string     // public address used in canonical links; empty means the request's host
	LogLevel  slog.Level // debug, info, warn, error
	LogFormat string     // text or json
	// TrustedProxies are the addresses (CIDR prefixes) of the reverse
	// proxies in front of Midad: from them, and only from them, the
	// client's address is read in X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// PageCacheMB bounds the reader page cache, in MiB; 0 turns it off.
	PageCacheMB int
	// PageCacheTTL bounds a cached page's life, for what changes with time
	// alone (the masthead's date, the breaking banner's expiry).
	PageCacheTTL time.Duration
	// S3, when its Endpoint is set, holds the media instead of DATA/media.
	S3 S3

	// MetricsFrom are the addresses allowed to read /metrics.
	MetricsFrom []netip.Prefix

	trustedProxies string
	metricsFrom    string
	envErrs        []error
}

// Register defines the flags on fs, with defaults taken from the MIDAD_*
// variables that getenv returns, and returns the Config they fill. Call
// Validate after fs.Parse.
func Register(fs *flag.FlagSet, getenv func(string) string) *Config {
	c := &Config{}
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.Addr, "addr", env("MIDAD_ADDR", "127.0.0.1:8080"),
		"address to listen on (env MIDAD_ADDR)")
	fs.StringVar(&c.DataDir, "data", env("MIDAD_DATA", "./midad-data"),
		"data directory: the SQLite database and uploads (env MIDAD_DATA)")
	fs.StringVar(&c.Database, "database", env("MIDAD_DATABASE", ""),
		"database DSN; default sqlite:DATA/midad.db (env MIDAD_DATABASE)")
	demo, err := strconv.ParseBool(env("MIDAD_DEMO", "false"))
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("MIDAD_DEMO: %w", err))
	}
	fs.BoolVar(&c.Demo, "demo", demo,
		"load the demo content when the database is empty (env MIDAD_DEMO)")
	fs.StringVar(&c.BaseURL, "base-url", env("MIDAD_BASE_URL", ""),
		"public base URL such as https://news.example.ma; default: each request's host (env MIDAD_BASE_URL)")
	if err := c.LogLevel.UnmarshalText([]byte(env("MIDAD_LOG_LEVEL", "info"))); err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("MIDAD_LOG_LEVEL: %w", err))
	}
	fs.TextVar(&c.LogLevel, "log-level", c.LogLevel,
		"log level: debug, info, warn or error (env MIDAD_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", env("MIDAD_LOG_FORMAT", "text"),
		"log format: text or json (env MIDAD_LOG_FORMAT)")
	fs.StringVar(&c.trustedProxies, "trusted-proxies", env("MIDAD_TRUSTED_PROXIES", ""),
		"comma-separated addresses or CIDR prefixes of the reverse proxies whose X-Forwarded-For is believed (env MIDAD_TRUSTED_PROXIES)")
	c.registerCache(fs, env)
	c.registerMetrics(fs, env)
	c.registerS3(fs, env)
	return c
}

// Validate checks the values and fills the derived ones.
func (c *Config) Validate() error {
	errs := append([]error(nil), c.envErrs...)
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q: %w", c.Addr, err))
	}
	if c.Database == "" {
		if c.DataDir == "" {
			errs = append(errs, errors.New("data: a data directory is required"))
		}
		c.Database = "sqlite:" + filepath.Join(c.DataDir, "midad.db")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base-url %q: want an absolute http(s) URL", c.BaseURL))
		}
		c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log-format %q: want text or json", c.LogFormat))
	}
	if c.PageCacheMB < 0 || c.PageCacheTTL <= 0 {
		errs = append(errs, fmt.Errorf("page-cache %d MiB, page-cache-ttl %v: want a size ≥ 0 and a positive duration", c.PageCacheMB, c.PageCacheTTL))
	}
	errs = append(errs, c.S3.validate()...)
	c.TrustedProxies = nil
	for _, v := range strings.Split(c.trustedProxies, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		p, err := netip.ParsePrefix(v)
		if err != nil {
			a, aerr := netip.ParseAddr(v)
			if aerr != nil {
				errs = append(errs, fmt.Errorf("trusted-proxies %q: want addresses or CIDR prefixes", v))
				continue
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	var err error
	if c.MetricsFrom, err = ParsePrefixes("metrics-from", c.metricsFrom); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
