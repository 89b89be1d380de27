package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// commentArticle stores a published article to comment on.
func commentArticle(t *testing.T, s *store.Store, f fixture, slug string) news.Article {
	t.Helper()
	a := f.article(slug, f.first, base, f.yassine)
	must(t, s.CreateArticle(context.Background(), &a))
	return a
}

// comment is a pending comment on a with the given dedup key, IP and email.
func comment(a news.Article, key, ip, email string) news.Comment {
	return news.Comment{
		ArticleID: a.ID,
		Name:      "سارة",
		Email:     email,
		Body:      "تعليق " + key,
		Status:    news.CommentPending,
		IP:        ip,
		UserAgent: "Mozilla/5.0",
		Key:       key,
	}
}

// addComment stores c with no limits and returns it as stored.
func addComment(t *testing.T, s *store.Store, c news.Comment) news.Comment {
	t.Helper()
	dup, err := s.AddComment(context.Background(), &c, news.CommentLimits{})
	must(t, err)
	if dup {
		t.Fatalf("comment %q reported as a duplicate", c.Key)
	}
	if c.ID == 0 {
		t.Fatalf("comment %q: AddComment did not set the id", c.Key)
	}
	return c
}

func allComments(t *testing.T, s *store.Store, f news.CommentFilter) []news.Comment {
	t.Helper()
	list, err := s.Comments(context.Background(), f)
	must(t, err)
	return list
}

func countComments(t *testing.T, s *store.Store) int {
	t.Helper()
	return len(allComments(t, s, news.CommentFilter{}))
}

func ids(list []news.Comment) []int64 {
	out := make([]int64, 0, len(list))
	for _, c := range list {
		out = append(out, c.ID)
	}
	return out
}

// diffComment returns the first difference between two stored comments
// (Replies aside), or "".
func diffComment(got, want news.Comment) string {
	pairs := [][3]string{
		{"name", got.Name, want.Name}, {"email", got.Email, want.Email}, {"url", got.URL, want.URL},
		{"body", got.Body, want.Body}, {"status", string(got.Status), string(want.Status)},
		{"reason", got.Reason, want.Reason}, {"ip", got.IP, want.IP},
		{"user agent", got.UserAgent, want.UserAgent}, {"key", got.Key, want.Key},
	}
	for _, p := range pairs {
		if p[1] != p[2] {
			return fmt.Sprintf("%s = %q, want %q", p[0], p[1], p[2])
		}
	}
	if got.ID != want.ID || got.ArticleID != want.ArticleID || got.ParentID != want.ParentID {
		return fmt.Sprintf("ids = %d/%d/%d, want %d/%d/%d", got.ID, got.ArticleID, got.ParentID, want.ID, want.ArticleID, want.ParentID)
	}
	if !got.Created.Equal(want.Created) || !got.Updated.Equal(want.Updated) {
		return fmt.Sprintf("times = %v/%v, want %v/%v", got.Created, got.Updated, want.Created, want.Updated)
	}
	return ""
}

func testCommentRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "round-trip")
	before := time.Now().UTC().Truncate(time.Second)

	root := addComment(t, s, comment(a, "root", "203.0.113.1", "root@example.ma"))
	reply := news.Comment{
		ArticleID: a.ID,
		ParentID:  root.ID,
		Name:      "ياسين قُطيب",
		Email:     "yassine@example.ma",
		URL:       "https://example.ma/yassine",
		Body:      "سطر أول\nسطر «ثانٍ» 😊",
		Status:    news.CommentSpam,
		Reason:    "honeypot, spam_word:كازينو",
		IP:        "2001:db8::1",
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64)",
		Key:       "reply-key",
	}
	want := reply
	reply = addComment(t, s, reply)
	after := time.Now().UTC()

	if reply.Created.IsZero() || reply.Created.Before(before) || reply.Created.After(after) {
		t.Errorf("created = %v, want between %v and %v", reply.Created, before, after)
	}
	if !reply.Created.Equal(reply.Created.Truncate(time.Second)) || reply.Created.Location() != time.UTC {
		t.Errorf("created = %v, want whole seconds in UTC", reply.Created)
	}
	if !reply.Updated.Equal(reply.Created) {
		t.Errorf("updated = %v, want created %v", reply.Updated, reply.Created)
	}
	if reply.ID == root.ID {
		t.Errorf("reply got the root's id %d", root.ID)
	}
	want.ID, want.Created, want.Updated = reply.ID, reply.Created, reply.Created

	got, err := s.Comment(ctx, reply.ID)
	must(t, err)
	if d := diffComment(got, want); d != "" {
		t.Errorf("reply: %s", d)
	}
	if d := diffComment(got, reply); d != "" {
		t.Errorf("reply as returned by AddComment: %s", d)
	}

	gotRoot, err := s.Comment(ctx, root.ID)
	must(t, err)
	if gotRoot.ParentID != 0 {
		t.Errorf("root parent = %d, want 0", gotRoot.ParentID)
	}
	if d := diffComment(gotRoot, root); d != "" {
		t.Errorf("root: %s", d)
	}

	if _, err := s.Comment(ctx, 987654); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown comment: err = %v, want news.ErrNotFound", err)
	}
}

func testCommentRequiresKeyAndStatus(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "required")
	for name, mutate := range map[string]func(*news.Comment){
		"no key":         func(c *news.Comment) { c.Key = "" },
		"no status":      func(c *news.Comment) { c.Status = "" },
		"unknown status": func(c *news.Comment) { c.Status = "published" },
	} {
		c := comment(a, "k", "203.0.113.1", "a@example.ma")
		mutate(&c)
		if _, err := s.AddComment(ctx, &c, news.CommentLimits{}); err == nil {
			t.Errorf("%s: comment accepted", name)
		}
	}
	if n := countComments(t, s); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
}

func testCommentDuplicateKey(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "dup")
	first := addComment(t, s, comment(a, "same", "203.0.113.1", "a@example.ma"))

	again := comment(a, "same", "203.0.113.9", "other@example.ma")
	again.Body = "نص آخر"
	again.Status = news.CommentApproved
	dup, err := s.AddComment(ctx, &again, news.CommentLimits{})
	must(t, err)
	if !dup {
		t.Error("second AddComment with the same key: duplicate = false")
	}
	if d := diffComment(again, first); d != "" {
		t.Errorf("duplicate not filled from the stored comment: %s", d)
	}
	if n := countComments(t, s); n != 1 {
		t.Errorf("%d comments stored, want 1", n)
	}

	// A repeat is not a new post: it is answered even when the limits
	// would refuse a new comment.
	third := comment(a, "same", "203.0.113.1", "a@example.ma")
	dup, err = s.AddComment(ctx, &third, news.CommentLimits{PerIP: 1, PerEmail: 1, Since: time.Now().Add(-time.Hour)})
	if err != nil || !dup || third.ID != first.ID {
		t.Errorf("repeat past the limits: dup = %v, id = %d, err = %v; want true, %d, nil", dup, third.ID, err, first.ID)
	}
}

func testCommentConcurrentSameKey(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "race")
	const n = 50
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		fresh   int
		seenIDs = map[int64]int{}
		errs    []error
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := comment(a, "double-click", fmt.Sprintf("203.0.113.%d", i), "a@example.ma")
			dup, err := s.AddComment(ctx, &c, news.CommentLimits{})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			if !dup {
				fresh++
			}
			seenIDs[c.ID]++
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d of %d calls failed, first: %v", len(errs), n, errs[0])
	}
	if fresh != 1 {
		t.Errorf("%d non-duplicate results, want 1", fresh)
	}
	if len(seenIDs) != 1 {
		t.Errorf("callers saw ids %v, want one id", seenIDs)
	}
	if got := countComments(t, s); got != 1 {
		t.Errorf("%d comments stored, want 1", got)
	}
}

func testCommentConcurrentDistinctKeys(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "crowd")
	const n = 50
	var wg sync.WaitGroup
	results := make([]error, n)
	dups := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := comment(a, fmt.Sprintf("key-%d", i), "203.0.113.1", "a@example.ma")
			dups[i], results[i] = s.AddComment(ctx, &c, news.CommentLimits{})
		}()
	}
	wg.Wait()
	for i := range n {
		if results[i] != nil || dups[i] {
			t.Errorf("call %d: dup = %v, err = %v", i, dups[i], results[i])
		}
	}
	list := allComments(t, s, news.CommentFilter{})
	if len(list) != n {
		t.Fatalf("%d comments stored, want %d", len(list), n)
	}
	keys := map[string]bool{}
	for _, c := range list {
		keys[c.Key] = true
	}
	if len(keys) != n {
		t.Errorf("%d distinct keys stored, want %d", len(keys), n)
	}
}

// testCommentRateLimit checks one limit: two comments from the same value
// are allowed, a third is refused and not stored, another value passes.
func testCommentRateLimit(t *testing.T, s *store.Store, perIP bool) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "limits")
	lim := news.CommentLimits{Since: time.Now().Add(-time.Hour)}
	// other returns the comment i from the same IP and email, or from a
	// different value of the limited field.
	mk := func(i int, other bool) news.Comment {
		ip, email := "203.0.113.1", "a@example.ma"
		switch {
		case other && perIP:
			ip = "203.0.113.2"
		case other:
			email = "b@example.ma"
		}
		if perIP {
			email = fmt.Sprintf("u%d@example.ma", i) // only the IP repeats
		} else {
			ip = fmt.Sprintf("198.51.100.%d", i) // only the email repeats
		}
		return comment(a, fmt.Sprintf("k%d", i), ip, email)
	}
	if perIP {
		lim.PerIP = 2
	} else {
		lim.PerEmail = 2
	}
	for i := range 2 {
		c := mk(i, false)
		if dup, err := s.AddComment(ctx, &c, lim); err != nil || dup {
			t.Fatalf("comment %d: dup = %v, err = %v", i, dup, err)
		}
	}
	third := mk(2, false)
	dup, err := s.AddComment(ctx, &third, lim)
	if !errors.Is(err, news.ErrRateLimited) || dup {
		t.Errorf("third comment: dup = %v, err = %v, want news.ErrRateLimited", dup, err)
	}
	if n := countComments(t, s); n != 2 {
		t.Errorf("%d comments stored after the refusal, want 2", n)
	}
	other := mk(3, true)
	if dup, err := s.AddComment(ctx, &other, lim); err != nil || dup {
		t.Errorf("comment from another sender: dup = %v, err = %v", dup, err)
	}
	if n := countComments(t, s); n != 3 {
		t.Errorf("%d comments stored, want 3", n)
	}
	for _, c := range allComments(t, s, news.CommentFilter{}) {
		if c.Key == third.Key {
			t.Errorf("the refused comment was stored as %d", c.ID)
		}
	}
}

func testCommentRateLimitPerIP(t *testing.T, s *store.Store)    { testCommentRateLimit(t, s, true) }
func testCommentRateLimitPerEmail(t *testing.T, s *store.Store) { testCommentRateLimit(t, s, false) }

func testCommentRateLimitWindow(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "window")
	for i := range 2 {
		addComment(t, s, comment(a, fmt.Sprintf("old-%d", i), "203.0.113.1", "a@example.ma"))
	}
	// With Since ahead of every stored comment, none of them counts.
	later := news.CommentLimits{PerIP: 1, PerEmail: 1, Since: time.Now().Add(time.Hour)}
	c := comment(a, "new", "203.0.113.1", "a@example.ma")
	if dup, err := s.AddComment(ctx, &c, later); err != nil || dup {
		t.Errorf("comment after the window moved: dup = %v, err = %v", dup, err)
	}
	// With Since behind them, they do.
	earlier := news.CommentLimits{PerIP: 3, Since: time.Now().Add(-time.Hour)}
	c = comment(a, "newer", "203.0.113.1", "b@example.ma")
	if _, err := s.AddComment(ctx, &c, earlier); !errors.Is(err, news.ErrRateLimited) {
		t.Errorf("fourth comment in the window: err = %v, want news.ErrRateLimited", err)
	}
	if n := countComments(t, s); n != 3 {
		t.Errorf("%d comments stored, want 3", n)
	}
}

func testCommentRateLimitConcurrent(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "flood")
	const n, limit = 30, 5
	lim := news.CommentLimits{PerIP: limit, Since: time.Now().Add(-time.Hour)}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := comment(a, fmt.Sprintf("flood-%d", i), "203.0.113.66", fmt.Sprintf("u%d@example.ma", i))
			_, errs[i] = s.AddComment(ctx, &c, lim)
		}()
	}
	wg.Wait()
	ok, limited := 0, 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, news.ErrRateLimited):
			limited++
		default:
			t.Errorf("call %d: %v", i, err)
		}
	}
	if ok != limit || limited != n-limit {
		t.Errorf("%d stored and %d limited, want %d and %d", ok, limited, limit, n-limit)
	}
	if got := countComments(t, s); got != limit {
		t.Errorf("%d comments stored, want %d", got, limit)
	}
}

func testCommentStatusAndDelete(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "moderation")
	c1 := addComment(t, s, comment(a, "c1", "203.0.113.1", "a@example.ma"))
	c2 := addComment(t, s, comment(a, "c2", "203.0.113.1", "a@example.ma"))
	r := comment(a, "reply", "203.0.113.2", "b@example.ma")
	r.ParentID = c1.ID
	r = addComment(t, s, r)

	n, err := s.SetCommentStatus(ctx, []int64{c1.ID, r.ID, 999999}, news.CommentApproved)
	must(t, err)
	if n != 2 {
		t.Errorf("SetCommentStatus changed %d, want 2", n)
	}
	for id, want := range map[int64]news.CommentStatus{c1.ID: news.CommentApproved, r.ID: news.CommentApproved, c2.ID: news.CommentPending} {
		got, err := s.Comment(ctx, id)
		must(t, err)
		if got.Status != want {
			t.Errorf("comment %d status %q, want %q", id, got.Status, want)
		}
	}
	if n, err := s.SetCommentStatus(ctx, []int64{424242}, news.CommentSpam); err != nil || n != 0 {
		t.Errorf("unknown id: changed %d, err = %v; want 0, nil", n, err)
	}
	if n, err := s.SetCommentStatus(ctx, nil, news.CommentSpam); err != nil || n != 0 {
		t.Errorf("no ids: changed %d, err = %v; want 0, nil", n, err)
	}
	for _, bad := range []news.CommentStatus{"", "published", "Approved"} {
		if _, err := s.SetCommentStatus(ctx, []int64{c2.ID}, bad); err == nil {
			t.Errorf("status %q accepted", bad)
		}
	}
	if got, _ := s.Comment(ctx, c2.ID); got.Status != news.CommentPending {
		t.Errorf("after the invalid statuses c2 is %q, want pending", got.Status)
	}

	if n, err := s.DeleteComments(ctx, []int64{424242}); err != nil || n != 0 {
		t.Errorf("delete unknown id: removed %d, err = %v; want 0, nil", n, err)
	}
	n, err = s.DeleteComments(ctx, []int64{c1.ID})
	must(t, err)
	if n != 1 {
		t.Errorf("DeleteComments removed %d, want 1", n)
	}
	for _, id := range []int64{c1.ID, r.ID} {
		if _, err := s.Comment(ctx, id); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("comment %d after deleting its thread: err = %v, want news.ErrNotFound", id, err)
		}
	}
	if got := ids(allComments(t, s, news.CommentFilter{})); fmt.Sprint(got) != fmt.Sprint([]int64{c2.ID}) {
		t.Errorf("left after delete: %v, want [%d]", got, c2.ID)
	}
}

func testHasApprovedComment(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "known")
	pending := addComment(t, s, comment(a, "p", "203.0.113.1", "known@example.ma"))
	spam := addComment(t, s, comment(a, "s", "203.0.113.1", "spammer@example.ma"))
	_, err := s.SetCommentStatus(ctx, []int64{spam.ID}, news.CommentSpam)
	must(t, err)

	check := func(email string, want bool) {
		t.Helper()
		got, err := s.HasApprovedComment(ctx, email)
		must(t, err)
		if got != want {
			t.Errorf("HasApprovedComment(%q) = %v, want %v", email, got, want)
		}
	}
	check("known@example.ma", false)
	check("spammer@example.ma", false)
	check("nobody@example.ma", false)
	_, err = s.SetCommentStatus(ctx, []int64{pending.ID}, news.CommentApproved)
	must(t, err)
	check("known@example.ma", true)
	check("spammer@example.ma", false)
	check("", false)
}

func testCommentsFilter(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "list-a")
	b := commentArticle(t, s, f, "list-b")
	var a1, a2, a3, b1 news.Comment
	a1 = addComment(t, s, comment(a, "a1", "203.0.113.1", "a@example.ma"))
	b1 = addComment(t, s, comment(b, "b1", "203.0.113.1", "a@example.ma"))
	a2 = addComment(t, s, comment(a, "a2", "203.0.113.1", "a@example.ma"))
	a3 = addComment(t, s, comment(a, "a3", "203.0.113.1", "a@example.ma"))
	_, err := s.SetCommentStatus(ctx, []int64{a1.ID, a3.ID, b1.ID}, news.CommentApproved)
	must(t, err)

	tests := []struct {
		name string
		f    news.CommentFilter
		want []int64
	}{
		{"all", news.CommentFilter{}, []int64{a1.ID, b1.ID, a2.ID, a3.ID}},
		{"article", news.CommentFilter{ArticleID: a.ID}, []int64{a1.ID, a2.ID, a3.ID}},
		{"status", news.CommentFilter{Status: news.CommentApproved}, []int64{a1.ID, b1.ID, a3.ID}},
		{"article and status", news.CommentFilter{ArticleID: a.ID, Status: news.CommentApproved}, []int64{a1.ID, a3.ID}},
		{"pending", news.CommentFilter{Status: news.CommentPending}, []int64{a2.ID}},
		{"limit", news.CommentFilter{ArticleID: a.ID, Limit: 2}, []int64{a1.ID, a2.ID}},
		{"no match", news.CommentFilter{Status: news.CommentSpam}, []int64{}},
		{"unknown article", news.CommentFilter{ArticleID: 424242}, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := allComments(t, s, tt.f)
			if fmt.Sprint(ids(got)) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
			for i := 1; i < len(got); i++ {
				if got[i].Created.Before(got[i-1].Created) {
					t.Errorf("comment %d (%v) listed after a newer one (%v)", got[i].ID, got[i].Created, got[i-1].Created)
				}
			}
		})
	}
	// The listed comments are complete, not just ids.
	got := allComments(t, s, news.CommentFilter{Status: news.CommentPending})
	want := a2
	if len(got) == 1 {
		if d := diffComment(got[0], want); d != "" {
			t.Errorf("listed comment: %s", d)
		}
	}
}

func testUpdateComment(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "edit")
	c := addComment(t, s, comment(a, "edit-me", "203.0.113.1", "a@example.ma"))
	_, err := s.SetCommentStatus(ctx, []int64{c.ID}, news.CommentApproved)
	must(t, err)

	edit := c
	edit.Name, edit.URL, edit.Body = "سارة م.", "https://example.ma/sara", "نص مصحح"
	// Fields UpdateComment does not own must not move.
	edit.Email, edit.Status, edit.IP, edit.Key = "changed@example.ma", news.CommentSpam, "0.0.0.0", "changed"
	must(t, s.UpdateComment(ctx, edit))

	got, err := s.Comment(ctx, c.ID)
	must(t, err)
	want := c
	want.Name, want.URL, want.Body, want.Status = "سارة م.", "https://example.ma/sara", "نص مصحح", news.CommentApproved
	want.Updated = got.Updated
	if d := diffComment(got, want); d != "" {
		t.Errorf("after edit: %s", d)
	}
	if got.Updated.Before(c.Created) {
		t.Errorf("updated %v before created %v", got.Updated, c.Created)
	}

	if err := s.UpdateComment(ctx, news.Comment{ID: 424242, Name: "x", Body: "y"}); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown comment: err = %v, want news.ErrNotFound", err)
	}
}

func testCommentUnknownArticle(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "exists")
	ghost := comment(news.Article{ID: a.ID + 1000}, "ghost", "203.0.113.1", "a@example.ma")
	if _, err := s.AddComment(ctx, &ghost, news.CommentLimits{}); err == nil {
		t.Error("a comment on an unknown article was stored")
	}
	orphan := comment(a, "orphan", "203.0.113.1", "a@example.ma")
	orphan.ParentID = 424242
	if _, err := s.AddComment(ctx, &orphan, news.CommentLimits{}); err == nil {
		t.Error("a reply to an unknown comment was stored")
	}
	if n := countComments(t, s); n != 0 {
		t.Errorf("%d comments stored, want 0", n)
	}
	// The failed keys are free again.
	ok := comment(a, "ghost", "203.0.113.1", "a@example.ma")
	addComment(t, s, ok)
}

func testRefusals(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "refused")
	b := commentArticle(t, s, f, "refused-too")
	empty, err := s.Refusals(ctx, 10)
	must(t, err)
	if len(empty) != 0 {
		t.Errorf("refusals on a new store: %v", empty)
	}
	before := time.Now().UTC().Truncate(time.Second)
	for _, r := range []news.Refusal{
		{ArticleID: a.ID, Reason: "expired_form", IP: "203.0.113.1"},
		{ArticleID: b.ID, Reason: "rate_limit", IP: "2001:db8::1"},
		{ArticleID: a.ID, Reason: "rate_limit", IP: "203.0.113.3"},
	} {
		must(t, s.RecordRefusal(ctx, r))
	}
	after := time.Now().UTC()

	got, err := s.Refusals(ctx, 10)
	must(t, err)
	var summary []string
	for _, r := range got {
		summary = append(summary, fmt.Sprintf("%d/%s/%s", r.ArticleID, r.Reason, r.IP))
		if r.ID == 0 || r.Created.Before(before) || r.Created.After(after) {
			t.Errorf("refusal %+v: id or time not set (want time between %v and %v)", r, before, after)
		}
	}
	want := []string{
		fmt.Sprintf("%d/rate_limit/203.0.113.3", a.ID),
		fmt.Sprintf("%d/rate_limit/2001:db8::1", b.ID),
		fmt.Sprintf("%d/expired_form/203.0.113.1", a.ID),
	}
	if fmt.Sprint(summary) != fmt.Sprint(want) {
		t.Errorf("refusals %v, want newest first %v", summary, want)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Created.After(got[i-1].Created) {
			t.Errorf("refusal %d listed after an older one", got[i].ID)
		}
	}

	two, err := s.Refusals(ctx, 2)
	must(t, err)
	if len(two) != 2 || two[0].ID != got[0].ID || two[1].ID != got[1].ID {
		t.Errorf("Refusals(2) = %+v, want the two newest", two)
	}
	// A limit below one lists none, on every backend.
	if none, err := s.Refusals(ctx, -1); err != nil || len(none) != 0 {
		t.Errorf("Refusals(-1) = %d refusals, %v", len(none), err)
	}
}

func testSecret(t *testing.T, s *store.Store) {
	ctx := context.Background()
	calls := 0
	gen := func(v string) func() []byte {
		return func() []byte { calls++; return []byte(v) }
	}
	first, err := s.Secret(ctx, "comment-token", gen("first-value"))
	must(t, err)
	if string(first) != "first-value" {
		t.Fatalf("first Secret = %q, want the generated value", first)
	}
	if calls == 0 {
		t.Error("gen was not called for a new secret")
	}
	first[0] = 'X' // the caller's copy is its own
	for i, v := range []string{"second-value", "third-value", ""} {
		got, err := s.Secret(ctx, "comment-token", gen(v))
		must(t, err)
		if string(got) != "first-value" {
			t.Errorf("call %d: Secret = %q, want %q", i+2, got, "first-value")
		}
	}

	other, err := s.Secret(ctx, "other", gen("other-value"))
	must(t, err)
	if string(other) != "other-value" {
		t.Errorf("another name: %q, want its own value", other)
	}
	again, err := s.Secret(ctx, "comment-token", func() []byte { return bytes.Repeat([]byte{0}, 32) })
	must(t, err)
	if string(again) != "first-value" {
		t.Errorf("after another name: %q", again)
	}
}

func testCheck(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "healthy")
	addComment(t, s, comment(a, "k", "203.0.113.1", "a@example.ma"))
	if err := s.Check(ctx); err != nil {
		t.Errorf("Check on a healthy database: %v", err)
	}
}

func testSetCommentsClosed(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := commentArticle(t, s, f, "closing")
	other := commentArticle(t, s, f, "open")
	closed := func(slug string) bool {
		t.Helper()
		got, err := s.ArticleBySlug(ctx, slug)
		must(t, err)
		return got.CommentsClosed
	}
	if closed(a.Slug) {
		t.Fatal("a new article has comments closed")
	}
	must(t, s.SetCommentsClosed(ctx, a.ID, true))
	if !closed(a.Slug) {
		t.Error("comments not closed after SetCommentsClosed(true)")
	}
	if closed(other.Slug) {
		t.Error("closing one article closed another")
	}
	byID, err := s.ArticleByID(ctx, a.ID)
	must(t, err)
	if !byID.CommentsClosed {
		t.Error("ArticleByID: comments not closed")
	}
	must(t, s.SetCommentsClosed(ctx, a.ID, false))
	if closed(a.Slug) {
		t.Error("comments still closed after SetCommentsClosed(false)")
	}
	if err := s.SetCommentsClosed(ctx, 424242, true); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown article: err = %v, want news.ErrNotFound", err)
	}

	created := f.article("born-closed", f.first, base, f.yassine)
	created.CommentsClosed = true
	must(t, s.CreateArticle(ctx, &created))
	if !closed("born-closed") {
		t.Error("CommentsClosed set at creation was not stored")
	}
}
