package news

import (
	"regexp"
	"strings"
)

// archiveSuffix is what WordPress adds to an address to show a page of it
// or its feed: /page/2, /feed, /feed/atom, /comment-page-3, /amp, /embed.
var archiveSuffix = regexp.MustCompile(`(?:/page/[0-9]+|/comment-page-[0-9]+|/feed(?:/(?:rss2?|atom|rdf))?|/amp|/embed|/trackback)$`)

// RedirectCandidates are the keys to look up, in order, for a request that
// may be an earlier address: its own key (RedirectKey), then the key of
// the address it is a page or a feed of, so that /category/sport/page/3/
// and /tag/x/feed/ of an imported site find the redirect stored for
// /category/sport/ and /tag/x/. Nil when the path is not one.
func RedirectCandidates(path, rawQuery string) []string {
	key := RedirectKey(path, rawQuery)
	if key == "" {
		return nil
	}
	out := []string{key}
	p, q, _ := strings.Cut(key, "?")
	for range 3 { // /category/x/page/2/feed: at most a few suffixes
		loc := archiveSuffix.FindStringIndex(p)
		if loc == nil || loc[0] == 0 {
			break
		}
		p = p[:loc[0]]
		k := p
		if q != "" {
			k += "?" + q
		}
		out = append(out, k)
	}
	return out
}
