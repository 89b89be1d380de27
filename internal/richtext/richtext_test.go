package richtext

import "testing"

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
