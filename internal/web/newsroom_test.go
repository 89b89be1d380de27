package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/news"
)

func (s *server) account(t *testing.T, email string, role news.Role) {
	t.Helper()
	svc := accounts.New(s.store, slog.New(slog.DiscardHandler), nil)
	if _, err := svc.Create(context.Background(), accounts.NewUser{Email: email, Name: "هدى المحررة", Password: "a long enough password", Role: role}); err != nil {
		t.Fatal(err)
	}
}

func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == "midad_session" {
			return c
		}
	}
	return nil
}

func TestNewsroomSignIn(t *testing.T) {
	s := newServer(t)
	s.account(t, "huda@example.ma", news.Editor)

	// Not signed in: the newsroom sends to the sign-in page.
	res, _ := s.get(t, "GET", "/newsroom/")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/newsroom/login" {
		t.Fatalf("anonymous newsroom: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := s.get(t, "GET", "/newsroom/login")
	if res.StatusCode != 200 || !strings.Contains(body, `autocomplete="current-password"`) {
		t.Fatalf("login page: %d", res.StatusCode)
	}
	arabicPage(t, body)

	// A wrong password and an unknown account get the same answer.
	_, wrong := s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"not the password"}}, nil)
	_, unknown := s.post(t, "/newsroom/login", url.Values{"email": {"nobody@example.ma"}, "password": {"not the password"}}, nil)
	for _, b := range []string{wrong, unknown} {
		if !strings.Contains(b, "البريد الإلكتروني أو كلمة المرور غير صحيحة.") {
			t.Error("a failed sign-in does not say so in Arabic")
		}
	}

	res, _ = s.post(t, "/newsroom/login", url.Values{"email": {"HUDA@example.ma"}, "password": {"a long enough password"}}, nil)
	c := sessionCookie(res)
	if res.StatusCode != http.StatusSeeOther || c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/newsroom" {
		t.Fatalf("sign-in: %d, cookie %+v", res.StatusCode, c)
	}

	req, _ := http.NewRequest("GET", s.URL+"/newsroom/", nil)
	req.AddCookie(c)
	res, body = s.do(t, req)
	if res.StatusCode != 200 || !strings.Contains(body, "<bdi>هدى المحررة</bdi> — محرر") || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("newsroom home: %d", res.StatusCode)
	}
	if !strings.Contains(body, "تعليقات بانتظار المراجعة") {
		t.Error("an editor's home has no moderation queue")
	}

	// Signing out ends the session on the server, not just the cookie.
	req, _ = http.NewRequest("POST", s.URL+"/newsroom/logout", nil)
	req.AddCookie(c)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	req, _ = http.NewRequest("GET", s.URL+"/newsroom/", nil)
	req.AddCookie(c)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the old cookie still opens the newsroom: %d", res.StatusCode)
	}

	// A sign-in posted from another site is refused.
	res, _ = s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"a long enough password"}},
		map[string]string{"Sec-Fetch-Site": "cross-site"})
	if res.StatusCode != http.StatusForbidden || sessionCookie(res) != nil {
		t.Errorf("cross-site sign-in: %d", res.StatusCode)
	}
}

func TestNewsroomThrottlesGuessing(t *testing.T) {
	s := newServer(t)
	s.account(t, "huda@example.ma", news.Editor)
	var last *http.Response
	var body string
	for range 6 {
		last, body = s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"guess"}}, nil)
	}
	if last.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "محاولات دخول كثيرة") {
		t.Errorf("the sixth guess: %d", last.StatusCode)
	}
}

// signIn returns the session cookie of a new account with the role.
func (s *server) signIn(t *testing.T, email string, role news.Role) *http.Cookie {
	t.Helper()
	s.account(t, email, role)
	res, _ := s.post(t, "/newsroom/login", url.Values{"email": {email}, "password": {"a long enough password"}}, nil)
	c := sessionCookie(res)
	if c == nil {
		t.Fatalf("%s could not sign in: %d", email, res.StatusCode)
	}
	return c
}

func TestModerationScreen(t *testing.T) {
	s := newServer(t)
	// Two readers' comments wait.
	for _, body := range []string{"تعليق أول", "تعليق ثان"} {
		form := goodComment(s.formToken(t, seedPath))
		form.Set("comment", body)
		if res, _ := s.post(t, commentPath, form, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("post: %d", res.StatusCode)
		}
	}
	pending := s.comments(t)

	editor := s.signIn(t, "huda@example.ma", news.Editor)
	req, _ := http.NewRequest("GET", s.URL+"/newsroom/comments", nil)
	req.AddCookie(editor)
	res, body := s.do(t, req)
	if res.StatusCode != 200 || !strings.Contains(body, "تعليق أول") || !strings.Contains(body, "sara@example.ma") ||
		!strings.Contains(body, "too_fast") {
		t.Fatalf("moderation screen: %d, missing the comments, their email or their reason", res.StatusCode)
	}

	// Approve both at once.
	form := url.Values{"action": {"approve"}, "status": {"pending"}, "id": {fmt.Sprint(pending[0].ID), fmt.Sprint(pending[1].ID)}}
	req, _ = http.NewRequest("POST", s.URL+"/newsroom/comments", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(editor)
	res, _ = s.do(t, req)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=2") {
		t.Fatalf("bulk approve: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	for _, c := range s.comments(t) {
		if c.Status != news.CommentApproved {
			t.Errorf("comment %d is %s after bulk approval", c.ID, c.Status)
		}
	}

	// A contributor may not moderate, nor see the queue.
	contributor := s.signIn(t, "sami@example.ma", news.Contributor)
	form = url.Values{"action": {"trash"}, "id": {fmt.Sprint(pending[0].ID)}}
	req, _ = http.NewRequest("POST", s.URL+"/newsroom/comments", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(contributor)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusNotFound {
		t.Errorf("a contributor's moderation: %d", res.StatusCode)
	}
	if c, _ := s.store.Comment(context.Background(), pending[0].ID); c.Status != news.CommentApproved {
		t.Errorf("a contributor trashed a comment: %s", c.Status)
	}
	// A forged action changes nothing.
	form = url.Values{"action": {"publish-everything"}, "id": {fmt.Sprint(pending[0].ID)}}
	req, _ = http.NewRequest("POST", s.URL+"/newsroom/comments", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(editor)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a forged action: %d", res.StatusCode)
	}
}

func (s *server) postAs(t *testing.T, c *http.Cookie, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(c)
	return s.do(t, req)
}

func (s *server) getAs(t *testing.T, c *http.Cookie, path string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL+path, nil)
	req.AddCookie(c)
	return s.do(t, req)
}

func TestUsersScreen(t *testing.T) {
	s := newServer(t)
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	users := func() []news.User {
		list, err := s.store.Users(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return list
	}

	// Bad input: an Arabic message, the fields kept (not the password), nothing stored.
	for _, tt := range []struct {
		form url.Values
		text string
	}{
		{url.Values{"name": {"سامي"}, "email": {"sami@example.ma"}, "role": {"contributor"}, "password": {"short"}}, "كلمة المرور من 12 إلى 256 حرفاً."},
		{url.Values{"name": {"سامي"}, "email": {"sami"}, "role": {"contributor"}, "password": {"a long enough password"}}, "عنوان البريد الإلكتروني غير صحيح."},
		{url.Values{"name": {"سامي"}, "email": {"sami@example.ma"}, "role": {"owner"}, "password": {"a long enough password"}}, "اختر دوراً من القائمة."},
		{url.Values{"name": {"سامي"}, "email": {"ADMIN@example.ma"}, "role": {"editor"}, "password": {"a long enough password"}}, "يوجد حساب بهذا البريد الإلكتروني."},
	} {
		res, body := s.postAs(t, admin, "/newsroom/users", tt.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.text) || !strings.Contains(body, `value="سامي"`) {
			t.Errorf("%v: %d, want 422 with %q", tt.form, res.StatusCode, tt.text)
		}
		if strings.Contains(body, tt.form.Get("password")) && tt.form.Get("password") != "" {
			t.Error("the password came back in the page")
		}
	}
	if n := len(users()); n != 1 {
		t.Fatalf("%d accounts after bad input, want 1", n)
	}

	res, _ := s.postAs(t, admin, "/newsroom/users", url.Values{"name": {"سامي"}, "email": {"sami@example.ma"}, "role": {"contributor"}, "password": {"a long enough password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	var sami news.User
	for _, u := range users() {
		if u.Email == "sami@example.ma" {
			sami = u
		}
	}
	if sami.Role != news.Contributor {
		t.Fatalf("created %+v", sami)
	}

	// The contributor signs in, and may not manage accounts.
	res, _ = s.post(t, "/newsroom/login", url.Values{"email": {"sami@example.ma"}, "password": {"a long enough password"}}, nil)
	samiCookie := sessionCookie(res)
	if samiCookie == nil {
		t.Fatal("the new contributor cannot sign in")
	}
	if res, _ := s.getAs(t, samiCookie, "/newsroom/users"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a contributor sees the accounts: %d", res.StatusCode)
	}
	if res, _ := s.postAs(t, samiCookie, "/newsroom/users", url.Values{"name": {"x"}, "email": {"x@example.ma"}, "role": {"admin"}, "password": {"a long enough password"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a contributor creates an admin: %d", res.StatusCode)
	}

	// Disabling the contributor ends their session; an admin cannot disable themselves.
	if res, _ := s.postAs(t, admin, fmt.Sprintf("/newsroom/users/%d/disable", sami.ID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.StatusCode)
	}
	if res, _ := s.getAs(t, samiCookie, "/newsroom/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled account's session still opens the newsroom: %d", res.StatusCode)
	}
	me := users()[0]
	for _, u := range users() {
		if u.Email == "admin@example.ma" {
			me = u
		}
	}
	if res, _ := s.postAs(t, admin, fmt.Sprintf("/newsroom/users/%d/disable", me.ID), nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an admin disabled themselves: %d", res.StatusCode)
	}
	if res, body := s.getAs(t, admin, "/newsroom/users"); res.StatusCode != 200 || !strings.Contains(body, "sami@example.ma") || !strings.Contains(body, "معطّل") {
		t.Errorf("users screen: %d", res.StatusCode)
	}
}

func TestSettingsScreen(t *testing.T) {
	s := newServer(t)
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	res, body := s.getAs(t, admin, "/newsroom/settings")
	if res.StatusCode != 200 || !strings.Contains(body, `value="مداد"`) {
		t.Fatalf("settings page: %d", res.StatusCode)
	}
	form := url.Values{
		"site_name": {"الصباح"}, "description": {"جريدة يومية"}, "months": {"levant"}, "digits": {"arabic"},
		"timezone": {"Africa/Casablanca"}, "adblock_title": {"مانع الإعلانات"}, "adblock_text": {"نرجو السماح بالإعلانات."},
		"close_after_days": {"30"}, "spam_words": {"كازينو\n\n قمار "},
		"ad-header-image": {"midad-digital.svg"}, "ad-header-link": {"https://shop.example.ma/abonnement"},
		"ad-header-alt": {"اشترك"}, "ad-header-width": {"728"}, "ad-header-height": {"90"},
		"ad-article-image": {""}, "analytics": {"https://stats.example.ma/script.js\n"},
	}
	if res, _ := s.postAs(t, admin, "/newsroom/settings", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	set, err := s.store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if set.SiteName != "الصباح" || set.Months != "levant" || set.Digits != "arabic" || set.Comments.CloseAfterDays != 30 ||
		fmt.Sprint(set.Comments.SpamWords) != "[كازينو قمار]" || len(set.Ads) != 1 || set.Ads[0].Link != "https://shop.example.ma/abonnement" ||
		fmt.Sprint(set.Analytics) != "[https://stats.example.ma/script.js]" {
		t.Errorf("saved %+v", set)
	}
	// Readers' pages load the analytics script, allowed by their policy;
	// the article slot has no ad any more; the newsroom loads no analytics.
	res, front := s.get(t, "GET", "/")
	if !strings.Contains(front, `<script src="https://stats.example.ma/script.js" defer></script>`) ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'self' https://stats.example.ma;") ||
		!strings.Contains(front, `href="https://shop.example.ma/abonnement"`) {
		t.Errorf("the front page lacks the analytics script, its policy or the new ad: %s", res.Header.Get("Content-Security-Policy"))
	}
	if _, page := s.get(t, "GET", seedPath); strings.Contains(page, "ad-article") {
		t.Error("the removed article ad is still shown")
	}
	if res, body := s.getAs(t, admin, "/newsroom/settings"); strings.Contains(body, "<script src=\"https://stats") ||
		strings.Contains(res.Header.Get("Content-Security-Policy"), "stats.example.ma") {
		t.Error("the newsroom loads the analytics script")
	}
	// The reader site follows at once: Levantine months, Arabic-Indic digits.
	_, page := s.get(t, "GET", "/")
	if !strings.Contains(page, "تشرين الثاني ٢٠٢٢") || !strings.Contains(page, "الصباح") {
		t.Error("the front page does not use the new settings")
	}

	// Bad values are not saved.
	for name, change := range map[string][2]string{
		"no site name": {"site_name", " "}, "unknown zone": {"timezone", "Mars/Olympus"},
		"negative days": {"close_after_days", "-3"}, "not a number": {"close_after_days", "many"},
		"unknown months": {"months", "martian"}, "unknown digits": {"digits", "roman"},
		"script ad link": {"ad-header-link", "javascript:alert(1)"}, "ad image path": {"ad-header-image", "../../etc/passwd"},
		"ad size": {"ad-header-width", "wide"}, "plain http analytics": {"analytics", "http://stats.example.ma/s.js"},
		"analytics quote":    {"analytics", "https://stats.example.ma/s.js' unsafe-inline"},
		"analytics wildcard": {"analytics", "https://*"}, "analytics directive": {"analytics", "https://a.com;object-src"},
		"analytics list": {"analytics", "https://a.com,b"},
	} {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set(change[0], change[1])
		res, body := s.postAs(t, admin, "/newsroom/settings", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "لم تُحفظ الإعدادات") {
			t.Errorf("%s: %d", name, res.StatusCode)
		}
	}
	if again, _ := s.store.Settings(context.Background()); again.SiteName != "الصباح" || again.Timezone != "Africa/Casablanca" {
		t.Errorf("bad input changed the settings: %+v", again)
	}

	// Editors may not change settings.
	editor := s.signIn(t, "huda@example.ma", news.Editor)
	if res, _ := s.postAs(t, editor, "/newsroom/settings", form); res.StatusCode != http.StatusNotFound {
		t.Errorf("an editor's settings post: %d", res.StatusCode)
	}
}

func TestSectionsScreen(t *testing.T) {
	s := newServer(t)
	editor := s.signIn(t, "huda@example.ma", news.Editor)
	ctx := context.Background()
	sport, err := s.store.SectionBySlug(ctx, "sport")
	if err != nil {
		t.Fatal(err)
	}

	// Rename and move a section.
	form := url.Values{"name-" + fmt.Sprint(sport.ID): {"الرياضة"}, "position-" + fmt.Sprint(sport.ID): {"0"}}
	if res, _ := s.postAs(t, editor, "/newsroom/sections", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	list, _ := s.store.Sections(ctx)
	if list[0].Slug != "sport" || list[0].Name != "الرياضة" {
		t.Errorf("first section %+v, want the renamed sport", list[0])
	}
	if _, body := s.get(t, "GET", "/"); !strings.Contains(body, `<a href="/section/sport">الرياضة</a>`) {
		t.Error("the site's navigation does not show the new name")
	}

	// Add one with an Arabic slug made from its name.
	if res, _ := s.postAs(t, editor, "/newsroom/sections/new", url.Values{"name": {"رأي"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	if sec, err := s.store.SectionBySlug(ctx, "رأي"); err != nil || sec.Name != "رأي" {
		t.Errorf("new section: %+v %v", sec, err)
	}

	// Bad input stores nothing.
	for name, tt := range map[string]struct {
		path string
		form url.Values
		text string
	}{
		"empty name":     {"/newsroom/sections/new", url.Values{"name": {" "}}, "اسم القسم مطلوب"},
		"taken slug":     {"/newsroom/sections/new", url.Values{"name": {"رياضة أخرى"}, "slug": {"sport"}}, "يوجد قسم بهذا الاسم في الرابط."},
		"slug with /":    {"/newsroom/sections/new", url.Values{"name": {"س"}, "slug": {"a/b"}}, "الاسم في الرابط لا يقبل"},
		"bad position":   {"/newsroom/sections", url.Values{"name-" + fmt.Sprint(sport.ID): {"x"}, "position-" + fmt.Sprint(sport.ID): {"first"}}, "الترتيب عدد"},
		"rename to none": {"/newsroom/sections", url.Values{"name-" + fmt.Sprint(sport.ID): {" "}, "position-" + fmt.Sprint(sport.ID): {"1"}}, "اسم القسم مطلوب"},
	} {
		res, body := s.postAs(t, editor, tt.path, tt.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.text) {
			t.Errorf("%s: %d", name, res.StatusCode)
		}
	}
	after, _ := s.store.Sections(ctx)
	if len(after) != len(list)+1 || after[0].Name != "الرياضة" {
		t.Errorf("bad input changed the sections: %d, first %q", len(after), after[0].Name)
	}

	// A contributor may not.
	contributor := s.signIn(t, "sami@example.ma", news.Contributor)
	if res, _ := s.postAs(t, contributor, "/newsroom/sections/new", url.Values{"name": {"س"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a contributor adds a section: %d", res.StatusCode)
	}
}

func TestFrontPageCuration(t *testing.T) {
	s := newServer(t)
	editor := s.signIn(t, "huda@example.ma", news.Editor)
	ctx := context.Background()
	latest, err := s.store.PublishedArticles(ctx, news.Filter{Now: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}, news.Page{Number: 1, Size: 4})
	if err != nil {
		t.Fatal(err)
	}
	seed, lead, f1, f2 := latest.Articles[0], latest.Articles[1], latest.Articles[2], latest.Articles[3]

	if res, body := s.getAs(t, editor, "/newsroom/front"); res.StatusCode != 200 || !strings.Contains(body, lead.Headline) {
		t.Fatalf("curation page: %d", res.StatusCode)
	}
	form := url.Values{"lead": {fmt.Sprint(lead.ID)}, "featured": {fmt.Sprint(f1.ID), fmt.Sprint(f2.ID), fmt.Sprint(lead.ID)}}
	if res, _ := s.postAs(t, editor, "/newsroom/front", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	_, body := s.get(t, "GET", "/")
	leadAt := strings.Index(body, `<h2 class="lead-title"><a href="/article/`+url.PathEscape(lead.Slug)+`">`)
	featuredAt := strings.Index(body, `id="featured-title">مختارات</h2>`)
	if leadAt < 0 || featuredAt < leadAt || !strings.Contains(body[featuredAt:], f1.Headline) || !strings.Contains(body[featuredAt:], f2.Headline) {
		t.Errorf("front page: lead at %d, featured at %d", leadAt, featuredAt)
	}
	if strings.Contains(body, `<h2 class="lead-title"><a href="/article/`+url.PathEscape(seed.Slug)+`">`) {
		t.Error("the newest article still leads")
	}

	// An unknown article and too many are refused, and change nothing.
	many := url.Values{"lead": {"0"}}
	for _, a := range latest.Articles {
		many.Add("featured", fmt.Sprint(a.ID))
	}
	more, _ := s.store.PublishedArticles(ctx, news.Filter{Now: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}, news.Page{Number: 2, Size: 4})
	for _, a := range more.Articles {
		many.Add("featured", fmt.Sprint(a.ID))
	}
	for name, bad := range map[string]url.Values{
		"unknown article": {"lead": {"999999"}},
		"not a number":    {"featured": {"x"}},
		"seven featured":  many,
	} {
		if res, _ := s.postAs(t, editor, "/newsroom/front", bad); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d", name, res.StatusCode)
		}
	}
	if set, _ := s.store.Settings(ctx); set.Front.Lead != lead.ID || len(set.Front.Featured) != 2 {
		t.Errorf("bad input changed the front page: %+v", set.Front)
	}

	// Back to automatic: the newest leads again.
	if res, _ := s.postAs(t, editor, "/newsroom/front", url.Values{"lead": {"0"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatal("reset failed")
	}
	if _, body := s.get(t, "GET", "/"); !strings.Contains(body, `<h2 class="lead-title"><a href="`+seedPath+`">`) {
		t.Error("the seed article does not lead again")
	}
}
