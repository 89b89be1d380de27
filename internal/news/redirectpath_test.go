package news

import (
	"slices"
	"testing"
)

func TestRedirectCandidates(t *testing.T) {
	for _, c := range []struct {
		path, query string
		want        []string
	}{
		{"/category/Sport/", "", []string{"/category/sport"}},
		{"/category/sport/page/3/", "", []string{"/category/sport/page/3", "/category/sport"}},
		{"/tag/%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8/feed/", "", []string{"/tag/المغرب/feed", "/tag/المغرب"}},
		{"/category/a/b/page/2/feed/atom/", "", []string{"/category/a/b/page/2/feed/atom", "/category/a/b/page/2", "/category/a/b"}},
		{"/2013/01/10/hello/comment-page-2/", "", []string{"/2013/01/10/hello/comment-page-2", "/2013/01/10/hello"}},
		{"/", "p=12", []string{"/?p=12"}},
		{"/feed/", "", []string{"/feed"}},
		{"nothing", "", nil},
	} {
		if got := RedirectCandidates(c.path, c.query); !slices.Equal(got, c.want) {
			t.Errorf("RedirectCandidates(%q, %q) = %q, want %q", c.path, c.query, got, c.want)
		}
	}
}
