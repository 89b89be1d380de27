package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
)

// formToken reads the comment form's token from the article page, as a
// browser would submit it.
func (s *server) formToken(t *testing.T, path string) string {
	t.Helper()
	_, body := s.get(t, "GET", path)
	m := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no comment token on the article page")
	}
	return m[1]
}

func (s *server) post(t *testing.T, path string, form url.Values, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("POST", s.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return s.do(t, req)
}

func (s *server) do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: noRedirect}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func (s *server) comments(t *testing.T) []news.Comment {
	t.Helper()
	list, err := s.store.Comments(context.Background(), news.CommentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func goodComment(token string) url.Values {
	return url.Values{
		"name":    {"سارة"},
		"email":   {"sara@example.ma"},
		"url":     {"https://sara.example.ma"},
		"comment": {"مقال مهم عن ميليبول قطر، شكراً."},
		"token":   {token},
	}
}

var commentPath = seedPath + "/comments"

func TestCommentPosted(t *testing.T) {
	s := newServer(t)
	form := goodComment(s.formToken(t, seedPath))
	res, _ := s.post(t, commentPath, form, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != seedPath+"?comment=held#comments" {
		t.Fatalf("got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body := s.get(t, "GET", res.Header.Get("Location"))
	if !strings.Contains(body, "تعليقك بانتظار المراجعة") {
		t.Error("the page does not say the comment awaits moderation")
	}
	list := s.comments(t)
	if len(list) != 1 || list[0].Status != news.CommentPending || list[0].Name != "سارة" || list[0].Email != "sara@example.ma" {
		t.Fatalf("stored %+v", list)
	}

	// A double click: the same comment again is stored once, answered the same.
	res, _ = s.post(t, commentPath, form, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("repeat: status %d", res.StatusCode)
	}
	if n := len(s.comments(t)); n != 1 {
		t.Errorf("%d comments after posting the same one twice", n)
	}

	// Held comments are not shown; approved ones are, without the email.
	if _, body := s.get(t, "GET", seedPath); strings.Contains(body, "مقال مهم عن ميليبول") {
		t.Error("a pending comment is on the page")
	}
	if _, err := s.store.SetCommentStatus(context.Background(), []int64{list[0].ID}, news.CommentApproved); err != nil {
		t.Fatal(err)
	}
	_, body = s.get(t, "GET", seedPath)
	for _, want := range []string{
		"مقال مهم عن ميليبول قطر، شكراً.",
		`<a href="https://sara.example.ma" rel="nofollow ugc noopener"><bdi>سارة</bdi></a>`,
		`<h2 class="comments-title">تعليق واحد</h2>`,
		`<div class="comment-text" dir="auto">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "sara@example.ma") || strings.Contains(s.logs.String(), "sara@example.ma") {
		t.Error("the email is published in the page or the log")
	}

	// A reply to it, as JSON.
	reply := goodComment(s.formToken(t, seedPath))
	reply.Set("comment", "وأنا أتفق.")
	reply.Set("parent", fmt.Sprint(list[0].ID))
	res, body = s.post(t, commentPath, reply, map[string]string{"Accept": "application/json"})
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"state":"held"`) || strings.Contains(body, "sara@") {
		t.Fatalf("JSON reply: %d %s", res.StatusCode, body)
	}
	all := s.comments(t)
	if len(all) != 2 || all[1].ParentID != list[0].ID {
		t.Fatalf("reply stored as %+v", all)
	}
	s.store.SetCommentStatus(context.Background(), []int64{all[1].ID}, news.CommentApproved)
	_, body = s.get(t, "GET", seedPath)
	if !strings.Contains(body, `<ol class="replies">`) || !strings.Contains(body, "وأنا أتفق.") || !strings.Contains(body, "تعليقان") {
		t.Error("the approved reply is not shown in its thread")
	}
}

func TestCommentBadInput(t *testing.T) {
	s := newServer(t)
	token := s.formToken(t, seedPath)
	long := strings.Repeat("ك", 5001)
	tests := []struct {
		name   string
		change map[string]string
		status int
		text   string // the Arabic message the reader sees
	}{
		{"no name", map[string]string{"name": ""}, 422, "الاسم مطلوب."},
		{"spaces for a name", map[string]string{"name": "   "}, 422, "الاسم مطلوب."},
		{"no email", map[string]string{"email": ""}, 422, "البريد الإلكتروني مطلوب."},
		{"invalid email", map[string]string{"email": "sara-at-example"}, 422, "عنوان البريد الإلكتروني غير صحيح."},
		{"no comment", map[string]string{"comment": " \n "}, 422, "نص التعليق مطلوب."},
		{"comment too long", map[string]string{"comment": long}, 422, "التعليق أطول من المسموح به."},
		{"javascript website", map[string]string{"url": "javascript:alert(document.cookie)"}, 422, "عنوان الموقع غير صحيح"},
		{"javascript website, odd case", map[string]string{"url": "JavaScript:alert(1)"}, 422, "عنوان الموقع غير صحيح"},
		{"javascript website, leading space", map[string]string{"url": " javascript:alert(1)"}, 422, "عنوان الموقع غير صحيح"},
		{"javascript website, entity", map[string]string{"url": "javascript&#58;alert(1)"}, 422, "عنوان الموقع غير صحيح"},
		{"data website", map[string]string{"url": "data:text/html,<script>alert(1)</script>"}, 422, "عنوان الموقع غير صحيح"},
		{"invalid UTF-8", map[string]string{"comment": "نص \xff\xfe"}, 422, "يحتوي هذا الحقل على رموز غير مقبولة."},
		{"NUL", map[string]string{"name": "سا\x00رة"}, 422, "يحتوي هذا الحقل على رموز غير مقبولة."},
		{"control character", map[string]string{"comment": "نص\x07"}, 422, "يحتوي هذا الحقل على رموز غير مقبولة."},
		{"forged token", map[string]string{"token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, 400, "انتهت صلاحية النموذج"},
		{"no token", map[string]string{"token": ""}, 400, "انتهت صلاحية النموذج"},
		{"reply to nothing", map[string]string{"parent": "424242"}, 422, "التعليق الذي ترد عليه غير موجود"},
		{"reply to garbage", map[string]string{"parent": "-1"}, 422, "التعليق الذي ترد عليه غير موجود"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := goodComment(token)
			for k, v := range tt.change {
				form.Set(k, v)
			}
			res, body := s.post(t, commentPath, form, nil)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			arabicPage(t, body)
			if !strings.Contains(body, tt.text) {
				t.Errorf("the page lacks %q", tt.text)
			}
			// The reader's other fields come back as typed.
			if tt.change["name"] == "" && tt.name != "no name" && !strings.Contains(body, `value="سارة"`) {
				t.Error("the name was not kept")
			}
			if _, ok := tt.change["comment"]; !ok && !strings.Contains(body, "مقال مهم عن ميليبول قطر، شكراً.</textarea>") {
				t.Error("the comment was not kept")
			}
			if n := len(s.comments(t)); n != 0 {
				t.Errorf("%d comments stored", n)
			}
		})
	}
}

func TestCommentRefusedRequests(t *testing.T) {
	s := newServer(t)
	token := s.formToken(t, seedPath)
	body := goodComment(token).Encode()

	t.Run("cross-site post", func(t *testing.T) {
		for _, h := range []map[string]string{
			{"Sec-Fetch-Site": "cross-site"},
			{"Origin": "https://evil.example"},
		} {
			res, page := s.post(t, commentPath, goodComment(token), h)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(page, "أُرسل من موقع آخر") {
				t.Errorf("%v: status %d", h, res.StatusCode)
			}
		}
	})
	t.Run("body too large", func(t *testing.T) {
		big := body + "&comment=" + strings.Repeat("a", 200<<10)
		req, _ := http.NewRequest("POST", s.URL+commentPath, strings.NewReader(big))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, page := s.do(t, req)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "الطلب كبير جداً") {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("malformed body", func(t *testing.T) {
		req, _ := http.NewRequest("POST", s.URL+commentPath, strings.NewReader("name=%zz&comment=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if res, page := s.do(t, req); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "طلب غير صالح") {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("unknown article", func(t *testing.T) {
		if res, _ := s.post(t, "/article/nope/comments", goodComment(token), nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("closed article", func(t *testing.T) {
		a, err := s.store.ArticleBySlug(context.Background(), demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		s.store.SetCommentsClosed(context.Background(), a.ID, true)
		defer s.store.SetCommentsClosed(context.Background(), a.ID, false)
		res, page := s.post(t, commentPath, goodComment(token), nil)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(page, "التعليقات مغلقة على هذا المقال.") {
			t.Errorf("status %d", res.StatusCode)
		}
		if _, page := s.get(t, "GET", seedPath); strings.Contains(page, `class="comment-form"`) {
			t.Error("a closed article still shows the form")
		}
	})
	if n := len(s.comments(t)); n != 0 {
		t.Errorf("%d comments stored", n)
	}
}

// TestCommentShownAsText: HTML and bidi controls in reader text can neither
// run nor reorder the page.
func TestCommentShownAsText(t *testing.T) {
	s := newServer(t)
	form := goodComment(s.formToken(t, seedPath))
	form.Set("name", "<b>\u202Eسارة</b>")
	form.Set("comment", "<script>alert(1)</script>\n<img src=x onerror=alert(2)>\nسطر \u2067ثانٍ")
	if res, _ := s.post(t, commentPath, form, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	c := s.comments(t)[0]
	if strings.ContainsRune(c.Name, '\u202E') || strings.ContainsRune(c.Body, '\u2067') {
		t.Errorf("bidi controls stored: %q %q", c.Name, c.Body)
	}
	s.store.SetCommentStatus(context.Background(), []int64{c.ID}, news.CommentApproved)
	_, body := s.get(t, "GET", seedPath)
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<img src=x") {
		t.Error("reader HTML is in the page as markup")
	}
	if !strings.Contains(body, html.EscapeString("<script>alert(1)</script>")) || !strings.Contains(body, "<bdi>&lt;b&gt;سارة&lt;/b&gt;</bdi>") {
		t.Error("reader HTML is not shown as text")
	}
}

func TestCommentSpamAndLimits(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	set, err := s.store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Comments.SpamWords = []string{"كازينو"}
	set.Comments.PerIP = 3
	if err := s.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	token := s.formToken(t, seedPath)
	post := func(change map[string]string) *http.Response {
		form := goodComment(token)
		for k, v := range change {
			form.Set(k, v)
		}
		res, _ := s.post(t, commentPath, form, nil)
		return res
	}
	// Spam is answered like any held comment and kept as spam with its reason.
	for _, change := range []map[string]string{
		{"homepage": "http://spam.example", "comment": "honeypot"},
		{"comment": "أفضل الكـــازينوهات هنا"},
		{"comment": "روابط http://a.example http://b.example www.c.example"},
	} {
		if res := post(change); res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "comment=held") {
			t.Errorf("%v: %d %s", change, res.StatusCode, res.Header.Get("Location"))
		}
	}
	reasons := map[string]news.CommentStatus{}
	for _, c := range s.comments(t) {
		reasons[c.Reason] = c.Status
	}
	for reason, status := range map[string]news.CommentStatus{
		"honeypot": news.CommentSpam, "spam_word:كازينو": news.CommentSpam, "too_fast, links:3": news.CommentPending,
	} {
		if reasons[reason] != status {
			t.Errorf("no %s comment with reason %q in %v", status, reason, reasons)
		}
	}
	// The fourth post from this address within the window is refused.
	if res := post(map[string]string{"comment": "رابع"}); res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("over the limit: %d", res.StatusCode)
	}
	if n := len(s.comments(t)); n != 3 {
		t.Errorf("%d comments stored, want 3", n)
	}
}

// TestLongestCommentAccepted: a comment of the longest allowed length, in
// Arabic (six bytes a letter once percent-encoded), is not refused as too
// large.
func TestLongestCommentAccepted(t *testing.T) {
	s := newServer(t)
	form := goodComment(s.formToken(t, seedPath))
	form.Set("comment", strings.Repeat("ك", 5000))
	if res, _ := s.post(t, commentPath, form, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	if n := len(s.comments(t)); n != 1 {
		t.Errorf("%d comments stored", n)
	}
}
