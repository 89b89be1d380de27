package news

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>سطر أول</p>\n<p>سطر &laquo;ثانٍ&raquo; &amp; <b>عريض</b></p>", "سطر أول\n\n\nسطر «ثانٍ» & عريض"},
		{"نص بلا وسوم", "نص بلا وسوم"},
		{"<p>قبل<br>بعد</p>", "قبل\nبعد"},
		{"<p>مفتوح <a href=\"x\"", "مفتوح"},
		{"", ""},
		{"<p>a <> b < > c</p>", "a  b  c"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainTextCredit(t *testing.T) {
	got := PlainText(`<figure><img src="/media/x.jpg" alt=""><figcaption>افتتاح المعرض<small>AFP</small></figcaption></figure>`)
	if got != "افتتاح المعرض AFP" {
		t.Fatalf("got %q", got)
	}
}
