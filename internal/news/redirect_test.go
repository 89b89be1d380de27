package news

import "testing"

func TestRedirectKey(t *testing.T) {
	for _, c := range []struct{ path, query, want string }{
		{"/article/abc", "", "/article/abc"},
		{"/2020/05/12/%D9%85%D8%AF%D8%A7%D8%AF/", "", "/2020/05/12/مداد"},
		{"/2020/05/12/%d9%85%d8%af%d8%a7%d8%af", "", "/2020/05/12/مداد"},
		{"/Category/News/", "", "/category/news"},
		{"/", "p=12&utm_source=x", "/?p=12"},
		{"/", "page_id=3&p=12", "/?p=12&page_id=3"},
		{"/", "", "/"},
		{"/%zz", "", ""},
		{"relative", "", ""},
	} {
		if got := RedirectKey(c.path, c.query); got != c.want {
			t.Errorf("RedirectKey(%q, %q) = %q, want %q", c.path, c.query, got, c.want)
		}
	}
}
