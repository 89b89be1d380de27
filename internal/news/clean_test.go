package news

import (
	"errors"
	"testing"
)

func TestCleanHygiene(t *testing.T) {
	base := func() Article {
		return Article{Headline: "عنوان", Slug: "slug", Lang: "ar", Status: Draft, Section: Section{ID: 1}, Authors: []Author{{ID: 1}}}
	}
	refused := map[string]func(a *Article){
		"NUL in headline":       func(a *Article) { a.Headline = "a\x00b" },
		"invalid UTF-8 summary": func(a *Article) { a.Summary = "a\xffb" },
		"bidi control in slug":  func(a *Article) { a.Slug = "news\u202eslug" },
		"zero-width in slug":    func(a *Article) { a.Slug = "news\u200bslug" },
		"zero-width joiner":     func(a *Article) { a.Slug = "news\u200dslug" },
		"no-break space slug":   func(a *Article) { a.Slug = "news\u00a0slug" },
		"narrow nbsp slug":      func(a *Article) { a.Slug = "news\u202fslug" },
		"dot slug":              func(a *Article) { a.Slug = "." },
		"dot-dot slug":          func(a *Article) { a.Slug = ".." },
		"unpaired override":     func(a *Article) { a.Headline = "عنوان \u202e مقلوب" },
		"unpaired isolate":      func(a *Article) { a.Kicker = "\u2067نص" },
		"pop without push":      func(a *Article) { a.Headline = "نص\u202c" },
	}
	for name, f := range refused {
		a := base()
		f(&a)
		var fe *FieldError
		if err := a.Validate(); !errors.As(err, &fe) {
			t.Errorf("%s: accepted (%v)", name, err)
		}
	}
	a := base()
	a.Headline = "نص \u202bمضمَّن\u202c و\u2067معزول\u2069"
	a.Slug = "a.b..c"
	if err := a.Validate(); err != nil {
		t.Errorf("balanced controls or dots inside a slug refused: %v", err)
	}
	a = base()
	a.Headline = "Cafe\u0301" // e + combining acute
	a.Body = "<p>Cafe\u0301</p>"
	if err := a.Validate(); err != nil || a.Headline != "Café" || a.Body != "<p>Café</p>" {
		t.Errorf("text not NFC-normalized: %q %q %v", a.Headline, a.Body, err)
	}
}

func TestCheckName(t *testing.T) {
	for _, ok := range []string{"Sara Alaoui", "سارة العلوي", "سارة Alaoui", "Élise Dupont-Martin", "O'Brien", "وكالة المغرب العربي للأنباء (و.م.ع)"} {
		if _, err := CleanName("name", ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"S\u0430ra", "ﺳﺎﺭﺓ", "Sa\x00ra", "Sa\xffra", "Sa\u202era", "  "} {
		if _, err := CleanName("name", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got, _ := CleanName("name", " Cafe\u0301 "); got != "Café" {
		t.Errorf("name not trimmed and normalized: %q", got)
	}
}

func TestEmailIPLiteral(t *testing.T) {
	in := CommentInput{Name: "x", Email: "a@[127.0.0.1]", Body: "b"}
	if errs := in.Clean(1000); len(errs) == 0 {
		t.Error("an IP-literal email domain is accepted")
	}
}
