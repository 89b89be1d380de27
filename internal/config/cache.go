package config

import (
	"flag"
	"fmt"
	"strconv"
	"time"
)

// registerCache defines the page cache's flags.
func (c *Config) registerCache(fs *flag.FlagSet, env func(name, def string) string) {
	mb, err := strconv.Atoi(env("MIDAD_PAGE_CACHE_MB", "64"))
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("MIDAD_PAGE_CACHE_MB: %w", err))
	}
	fs.IntVar(&c.PageCacheMB, "page-cache", mb,
		"memory for rendered reader pages, in MiB; 0 turns the page cache off (env MIDAD_PAGE_CACHE_MB)")
	ttl, err := time.ParseDuration(env("MIDAD_PAGE_CACHE_TTL", "30s"))
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("MIDAD_PAGE_CACHE_TTL: %w", err))
	}
	fs.DurationVar(&c.PageCacheTTL, "page-cache-ttl", ttl,
		"longest life of a cached page, for what changes with time alone: the date, the breaking banner (env MIDAD_PAGE_CACHE_TTL)")
}
