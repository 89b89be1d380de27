package news

import (
	"strings"
	"testing"
)

func TestCommentInputClean(t *testing.T) {
	good := CommentInput{Name: "سارة", Email: "sara@example.ma", URL: "https://example.ma/a", Body: "تعليق جميل"}
	tests := []struct {
		name   string
		mutate func(*CommentInput)
		want   string // the first error's key, or "" when valid
	}{
		{"good", func(*CommentInput) {}, ""},
		{"no website", func(c *CommentInput) { c.URL = "" }, ""},
		{"missing name", func(c *CommentInput) { c.Name = "  " }, "comment.error.name_required"},
		{"long name", func(c *CommentInput) { c.Name = strings.Repeat("س", MaxCommentName+1) }, "comment.error.name_too_long"},
		{"missing email", func(c *CommentInput) { c.Email = "" }, "comment.error.email_required"},
		{"email without at", func(c *CommentInput) { c.Email = "sara.example.ma" }, "comment.error.email_invalid"},
		{"email with name", func(c *CommentInput) { c.Email = "Sara <sara@example.ma>" }, "comment.error.email_invalid"},
		{"email without dot", func(c *CommentInput) { c.Email = "sara@localhost" }, "comment.error.email_invalid"},
		{"javascript url", func(c *CommentInput) { c.URL = "javascript:alert(1)" }, "comment.error.url_invalid"},
		{"javascript url, mixed case", func(c *CommentInput) { c.URL = "JaVaScRiPt:alert(1)" }, "comment.error.url_invalid"},
		{"javascript url, escaped", func(c *CommentInput) { c.URL = "java%73cript:alert(1)" }, "comment.error.url_invalid"},
		{"javascript url with tab", func(c *CommentInput) { c.URL = "java\tscript:alert(1)" }, "comment.error.invalid_text"},
		{"data url", func(c *CommentInput) { c.URL = "data:text/html;base64,PHNjcmlwdD4=" }, "comment.error.url_invalid"},
		{"data url, upper case", func(c *CommentInput) { c.URL = "DATA:text/html,x" }, "comment.error.url_invalid"},
		{"relative url", func(c *CommentInput) { c.URL = "/admin" }, "comment.error.url_invalid"},
		{"scheme-relative url", func(c *CommentInput) { c.URL = "//evil.example" }, "comment.error.url_invalid"},
		{"ftp url", func(c *CommentInput) { c.URL = "ftp://example.ma" }, "comment.error.url_invalid"},
		{"url with credentials", func(c *CommentInput) { c.URL = "https://user:pw@example.ma" }, "comment.error.url_invalid"},
		{"missing comment", func(c *CommentInput) { c.Body = "\n\n " }, "comment.error.body_required"},
		{"long comment", func(c *CommentInput) { c.Body = strings.Repeat("ك", 101) }, "comment.error.body_too_long"},
		{"invalid utf-8", func(c *CommentInput) { c.Body = "abc\xff" }, "comment.error.invalid_text"},
		{"nul", func(c *CommentInput) { c.Name = "a\x00b" }, "comment.error.invalid_text"},
		{"escape character", func(c *CommentInput) { c.Body = "a\x1b[31mb" }, "comment.error.invalid_text"},
		{"line break in name", func(c *CommentInput) { c.Name = "a\nb" }, "comment.error.invalid_text"},
		{"C1 control", func(c *CommentInput) { c.Body = "a\u0085b" }, "comment.error.invalid_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good
			tt.mutate(&in)
			errs := in.Clean(100)
			got := ""
			if len(errs) > 0 {
				got = errs[0].Key
			}
			if got != tt.want {
				t.Errorf("Clean = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommentInputNormalizes(t *testing.T) {
	in := CommentInput{
		Name:  "  \u202Eسارة\u202C ",
		Email: "sara@example.ma",
		URL:   "HTTPS://example.ma/x",
		Body:  "سطر\r\nسطر \u2066ثانٍ\u2069\r\u200fآخر",
	}
	if errs := in.Clean(1000); errs != nil {
		t.Fatal(errs)
	}
	if in.Name != "سارة" || in.URL != "https://example.ma/x" || in.Body != "سطر\nسطر ثانٍ\n\u200fآخر" {
		t.Errorf("cleaned to %q %q %q", in.Name, in.URL, in.Body)
	}
}

func TestCommentInputReportsAll(t *testing.T) {
	in := CommentInput{Email: "nope", URL: "javascript:x"}
	errs := in.Clean(100)
	fields := map[string]bool{}
	for _, e := range errs {
		fields[e.Field] = true
	}
	for _, f := range []string{"name", "email", "url", "comment"} {
		if !fields[f] {
			t.Errorf("no error for %s in %v", f, errs)
		}
	}
}
