package discussion

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

func testSettings() news.CommentSettings {
	cs := news.DefaultSettings().Comments
	cs.SpamWords = []string{"كازينو", "casino"}
	cs.HoldWords = []string{"قرض"}
	return cs
}

func TestJudge(t *testing.T) {
	const ok = 10 * time.Second
	tests := []struct {
		name     string
		in       news.CommentInput // zero fields take the clean input's
		set      func(*news.CommentSettings)
		honeypot string
		age      time.Duration
		status   news.CommentStatus
		reason   string
	}{
		{name: "clean", age: ok, status: news.CommentPending},
		{name: "honeypot", honeypot: "http://bot.example", age: ok, status: news.CommentSpam, reason: "honeypot"},
		{name: "blank honeypot", honeypot: " \t", age: ok, status: news.CommentPending},
		{name: "spam word with tatweel and article", in: news.CommentInput{Body: "زوروا الكـــازينو الآن"},
			age: ok, status: news.CommentSpam, reason: "spam_word:كازينو"},
		{name: "spam word with diacritics", in: news.CommentInput{Body: "أفضل كَازِينو"},
			age: ok, status: news.CommentSpam, reason: "spam_word:كازينو"},
		{name: "spam word glued to a clitic", in: news.CommentInput{Body: "والكازينو"},
			age: ok, status: news.CommentSpam, reason: "spam_word:كازينو"},
		{name: "latin spam word, upper case", in: news.CommentInput{Body: "BEST CASINO ONLINE"},
			age: ok, status: news.CommentSpam, reason: "spam_word:casino"},
		{name: "spam word in the name", in: news.CommentInput{Name: "Casino Royal"},
			age: ok, status: news.CommentSpam, reason: "spam_word:casino"},
		{name: "spam word in the url", in: news.CommentInput{URL: "https://casino.example"},
			age: ok, status: news.CommentSpam, reason: "spam_word:casino"},
		{name: "email is not searched", in: news.CommentInput{Email: "casino@example.ma"},
			age: ok, status: news.CommentPending},
		{name: "listed word with diacritics matches plain text", in: news.CommentInput{Body: "ربح سريع مضمون"},
			set: func(cs *news.CommentSettings) { cs.SpamWords = []string{"رِبْح سَرِيع"} },
			age: ok, status: news.CommentSpam, reason: "spam_word:رِبْح سَرِيع"},
		{name: "alef and teh marbuta variants", in: news.CommentInput{Body: "اعلانات مجانيه"},
			set: func(cs *news.CommentSettings) { cs.SpamWords = []string{"إعلانات مجانية"} },
			age: ok, status: news.CommentSpam, reason: "spam_word:إعلانات مجانية"},
		{name: "blank listed words match nothing",
			set: func(cs *news.CommentSettings) {
				cs.SpamWords, cs.HoldWords = []string{"", "  ", "ـ"}, []string{"\u064E"}
			},
			age: ok, status: news.CommentPending},
		{name: "honeypot and spam word", in: news.CommentInput{Body: "كازينو"}, honeypot: "x",
			age: ok, status: news.CommentSpam, reason: "honeypot, spam_word:كازينو"},
		{name: "hold word", in: news.CommentInput{Body: "أعطني قَرْضًا"},
			age: ok, status: news.CommentPending, reason: "hold_word:قرض"},
		{name: "too fast", age: 2 * time.Second, status: news.CommentPending, reason: "too_fast"},
		{name: "just in time", age: 3 * time.Second, status: news.CommentPending},
		{name: "no minimum", set: func(cs *news.CommentSettings) { cs.MinSeconds = 0 },
			status: news.CommentPending},
		{name: "three links", in: news.CommentInput{Body: "http://a.example و https://b.example و www.c.example"},
			age: ok, status: news.CommentPending, reason: "links:3"},
		{name: "two links", in: news.CommentInput{Body: "http://a.example https://b.example"},
			age: ok, status: news.CommentPending},
		{name: "links in the url field do not count",
			in:  news.CommentInput{URL: "https://sara.example", Body: "http://a.example https://b.example"},
			age: ok, status: news.CommentPending},
		{name: "every hold reason", in: news.CommentInput{Body: "قرض http://a.example http://b.example http://c.example"},
			age: time.Second, status: news.CommentPending, reason: "too_fast, links:3, hold_word:قرض"},
		{name: "spam wins over hold", in: news.CommentInput{Body: "قرض كازينو http://a.example http://b.example http://c.example"},
			age: time.Second, status: news.CommentSpam, reason: "spam_word:كازينو"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := testSettings()
			if tt.set != nil {
				tt.set(&cs)
			}
			in := news.CommentInput{Name: "سارة", Email: "sara@example.ma", Body: "مقال مفيد، شكرا"}
			for _, f := range []struct{ dst, src *string }{
				{&in.Name, &tt.in.Name}, {&in.Email, &tt.in.Email}, {&in.URL, &tt.in.URL}, {&in.Body, &tt.in.Body},
			} {
				if *f.src != "" {
					*f.dst = *f.src
				}
			}
			status, reason := judge(cs, tt.honeypot, tt.age, in)
			if status != tt.status || reason != tt.reason {
				t.Errorf("judge = %q %q, want %q %q", status, reason, tt.status, tt.reason)
			}
		})
	}
}

func TestMatchWord(t *testing.T) {
	words := []string{"قرض", "Casino"}
	for _, tt := range []struct {
		text string
		want string
		ok   bool
	}{
		{"قرض", "قرض", true},
		{"casino", "Casino", true},
		{"قرص", "", false},
		{"", "", false},
	} {
		got, ok := matchWord(tt.text, words)
		if got != tt.want || ok != tt.ok {
			t.Errorf("matchWord(%q) = %q %v, want %q %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := matchWord("anything", nil); ok {
		t.Error("an empty list matched")
	}
}

func TestCountLinks(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"لا روابط هنا", 0},
		{"https://example.ma", 1},
		{"HTTP://EXAMPLE.MA", 1},
		{"http://a.example و https://b.example و www.c.example", 3},
		{"WWW.example.ma", 1},
		{"انظرhttp://example.ma", 1},
		{"(http://a.example)(http://b.example)", 2},
		{"ftp://example.ma mailto:a@example.ma", 0},
		{"example.ma", 0},
		{"xhttp://example.ma", 0},
		{"awww.example.ma", 0},
		{"سطر\nhttps://a.example\nhttps://b.example", 2},
	} {
		if got := countLinks(tt.text); got != tt.want {
			t.Errorf("countLinks(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestCountLinksWWWAfterScheme: an address such as https://www.example.ma
// is one link.
func TestCountLinksWWWAfterScheme(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"https://www.example.ma", 1},
		{"http://www.a.example https://www.b.example", 2},
	} {
		if got := countLinks(tt.text); got != tt.want {
			t.Errorf("countLinks(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestToken(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	good := makeToken(key, 42, now.Add(-10*time.Second))

	tamper := func(tok string, i int) string {
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			t.Fatal(err)
		}
		b[i] ^= 0x01
		return base64.RawURLEncoding.EncodeToString(b)
	}
	tests := []struct {
		name    string
		key     []byte
		token   string
		article int64
		age     time.Duration
		ok      bool
	}{
		{"valid", key, good, 42, 10 * time.Second, true},
		{"issued now", key, makeToken(key, 42, now), 42, 0, true},
		{"a day old", key, makeToken(key, 42, now.Add(-24*time.Hour)), 42, 24 * time.Hour, true},
		{"skew within a minute", key, makeToken(key, 42, now.Add(50*time.Second)), 42, 0, true},
		{"future by more than a minute", key, makeToken(key, 42, now.Add(2*time.Minute)), 42, 0, false},
		{"far future", key, makeToken(key, 42, now.Add(24*time.Hour)), 42, 0, false},
		{"wrong article", key, good, 43, 0, false},
		{"tampered article", key, tamper(good, 7), 42 ^ 1, 0, false},
		{"tampered time", key, tamper(good, 15), 42, 0, false},
		{"tampered mac", key, tamper(good, 20), 42, 0, false},
		{"last mac byte", key, tamper(good, tokenLen-1), 42, 0, false},
		{"wrong key", []byte("another key"), good, 42, 0, false},
		{"no key", nil, good, 42, 0, false},
		{"truncated", key, good[:len(good)-2], 42, 0, false},
		{"one byte more", key, base64.RawURLEncoding.EncodeToString(append(mustDecode(t, good), 0)), 42, 0, false},
		{"padded", key, base64.URLEncoding.EncodeToString(mustDecode(t, good)), 42, 0, false},
		{"not base64", key, "!!!!not*base64!!!!", 42, 0, false},
		{"empty", key, "", 42, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			age, ok := checkToken(tt.key, tt.token, tt.article, now)
			if ok != tt.ok || age != tt.age {
				t.Errorf("checkToken = %v %v, want %v %v", age, ok, tt.age, tt.ok)
			}
		})
	}
	if a, b := makeToken(key, 42, now), makeToken(key, 42, now); a != b {
		t.Errorf("tokens differ for the same input: %q %q", a, b)
	}
	if makeToken(key, 42, now) == makeToken(key, 43, now) || makeToken(key, 42, now) == makeToken(key, 42, now.Add(time.Second)) {
		t.Error("the token does not depend on the article and the time")
	}
}

func mustDecode(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// env is a service over a real SQLite store with a fixed clock.
type env struct {
	ctx   context.Context
	st    *store.Store
	svc   *Service
	now   time.Time
	key   []byte
	sec   news.Section
	by    news.Author
	art   news.Article
	other news.Article
	n     int
}

func newEnv(t *testing.T, settings func(*news.CommentSettings)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// The store stamps comments with its own clock; keep the service's
	// fixed clock next to it so that rate-limit windows mean the same.
	e := &env{ctx: ctx, st: st, now: time.Now().UTC().Truncate(time.Second)}
	e.svc = New(st, slog.New(slog.DiscardHandler), func() time.Time { return e.now })

	set := news.DefaultSettings()
	if settings != nil {
		settings(&set.Comments)
	}
	must(t, st.SaveSettings(ctx, set))

	e.sec = news.Section{Slug: "first", Name: "الأولى", Position: 1}
	must(t, st.CreateSection(ctx, &e.sec))
	e.by = news.Author{Slug: "yassine", Name: "ياسين قُطيب"}
	must(t, st.CreateAuthor(ctx, &e.by))
	e.art = e.article(t, "مقال", e.now.Add(-time.Hour))
	e.other = e.article(t, "مقال-آخر", e.now.Add(-time.Hour))

	e.key, err = e.svc.tokenKey(ctx)
	must(t, err)
	if len(e.key) != 32 {
		t.Fatalf("token key of %d bytes", len(e.key))
	}
	return e
}

func (e *env) article(t *testing.T, slug string, published time.Time) news.Article {
	t.Helper()
	a := news.Article{
		Slug: slug, Headline: "عنوان " + slug, Body: "<p>نص</p>", Lang: "ar",
		Status: news.Published, Section: e.sec, Authors: []news.Author{e.by}, Published: published,
	}
	must(t, e.st.CreateArticle(e.ctx, &a))
	return a
}

// sub is a good submission on a, from its own reader, with a form loaded
// ten seconds ago.
func (e *env) sub(a news.Article) Submission {
	e.n++
	return Submission{
		Article: a,
		Input: news.CommentInput{
			Name:  fmt.Sprintf("قارئ %d", e.n),
			Email: fmt.Sprintf("reader%d@example.ma", e.n),
			Body:  fmt.Sprintf("تعليق رقم %d", e.n),
		},
		Token:     makeToken(e.key, a.ID, e.now.Add(-10*time.Second)),
		IP:        fmt.Sprintf("198.51.100.%d", e.n),
		UserAgent: "Mozilla/5.0",
	}
}

func (e *env) submit(t *testing.T, sub Submission) news.Comment {
	t.Helper()
	out, err := e.svc.Submit(e.ctx, sub)
	if err != nil {
		t.Fatalf("Submit: %v", err)
	}
	if out.Duplicate || out.Comment.ID == 0 {
		t.Fatalf("Submit: duplicate = %v, id = %d", out.Duplicate, out.Comment.ID)
	}
	return out.Comment
}

func (e *env) approve(t *testing.T, ids ...int64) {
	t.Helper()
	n, err := e.svc.Moderate(e.ctx, Approve, ids)
	must(t, err)
	if n != len(ids) {
		t.Fatalf("approved %d, want %d", n, len(ids))
	}
}

func (e *env) comments(t *testing.T) []news.Comment {
	t.Helper()
	list, err := e.st.Comments(e.ctx, news.CommentFilter{})
	must(t, err)
	return list
}

func (e *env) refusals(t *testing.T) []news.Refusal {
	t.Helper()
	list, err := e.st.Refusals(e.ctx, 100)
	must(t, err)
	return list
}

func (e *env) comment(t *testing.T, id int64) news.Comment {
	t.Helper()
	c, err := e.st.Comment(e.ctx, id)
	must(t, err)
	return c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSubmitStoresPending(t *testing.T) {
	e := newEnv(t, nil)
	sub := e.sub(e.art)
	sub.Input.Name = "  سارة\u202E "
	sub.Input.URL = "HTTPS://example.ma/sara"
	sub.UserAgent = strings.Repeat("ب", 400)
	c := e.submit(t, sub)

	if c.Status != news.CommentPending || c.Reason != "" {
		t.Errorf("status %q reason %q, want pending and no reason", c.Status, c.Reason)
	}
	got := e.comment(t, c.ID)
	if got.ArticleID != e.art.ID || got.ParentID != 0 || got.Name != "سارة" || got.Email != sub.Input.Email ||
		got.URL != "https://example.ma/sara" || got.Body != sub.Input.Body || got.IP != sub.IP ||
		got.Status != news.CommentPending || got.Key == "" || got.Key != c.Key {
		t.Errorf("stored %+v", got)
	}
	if n := len([]rune(got.UserAgent)); n != 300 {
		t.Errorf("user agent of %d characters stored, want 300", n)
	}
	if got.Created.IsZero() {
		t.Error("created not set")
	}
	if r := e.refusals(t); len(r) != 0 {
		t.Errorf("refusals recorded for a good comment: %+v", r)
	}
}

func TestSubmitDuplicate(t *testing.T) {
	e := newEnv(t, nil)
	sub := e.sub(e.art)
	first := e.submit(t, sub)

	out, err := e.svc.Submit(e.ctx, sub)
	must(t, err)
	if !out.Duplicate || out.Comment.ID != first.ID {
		t.Errorf("second submit: duplicate = %v, id = %d; want true, %d", out.Duplicate, out.Comment.ID, first.ID)
	}
	// A retry from another page load, with the email in other case and
	// extra spaces, is the same comment.
	retry := sub
	retry.Input.Email = strings.ToUpper(sub.Input.Email)
	retry.Input.Body = "  " + sub.Input.Body + "\r\n"
	retry.Token = makeToken(e.key, e.art.ID, e.now.Add(-time.Minute))
	out, err = e.svc.Submit(e.ctx, retry)
	must(t, err)
	if !out.Duplicate || out.Comment.ID != first.ID {
		t.Errorf("retry: duplicate = %v, id = %d; want true, %d", out.Duplicate, out.Comment.ID, first.ID)
	}
	if n := len(e.comments(t)); n != 1 {
		t.Errorf("%d comments stored, want 1", n)
	}
	// The same text on another article is a new comment.
	elsewhere := sub
	elsewhere.Article = e.other
	elsewhere.Token = makeToken(e.key, e.other.ID, e.now.Add(-10*time.Second))
	e.submit(t, elsewhere)
}

func TestSubmitBadInput(t *testing.T) {
	e := newEnv(t, nil)
	for name, mutate := range map[string]func(*news.CommentInput){
		"no name":        func(in *news.CommentInput) { in.Name = " " },
		"bad email":      func(in *news.CommentInput) { in.Email = "not-an-email" },
		"javascript url": func(in *news.CommentInput) { in.URL = "javascript:alert(1)" },
		"empty body":     func(in *news.CommentInput) { in.Body = "\n \n" },
		"too long":       func(in *news.CommentInput) { in.Body = strings.Repeat("ك", 5001) },
	} {
		sub := e.sub(e.art)
		mutate(&sub.Input)
		_, err := e.svc.Submit(e.ctx, sub)
		var ie *InputError
		if !errors.As(err, &ie) || len(ie.Fields) == 0 {
			t.Errorf("%s: err = %v, want *InputError", name, err)
		}
	}
	sub := e.sub(e.art)
	sub.Input = news.CommentInput{}
	_, err := e.svc.Submit(e.ctx, sub)
	var ie *InputError
	if !errors.As(err, &ie) || len(ie.Fields) != 3 {
		t.Errorf("empty form: err = %v, want name, email and comment errors", err)
	} else if !strings.Contains(ie.Error(), "email:comment.error.email_required") {
		t.Errorf("error text %q", ie.Error())
	}
	if n := len(e.comments(t)); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
}

func TestSubmitExpired(t *testing.T) {
	e := newEnv(t, nil)
	tests := map[string]string{
		"25 hours old":  makeToken(e.key, e.art.ID, e.now.Add(-25*time.Hour)),
		"other article": makeToken(e.key, e.other.ID, e.now.Add(-10*time.Second)),
		"wrong key":     makeToken([]byte("not the key"), e.art.ID, e.now.Add(-10*time.Second)),
		"future":        makeToken(e.key, e.art.ID, e.now.Add(5*time.Minute)),
		"garbage":       "garbage",
		"missing":       "",
	}
	for name, tok := range tests {
		sub := e.sub(e.art)
		sub.Token = tok
		if _, err := e.svc.Submit(e.ctx, sub); !errors.Is(err, ErrExpired) {
			t.Errorf("%s: err = %v, want ErrExpired", name, err)
		}
	}
	if n := len(e.comments(t)); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
	refusals := e.refusals(t)
	if len(refusals) != len(tests) {
		t.Fatalf("%d refusals, want %d", len(refusals), len(tests))
	}
	for _, r := range refusals {
		if r.Reason != "expired_form" || r.ArticleID != e.art.ID || !strings.HasPrefix(r.IP, "198.51.100.") {
			t.Errorf("refusal %+v", r)
		}
	}

	// Just inside the limit is fine.
	sub := e.sub(e.art)
	sub.Token = makeToken(e.key, e.art.ID, e.now.Add(-23*time.Hour))
	e.submit(t, sub)
}

func TestSubmitExpiredOneRefusal(t *testing.T) {
	e := newEnv(t, nil)
	sub := e.sub(e.art)
	sub.Token = makeToken(e.key, e.art.ID, e.now.Add(-25*time.Hour))
	if _, err := e.svc.Submit(e.ctx, sub); !errors.Is(err, ErrExpired) {
		t.Fatalf("err = %v, want ErrExpired", err)
	}
	if n := len(e.comments(t)); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
	r := e.refusals(t)
	if len(r) != 1 || r[0].Reason != "expired_form" || r[0].ArticleID != e.art.ID || r[0].IP != sub.IP {
		t.Errorf("refusals %+v, want one expired_form for %s", r, sub.IP)
	}
}

func TestSubmitClosed(t *testing.T) {
	e := newEnv(t, nil)
	must(t, e.st.SetCommentsClosed(e.ctx, e.art.ID, true))
	closed, err := e.st.ArticleByID(e.ctx, e.art.ID)
	must(t, err)
	if _, err := e.svc.Submit(e.ctx, e.sub(closed)); !errors.Is(err, ErrClosed) {
		t.Errorf("closed article: err = %v, want ErrClosed", err)
	}
	if n := len(e.comments(t)); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
}

func TestSubmitClosedAfterDays(t *testing.T) {
	e := newEnv(t, func(cs *news.CommentSettings) { cs.CloseAfterDays = 30 })
	old := e.article(t, "old", e.now.Add(-31*24*time.Hour))
	recent := e.article(t, "recent", e.now.Add(-29*24*time.Hour))
	if _, err := e.svc.Submit(e.ctx, e.sub(old)); !errors.Is(err, ErrClosed) {
		t.Errorf("31 days old: err = %v, want ErrClosed", err)
	}
	if n := len(e.comments(t)); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
	c := e.submit(t, e.sub(recent))
	if c.ArticleID != recent.ID {
		t.Errorf("comment on article %d, want %d", c.ArticleID, recent.ID)
	}

	// With no limit in days, old articles stay open.
	set, err := e.st.Settings(e.ctx)
	must(t, err)
	set.Comments.CloseAfterDays = 0
	must(t, e.st.SaveSettings(e.ctx, set))
	e.submit(t, e.sub(old))
}

func TestClosed(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	set := news.CommentSettings{CloseAfterDays: 30}
	for _, tt := range []struct {
		name string
		a    news.Article
		set  news.CommentSettings
		want bool
	}{
		{"open", news.Article{Published: now.Add(-time.Hour)}, set, false},
		{"closed by hand", news.Article{Published: now, CommentsClosed: true}, news.CommentSettings{}, true},
		{"exactly 30 days", news.Article{Published: now.Add(-30 * 24 * time.Hour)}, set, false},
		{"31 days", news.Article{Published: now.Add(-31 * 24 * time.Hour)}, set, true},
		{"31 days, no limit", news.Article{Published: now.Add(-31 * 24 * time.Hour)}, news.CommentSettings{}, false},
	} {
		if got := Closed(tt.a, tt.set, now); got != tt.want {
			t.Errorf("%s: Closed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSubmitReplies(t *testing.T) {
	e := newEnv(t, nil)
	root := e.submit(t, e.sub(e.art))
	e.approve(t, root.ID)

	sub := e.sub(e.art)
	sub.ParentID = root.ID
	reply := e.submit(t, sub)
	if reply.ParentID != root.ID || e.comment(t, reply.ID).ParentID != root.ID {
		t.Errorf("reply parent %d, want %d", e.comment(t, reply.ID).ParentID, root.ID)
	}
	e.approve(t, reply.ID)

	sub = e.sub(e.art)
	sub.ParentID = reply.ID
	nested := e.submit(t, sub)
	if got := e.comment(t, nested.ID).ParentID; got != root.ID {
		t.Errorf("reply to a reply has parent %d, want the root %d", got, root.ID)
	}

	pending := e.submit(t, e.sub(e.art))
	onOther := e.submit(t, e.sub(e.other))
	e.approve(t, onOther.ID)
	spam := e.submit(t, e.sub(e.art))
	_, err := e.svc.Moderate(e.ctx, Spam, []int64{spam.ID})
	must(t, err)
	before := len(e.comments(t))
	for name, parent := range map[string]int64{
		"pending":       pending.ID,
		"other article": onOther.ID,
		"spam":          spam.ID,
		"unknown":       424242,
	} {
		sub := e.sub(e.art)
		sub.ParentID = parent
		if _, err := e.svc.Submit(e.ctx, sub); !errors.Is(err, ErrBadParent) {
			t.Errorf("reply to %s comment: err = %v, want ErrBadParent", name, err)
		}
	}
	if n := len(e.comments(t)); n != before {
		t.Errorf("%d comments after bad replies, want %d", n, before)
	}
}

func TestSubmitAutoApproveKnown(t *testing.T) {
	for _, auto := range []bool{true, false} {
		t.Run(fmt.Sprint(auto), func(t *testing.T) {
			e := newEnv(t, func(cs *news.CommentSettings) {
				cs.AutoApproveKnown = auto
				cs.PerEmail = 0
				cs.HoldWords = []string{"قرض"}
			})
			first := e.sub(e.art)
			c := e.submit(t, first)
			if c.Status != news.CommentPending {
				t.Fatalf("first comment %q, want pending", c.Status)
			}
			// Before approval the reader is not known.
			next := e.sub(e.art)
			next.Input.Email = first.Input.Email
			if c := e.submit(t, next); c.Status != news.CommentPending || c.Reason != "" {
				t.Errorf("before approval: %q %q, want pending", c.Status, c.Reason)
			}
			e.approve(t, c.ID)

			again := e.sub(e.art)
			again.Input.Email = first.Input.Email
			got := e.submit(t, again)
			wantStatus, wantReason := news.CommentPending, ""
			if auto {
				wantStatus, wantReason = news.CommentApproved, "known_commenter"
			}
			if got.Status != wantStatus || got.Reason != wantReason {
				t.Errorf("known reader: %q %q, want %q %q", got.Status, got.Reason, wantStatus, wantReason)
			}
			if stored := e.comment(t, got.ID); stored.Status != wantStatus || stored.Reason != wantReason {
				t.Errorf("stored %q %q, want %q %q", stored.Status, stored.Reason, wantStatus, wantReason)
			}

			// Another reader is not known; a known reader's held comment
			// stays held.
			if c := e.submit(t, e.sub(e.art)); c.Status != news.CommentPending {
				t.Errorf("unknown reader: %q, want pending", c.Status)
			}
			held := e.sub(e.art)
			held.Input.Email = first.Input.Email
			held.Input.Body = "أريد قرضا"
			if c := e.submit(t, held); c.Status != news.CommentPending || c.Reason != "hold_word:قرض" {
				t.Errorf("known reader, held word: %q %q", c.Status, c.Reason)
			}
			fast := e.sub(e.art)
			fast.Input.Email = first.Input.Email
			fast.Token = makeToken(e.key, e.art.ID, e.now)
			if c := e.submit(t, fast); c.Status != news.CommentPending || c.Reason != "too_fast" {
				t.Errorf("known reader, too fast: %q %q", c.Status, c.Reason)
			}
		})
	}
}

func TestSubmitSpamIsStored(t *testing.T) {
	e := newEnv(t, func(cs *news.CommentSettings) { cs.SpamWords = []string{"كازينو"} })
	sub := e.sub(e.art)
	sub.Honeypot = "filled by a bot"
	c := e.submit(t, sub)
	if got := e.comment(t, c.ID); got.Status != news.CommentSpam || got.Reason != "honeypot" {
		t.Errorf("honeypot: stored %q %q", got.Status, got.Reason)
	}
	sub = e.sub(e.art)
	sub.Input.Body = "أفضل كَازِينـــو"
	c = e.submit(t, sub)
	if got := e.comment(t, c.ID); got.Status != news.CommentSpam || got.Reason != "spam_word:كازينو" {
		t.Errorf("spam word: stored %q %q", got.Status, got.Reason)
	}
}

func TestSubmitRateLimit(t *testing.T) {
	e := newEnv(t, func(cs *news.CommentSettings) { cs.PerIP = 1 })
	first := e.sub(e.art)
	e.submit(t, first)

	second := e.sub(e.art)
	second.IP = first.IP
	if _, err := e.svc.Submit(e.ctx, second); !errors.Is(err, news.ErrRateLimited) {
		t.Errorf("second post from %s: err = %v, want news.ErrRateLimited", first.IP, err)
	}
	if n := len(e.comments(t)); n != 1 {
		t.Errorf("%d comments stored, want 1", n)
	}
	r := e.refusals(t)
	if len(r) != 1 || r[0].Reason != "rate_limit" || r[0].IP != first.IP || r[0].ArticleID != e.art.ID {
		t.Errorf("refusals %+v, want one rate_limit for %s", r, first.IP)
	}
	// The first comment again is a duplicate, not a refusal.
	out, err := e.svc.Submit(e.ctx, first)
	if err != nil || !out.Duplicate {
		t.Errorf("repeat of the first post: duplicate = %v, err = %v", out.Duplicate, err)
	}
	// Another address may post.
	e.submit(t, e.sub(e.art))
}

func TestSubmitRateLimitPerEmail(t *testing.T) {
	e := newEnv(t, func(cs *news.CommentSettings) { cs.PerEmail = 2 })
	var email string
	for i := range 3 {
		sub := e.sub(e.art)
		if i == 0 {
			email = sub.Input.Email
		}
		sub.Input.Email = email
		_, err := e.svc.Submit(e.ctx, sub)
		if i < 2 && err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
		if i == 2 && !errors.Is(err, news.ErrRateLimited) {
			t.Errorf("third post: err = %v, want news.ErrRateLimited", err)
		}
	}
	if n := len(e.comments(t)); n != 2 {
		t.Errorf("%d comments stored, want 2", n)
	}
}

func TestModerate(t *testing.T) {
	e := newEnv(t, nil)
	var ids []int64
	for range 4 {
		ids = append(ids, e.submit(t, e.sub(e.art)).ID)
	}
	status := func(id int64) news.CommentStatus { return e.comment(t, id).Status }

	for _, tt := range []struct {
		action  Action
		ids     []int64
		want    news.CommentStatus
		changed int
	}{
		{Approve, []int64{ids[0], ids[1]}, news.CommentApproved, 2},
		{Spam, []int64{ids[1], 424242}, news.CommentSpam, 1},
		{Trash, []int64{ids[2]}, news.CommentTrash, 1},
	} {
		n, err := e.svc.Moderate(e.ctx, tt.action, tt.ids)
		must(t, err)
		if n != tt.changed {
			t.Errorf("%s: changed %d, want %d", tt.action, n, tt.changed)
		}
		if got := status(tt.ids[0]); got != tt.want {
			t.Errorf("%s: status %q, want %q", tt.action, got, tt.want)
		}
	}
	if got := []news.CommentStatus{status(ids[0]), status(ids[1]), status(ids[2]), status(ids[3])}; fmt.Sprint(got) !=
		fmt.Sprint([]news.CommentStatus{news.CommentApproved, news.CommentSpam, news.CommentTrash, news.CommentPending}) {
		t.Errorf("statuses %v", got)
	}

	if n, err := e.svc.Moderate(e.ctx, "publish", []int64{ids[3]}); err == nil || n != 0 {
		t.Errorf("unknown action: changed %d, err = %v", n, err)
	}
	if got := status(ids[3]); got != news.CommentPending {
		t.Errorf("unknown action changed the status to %q", got)
	}

	// Deleting a thread's root deletes its replies.
	sub := e.sub(e.art)
	sub.ParentID = ids[0]
	reply := e.submit(t, sub)
	n, err := e.svc.Moderate(e.ctx, Delete, []int64{ids[0], ids[2]})
	must(t, err)
	if n != 2 {
		t.Errorf("delete: changed %d, want 2", n)
	}
	for _, id := range []int64{ids[0], ids[2], reply.ID} {
		if _, err := e.st.Comment(e.ctx, id); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("comment %d after delete: err = %v, want news.ErrNotFound", id, err)
		}
	}
	list, err := e.svc.List(e.ctx, news.CommentFilter{})
	must(t, err)
	var left []int64
	for _, c := range list {
		left = append(left, c.ID)
	}
	if fmt.Sprint(left) != fmt.Sprint([]int64{ids[1], ids[3]}) {
		t.Errorf("left %v, want %v", left, []int64{ids[1], ids[3]})
	}
}

func TestModerateCounts(t *testing.T) {
	e := newEnv(t, nil)
	a := e.submit(t, e.sub(e.art))
	b := e.submit(t, e.sub(e.art))
	for _, tt := range []struct {
		action Action
		ids    []int64
		want   int
	}{
		{Approve, []int64{a.ID, b.ID}, 2},
		{Spam, []int64{a.ID, 424242}, 1},
		{Trash, []int64{424242}, 0},
		{Delete, []int64{b.ID, 424242}, 1},
	} {
		n, err := e.svc.Moderate(e.ctx, tt.action, tt.ids)
		if err != nil || n != tt.want {
			t.Errorf("%s %v: changed %d, err = %v; want %d", tt.action, tt.ids, n, err, tt.want)
		}
	}
}

func TestEdit(t *testing.T) {
	e := newEnv(t, nil)
	sub := e.sub(e.art)
	sub.Input.URL = "https://example.ma/old"
	c := e.submit(t, sub)
	e.approve(t, c.ID)

	must(t, e.svc.Edit(e.ctx, c.ID, "  سارة م.\u202E ", "HTTP://Example.ma/new", " نص\r\nمصحح "))
	got := e.comment(t, c.ID)
	if got.Name != "سارة م." || got.URL != "http://Example.ma/new" || got.Body != "نص\nمصحح" {
		t.Errorf("after edit: %q %q %q", got.Name, got.URL, got.Body)
	}
	if got.Email != sub.Input.Email || got.Status != news.CommentApproved || got.IP != sub.IP || got.Key != c.Key {
		t.Errorf("edit changed other fields: %+v", got)
	}

	for name, tt := range map[string][3]string{
		"javascript url": {"سارة", "javascript:alert(1)", "نص"},
		"no name":        {" ", "", "نص"},
		"empty body":     {"سارة", "", "  "},
		"bidi-only name": {"\u202E\u202C", "", "نص"},
	} {
		err := e.svc.Edit(e.ctx, c.ID, tt[0], tt[1], tt[2])
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: err = %v, want *InputError", name, err)
		}
	}
	if again := e.comment(t, c.ID); again.Name != got.Name || again.URL != got.URL || again.Body != got.Body {
		t.Errorf("a refused edit changed the comment: %+v", again)
	}
	if err := e.svc.Edit(e.ctx, 424242, "سارة", "", "نص"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown comment: err = %v, want news.ErrNotFound", err)
	}
	// Removing the website is allowed.
	must(t, e.svc.Edit(e.ctx, c.ID, "سارة", "", "نص"))
	if got := e.comment(t, c.ID); got.URL != "" {
		t.Errorf("url %q after removing it", got.URL)
	}
}

func TestThread(t *testing.T) {
	e := newEnv(t, nil)
	first := e.submit(t, e.sub(e.art))
	second := e.submit(t, e.sub(e.art))
	hidden := e.submit(t, e.sub(e.art))
	elsewhere := e.submit(t, e.sub(e.other))
	e.approve(t, first.ID, second.ID, elsewhere.ID)

	reply := func(parent int64) news.Comment {
		sub := e.sub(e.art)
		sub.ParentID = parent
		return e.submit(t, sub)
	}
	r1 := reply(first.ID)
	r2 := reply(first.ID)
	pendingReply := reply(first.ID)
	r3 := reply(second.ID)
	e.approve(t, r1.ID, r2.ID, r3.ID)
	// A reply whose thread is then hidden is not shown either.
	orphanRoot := e.submit(t, e.sub(e.art))
	e.approve(t, orphanRoot.ID)
	orphan := reply(orphanRoot.ID)
	e.approve(t, orphan.ID)
	_, err := e.svc.Moderate(e.ctx, Trash, []int64{orphanRoot.ID})
	must(t, err)

	threads, count, err := e.svc.Thread(e.ctx, e.art.ID)
	must(t, err)
	var shape []string
	for _, c := range threads {
		s := fmt.Sprint(c.ID, ":")
		for _, r := range c.Replies {
			s += fmt.Sprint(" ", r.ID)
		}
		shape = append(shape, s)
	}
	want := []string{fmt.Sprintf("%d: %d %d", first.ID, r1.ID, r2.ID), fmt.Sprintf("%d: %d", second.ID, r3.ID)}
	if fmt.Sprint(shape) != fmt.Sprint(want) {
		t.Errorf("threads %q, want %q (hidden %d, pending reply %d)", shape, want, hidden.ID, pendingReply.ID)
	}
	if count != 5 {
		t.Errorf("count %d, want 5", count)
	}
	for _, c := range threads {
		if c.Status != news.CommentApproved || c.ArticleID != e.art.ID {
			t.Errorf("thread comment %+v", c)
		}
	}

	threads, count, err = e.svc.Thread(e.ctx, e.other.ID)
	must(t, err)
	if len(threads) != 1 || threads[0].ID != elsewhere.ID || count != 1 {
		t.Errorf("other article: %d threads, count %d", len(threads), count)
	}
	threads, count, err = e.svc.Thread(e.ctx, 424242)
	must(t, err)
	if len(threads) != 0 || count != 0 {
		t.Errorf("unknown article: %d threads, count %d", len(threads), count)
	}
}

func TestTokenFromService(t *testing.T) {
	e := newEnv(t, nil)
	tok, err := e.svc.Token(e.ctx, e.art.ID)
	must(t, err)
	if age, ok := checkToken(e.key, tok, e.art.ID, e.now.Add(7*time.Second)); !ok || age != 7*time.Second {
		t.Errorf("service token: %v %v", age, ok)
	}
	// Another node sharing the database accepts it.
	other := New(e.st, slog.New(slog.DiscardHandler), func() time.Time { return e.now.Add(10 * time.Second) })
	sub := e.sub(e.art)
	sub.Token = tok
	out, err := other.Submit(e.ctx, sub)
	if err != nil || out.Comment.Status != news.CommentPending || out.Comment.Reason != "" {
		t.Errorf("token from another node: %+v, %v", out.Comment, err)
	}
}

// A failure to read the token key, here a cancelled request, must not be
// remembered: the next request must get the key.
func TestTokenKeyRetriedAfterError(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	must(t, err)
	t.Cleanup(func() { st.Close() })
	svc := New(st, slog.New(slog.DiscardHandler), nil)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := svc.Token(cancelled, 1); err == nil {
		t.Fatal("Token with a cancelled context succeeded")
	}
	tok, err := svc.Token(ctx, 1)
	if err != nil {
		t.Fatalf("Token after a cancelled request: %v", err)
	}
	key, err := st.Secret(ctx, "comment-token", func() []byte { return []byte("unused") })
	must(t, err)
	if _, ok := checkToken(key, tok, 1, time.Now()); !ok {
		t.Error("token not signed with the stored key")
	}
}

func TestInputErrorText(t *testing.T) {
	e := &InputError{Fields: []*news.FieldError{{Field: "name", Key: "a"}, {Field: "email", Key: "b"}}}
	if got := e.Error(); got != "invalid comment: name:a, email:b" {
		t.Errorf("Error() = %q", got)
	}
}

func TestDedupKey(t *testing.T) {
	sub := func(article int64, token, ip string) Submission {
		return Submission{Article: news.Article{ID: article}, Token: token, IP: ip}
	}
	in := news.CommentInput{Name: "سارة", Email: "sara@example.ma", Body: "نص"}
	k := dedupKey(sub(1, "tok", "192.0.2.1"), 0, in)
	if k != dedupKey(sub(1, "another page load", "192.0.2.1"), 0, in) {
		t.Error("the same post from a reloaded form gives another key")
	}
	for name, other := range map[string]string{
		"article": dedupKey(sub(2, "tok", "192.0.2.1"), 0, in),
		"parent":  dedupKey(sub(1, "tok", "192.0.2.1"), 5, in),
		"address": dedupKey(sub(1, "tok", "192.0.2.2"), 0, in),
		"name":    dedupKey(sub(1, "tok", "192.0.2.1"), 0, news.CommentInput{Name: "سارا", Email: in.Email, Body: in.Body}),
		"body":    dedupKey(sub(1, "tok", "192.0.2.1"), 0, news.CommentInput{Name: in.Name, Email: in.Email, Body: "نص آخر"}),
		"email":   dedupKey(sub(1, "tok", "192.0.2.1"), 0, news.CommentInput{Name: in.Name, Email: "other@example.ma", Body: in.Body}),
	} {
		if other == k {
			t.Errorf("changing the %s keeps the key", name)
		}
	}
}

// TestRefusalsThrottled: a flood of forged posts from one address writes
// one refusal a minute, not one each.
func TestRefusalsThrottled(t *testing.T) {
	e := newEnv(t, nil)
	sub := e.sub(e.art)
	sub.Token = "forged"
	for range 20 {
		if _, err := e.svc.Submit(e.ctx, sub); !errors.Is(err, ErrExpired) {
			t.Fatalf("err = %v, want ErrExpired", err)
		}
	}
	if n := len(e.refusals(t)); n != 1 {
		t.Errorf("%d refusals after 20 forged posts within a minute, want 1", n)
	}
	e.now = e.now.Add(refusalEvery + time.Second)
	if _, err := e.svc.Submit(e.ctx, sub); !errors.Is(err, ErrExpired) {
		t.Fatalf("err = %v, want ErrExpired", err)
	}
	if n := len(e.refusals(t)); n != 2 {
		t.Errorf("%d refusals a minute later, want 2", n)
	}
}
