package richtext

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p dir="rtl">نص <b>عريض</b> و<a href="https://example.ma/x">رابط</a></p>`, `<p dir="rtl">نص <b>عريض</b> و<a href="https://example.ma/x">رابط</a></p>`},
		{`<p>«اقتباس» “quote”</p>`, `<p>«اقتباس» “quote”</p>`},
		{`<blockquote lang="fr" dir="ltr">Citation</blockquote>`, `<blockquote lang="fr" dir="ltr">Citation</blockquote>`},
		{`<script>alert(1)</script><p>x</p>`, `<p>x</p>`},
		{`<p onclick="alert(1)" style="color:red">x</p>`, `<p>x</p>`},
		{`<a href="javascript:alert(1)">x</a>`, `x`},
		{`<a href="JaVaScRiPt:alert(1)">x</a>`, `x`},
		{`<a href="data:text/html,x">x</a>`, `x`},
		{`<img src="x" onerror="alert(1)">`, `<img src="x">`},
		{`<meta http-equiv="refresh" content="0;url=https://evil.example">`, ``},
		{`<iframe src="https://evil.example"></iframe><form><input></form>`, ``},
		{`<p dir="sideways">x</p>`, `<p>x</p>`},
		{`<svg><script>alert(1)</script></svg>`, ``},
		{`<p>قبل<br>بعد</p>`, `<p>قبل<br>بعد</p>`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSrcsetSchemes(t *testing.T) {
	for _, bad := range []string{
		`<img src="/a.jpg" srcset="javascript:alert(1) 1x">`,
		`<img src="/a.jpg" srcset="/a.jpg 1x, JavaScript:alert(1) 2x">`,
		`<img src="/a.jpg" srcset="data:image/svg+xml,x 1x">`,
	} {
		if got := Sanitize(bad); strings.Contains(strings.ToLower(got), "srcset") {
			t.Errorf("Sanitize(%s) = %s", bad, got)
		}
	}
	good := `<img src="/media/a.jpg" srcset="/media/a-640.jpg 640w, https://cdn.example.ma/a-1280.jpg 1280w">`
	if got := Sanitize(good); !strings.Contains(got, `srcset="/media/a-640.jpg 640w, https://cdn.example.ma/a-1280.jpg 1280w"`) {
		t.Errorf("a good srcset is lost: %s", got)
	}
}
