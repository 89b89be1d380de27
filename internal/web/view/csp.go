package view

import "strings"

// ContentSecurityPolicy is the policy of Midad's pages: their own scripts,
// styles and images only, plus the origins of the analytics scripts the
// newsroom configured (for their scripts, beacons and pixels).
func ContentSecurityPolicy(origins []string) string {
	extra := ""
	if len(origins) > 0 {
		extra = " " + strings.Join(origins, " ")
	}
	return "default-src 'self'; img-src 'self' data:" + extra + "; script-src 'self'" + extra +
		"; connect-src 'self'" + extra + "; style-src 'self'; object-src 'none'; base-uri 'none'; " +
		"form-action 'self'; frame-ancestors 'self'"
}

// ScriptOrigins are the analytics origins the page's policy must allow.
func (b Base) ScriptOrigins() []string { return b.Site.ScriptOrigins() }
