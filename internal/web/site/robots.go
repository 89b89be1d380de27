package site

import (
	"net/http"
	"strings"
)

// robots serves /robots.txt: crawlers are welcome everywhere but in the
// newsroom and on search result pages (endless, and thin), and are given
// the sitemaps' absolute addresses.
func (s *Site) robots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	b.WriteString("Disallow: /newsroom/\n")
	b.WriteString("Disallow: /search\n")
	b.WriteString("Allow: /\n\n")
	b.WriteString("Sitemap: " + s.canonical(r, "/sitemap.xml") + "\n")
	b.WriteString("Sitemap: " + s.canonical(r, "/sitemaps/news.xml") + "\n")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(b.String()))
}
