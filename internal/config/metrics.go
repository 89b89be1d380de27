package config

import (
	"flag"
	"fmt"
	"net/netip"
	"strings"
)

// DefaultMetricsFrom is who may read /metrics unless told otherwise: this
// machine only.
const DefaultMetricsFrom = "127.0.0.0/8,::1/128"

// registerMetrics defines --metrics-from.
func (c *Config) registerMetrics(fs *flag.FlagSet, env func(string, string) string) {
	fs.StringVar(&c.metricsFrom, "metrics-from", env("MIDAD_METRICS_FROM", DefaultMetricsFrom),
		"comma-separated addresses or CIDR prefixes allowed to read /metrics; others get 404 (env MIDAD_METRICS_FROM)")
}

// ParsePrefixes reads a comma-separated list of addresses or CIDR prefixes.
func ParsePrefixes(what, list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range strings.Split(list, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		p, err := netip.ParsePrefix(v)
		if err != nil {
			a, aerr := netip.ParseAddr(v)
			if aerr != nil {
				return nil, fmt.Errorf("%s %q: want addresses or CIDR prefixes", what, v)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
