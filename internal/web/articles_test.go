package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

// articleForm is what a journalist fills in.
func (s *server) articleForm(t *testing.T) url.Values {
	t.Helper()
	sec, err := s.store.SectionBySlug(context.Background(), "first")
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{"kicker": {"الداخلة"}, "headline": {"انطلاق مهرجان الداخلة للسينما"}, "lang": {"ar"},
		"section": {fmt.Sprint(sec.ID)}, "tags": {"سينما، مهرجانات"},
		"body":   {`<p>انطلقت يوم الخيمس فعاليات المهرجان بحضور <a href="https://example.org/macron">Emmanuel Macron</a>.</p><script>alert(1)</script>`},
		"action": {"save"}}
}

// newArticle posts the form and returns the new article's id.
func (s *server) newArticle(t *testing.T, c *http.Cookie, form url.Values) int64 {
	t.Helper()
	res, body := s.postAs(t, c, "/newsroom/articles", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create article: %d %s", res.StatusCode, body)
	}
	loc := strings.TrimSuffix(strings.TrimPrefix(res.Header.Get("Location"), "/newsroom/articles/"), "?saved=1")
	id, err := strconv.ParseInt(loc, 10, 64)
	if err != nil {
		t.Fatalf("redirected to %q", res.Header.Get("Location"))
	}
	return id
}

func TestContributorWritesADraft(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.signIn(t, "sami@example.ma", news.Contributor)

	res, body := s.getAs(t, c, "/newsroom/articles/new")
	if res.StatusCode != 200 || !strings.Contains(body, `data-editor`) || !strings.Contains(body, "/static/editor.") ||
		!strings.Contains(body, "data-autosave>") {
		t.Fatalf("editor page: %d", res.StatusCode)
	}
	arabicPage(t, body)

	// Fields that are not the article's are slipped in: they change nothing.
	form := s.articleForm(t)
	form.Set("role", "admin")
	form.Set("status", "published")
	form.Set("created_by", "1")
	form.Set("breaking", "on")
	id := s.newArticle(t, c, form)
	a, err := s.store.ArticleByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := s.store.UserByEmail(ctx, "sami@example.ma")
	if a.Status != news.Draft || a.CreatedBy != u.ID || a.Breaking || u.Role != news.Contributor {
		t.Fatalf("stored: status %s owner %d (want %d) breaking %v role %s", a.Status, a.CreatedBy, u.ID, a.Breaking, u.Role)
	}
	if strings.Contains(a.Body, "<script") || !strings.Contains(a.Body, `href="https://example.org/macron"`) {
		t.Fatalf("body not sanitized as expected: %s", a.Body)
	}
	if len(a.Authors) != 1 || a.Authors[0].Name != "هدى المحررة" {
		t.Fatalf("byline: %+v", a.Authors)
	}

	// Publishing is not the contributor's to do: 403, in Arabic, unchanged.
	form = s.articleForm(t)
	form.Set("version", fmt.Sprint(a.Version))
	form.Set("action", "publish")
	res, body = s.postAs(t, c, fmt.Sprintf("/newsroom/articles/%d", id), form)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "لا تملك صلاحية هذا الإجراء") {
		t.Fatalf("contributor publishing: %d", res.StatusCode)
	}
	if got, _ := s.store.ArticleByID(ctx, id); got.Status != news.Draft || got.Version != a.Version {
		t.Fatalf("after a refused publish: %s v%d", got.Status, got.Version)
	}

	// Submitting for review is.
	form.Set("action", "submit")
	if res, body := s.postAs(t, c, fmt.Sprintf("/newsroom/articles/%d", id), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", res.StatusCode, body)
	}
	if got, _ := s.store.ArticleByID(ctx, id); got.Status != news.InReview {
		t.Fatalf("after submit: %s", got.Status)
	}

	// Another contributor tries the id: not found, for reading and writing.
	other := s.signIn(t, "rania@example.ma", news.Contributor)
	for _, path := range []string{"", "/preview", "/revisions"} {
		if res, _ := s.getAs(t, other, fmt.Sprintf("/newsroom/articles/%d%s", id, path)); res.StatusCode != http.StatusNotFound {
			t.Errorf("another contributor GET %s: %d", path, res.StatusCode)
		}
	}
	form.Set("headline", "عنوان مزوّر")
	form.Set("version", "2")
	form.Set("action", "save")
	if res, _ := s.postAs(t, other, fmt.Sprintf("/newsroom/articles/%d", id), form); res.StatusCode != http.StatusNotFound {
		t.Errorf("another contributor POST: %d", res.StatusCode)
	}
	if got, _ := s.store.ArticleByID(ctx, id); got.Headline == "عنوان مزوّر" {
		t.Fatal("another contributor changed the article")
	}
	// Nor does it show in their list.
	if _, body := s.getAs(t, other, "/newsroom/articles"); strings.Contains(body, "انطلاق مهرجان الداخلة") {
		t.Error("another contributor's list shows the article")
	}
}

func TestArticleBadInput(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	c := s.signIn(t, "huda@example.ma", news.AuthorRole)
	before, _ := s.store.CountArticles(ctx)
	cases := []struct {
		name   string
		edit   func(url.Values)
		status int
		text   string
	}{
		{"overlong headline", func(f url.Values) { f.Set("headline", strings.Repeat("ب", news.MaxHeadline+1)) }, 422, "النص أطول من المسموح به."},
		{"no headline", func(f url.Values) { f.Set("headline", " ") }, 422, "هذا الحقل مطلوب."},
		{"no section", func(f url.Values) { f.Del("section") }, 422, "هذا الحقل مطلوب."},
		{"bad section", func(f url.Values) { f.Set("section", "x") }, 422, "هذا الحقل مطلوب."},
		{"unknown author", func(f url.Values) { f.Set("authors", "99999") }, 422, "هذا الكاتب غير موجود."},
		{"NUL in kicker", func(f url.Values) { f.Set("kicker", "a\x00") }, 422, "رموز غير مقبولة"},
		{"forged action", func(f url.Values) { f.Set("action", "delete-all") }, 400, ""},
		{"bad schedule time", func(f url.Values) { f.Set("publish_at", "غداً"); f.Set("action", "schedule") }, 422, "موعد غير صالح."},
		{"huge body", func(f url.Values) { f.Set("body", strings.Repeat("ب", 3<<20)) }, 413, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := s.articleForm(t)
			form.Set("tags", "وسم لا يجب أن يبقى")
			tc.edit(form)
			res, body := s.postAs(t, c, "/newsroom/articles", form)
			if res.StatusCode != tc.status || !strings.Contains(body, tc.text) {
				t.Fatalf("%d (want %d), text %q found: %v", res.StatusCode, tc.status, tc.text, strings.Contains(body, tc.text))
			}
			arabicPage(t, body)
			if tc.status == 422 && !strings.Contains(body, `aria-invalid="true"`) && !strings.Contains(body, `class="field-error" role="alert"`) {
				t.Error("the wrong field is not marked")
			}
			if tc.status == 422 && !strings.Contains(body, "الداخلة") {
				t.Error("what was typed is lost")
			}
			if n, _ := s.store.CountArticles(ctx); n != before {
				t.Fatalf("%d articles stored (had %d)", n, before)
			}
			if _, err := s.store.TagBySlug(ctx, "وسم-لا-يجب-أن-يبقى"); err == nil {
				t.Fatal("a tag was stored")
			}
		})
	}
	// A cross-site POST is refused before anything is read.
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/articles", strings.NewReader(s.articleForm(t).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(c)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d", res.StatusCode)
	}
	if n, _ := s.store.CountArticles(ctx); n != before {
		t.Fatalf("%d articles stored (had %d)", n, before)
	}
}

func TestEditorCorrectsAndCompares(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	id := s.newArticle(t, ed, s.articleForm(t))
	path := fmt.Sprintf("/newsroom/articles/%d", id)

	// Publish with the breaking-news flag: the banner is on every page.
	form := s.articleForm(t)
	form.Set("version", "1")
	form.Set("action", "publish")
	form.Set("breaking", "on")
	if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", res.StatusCode, body)
	}
	_, front := s.get(t, "GET", "/")
	if !strings.Contains(front, `class="breaking"`) || !strings.Contains(front, "انطلاق مهرجان الداخلة للسينما") {
		t.Fatal("no breaking-news banner on the front page")
	}

	// Autosave is for drafts only: a published article is not changed by it.
	form.Set("version", "2")
	form.Set("action", "save")
	form.Set("autosave", "1")
	form.Set("body", "<p>نصف تصحيح</p>")
	res, body := s.postJSON(t, ed, path, form)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "لا يُحفظ المقال المنشور تلقائياً") {
		t.Fatalf("autosave of a published article: %d %s", res.StatusCode, body)
	}

	// Someone else opening it is told who has it open, until the first
	// leaves the page.
	second := s.signIn(t, "omar@example.ma", news.Editor)
	// Opening the page (a GET, which an image in a body could send) claims
	// nothing; the page's script claims it by POST. (Saving claimed it:
	// the first editor leaves, then opens it again.)
	s.postAs(t, ed, path+"/release", nil)
	s.getAs(t, ed, path)
	if _, body := s.getAs(t, second, path); strings.Contains(body, "مفتوح الآن للتحرير لدى") {
		t.Error("a GET claimed the article")
	}
	s.postAs(t, second, path+"/release", nil)
	if res, _ := s.postAs(t, ed, path+"/claim", nil); res.StatusCode != http.StatusOK {
		t.Errorf("claim: %d", res.StatusCode)
	}
	if res, body := s.postAs(t, second, path+"/claim", nil); !strings.Contains(body, `"holder":"هدى المحررة"`) {
		t.Errorf("the second editor's claim does not name the first: %d %s", res.StatusCode, body)
	}
	if _, body := s.getAs(t, second, path); !strings.Contains(body, "مفتوح الآن للتحرير لدى") {
		t.Error("the second editor is not told the article is open")
	}
	if res, _ := s.postAs(t, ed, path+"/release", nil); res.StatusCode != http.StatusNoContent {
		t.Errorf("release: %d", res.StatusCode)
	}
	if _, body := s.getAs(t, second, path); strings.Contains(body, "مفتوح الآن للتحرير لدى") {
		t.Error("the claim outlived the page")
	}
	s.postAs(t, second, path+"/release", nil)

	// Two editors opened version 2; the first fixes the typo.
	form = s.articleForm(t)
	form.Set("version", "2")
	form.Set("breaking", "on")
	form.Set("body", strings.Replace(form.Get("body"), "الخيمس", "الخميس", 1))
	if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction: %d %s", res.StatusCode, body)
	}
	form2 := s.articleForm(t)
	form2.Set("version", "2")
	form2.Set("headline", "عنوان آخر")
	res, body = s.postAs(t, second, path, form2)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "حفظ شخص آخر هذا المقال") || !strings.Contains(body, "<del>") {
		t.Fatalf("conflicting save: %d", res.StatusCode)
	}
	if !strings.Contains(body, `value="عنوان آخر"`) || !strings.Contains(body, `name="version" value="3"`) {
		t.Fatal("the conflict page does not keep the second editor's text over the current version")
	}
	if strings.Contains(body, "data-autosave>") {
		t.Fatal("the conflict page would autosave over the other editor's work")
	}
	a, _ := s.store.ArticleByID(ctx, id)
	if a.Headline != "انطلاق مهرجان الداخلة للسينما" || !strings.Contains(a.Body, "الخميس") || a.Version != 3 {
		t.Fatalf("stored after the conflict: %q v%d", a.Headline, a.Version)
	}

	// The correction shows its update time to readers.
	_, page := s.get(t, "GET", "/article/"+url.PathEscape(a.Slug))
	if !strings.Contains(page, "الخميس") {
		t.Fatal("the correction is not on the article page")
	}

	// The revision diff shows exactly the fix.
	res, body = s.getAs(t, ed, path+"/revisions?from=2&to=3")
	if res.StatusCode != 200 {
		t.Fatalf("revisions: %d", res.StatusCode)
	}
	if got := between(body, "<del>", "</del>"); len(got) != 1 || !strings.HasSuffix(got[0], "الخيمس") {
		t.Fatalf("deleted: %q", got)
	}
	if got := between(body, "<ins>", "</ins>"); len(got) != 1 || !strings.HasSuffix(got[0], "الخميس") {
		t.Fatalf("inserted: %q", got)
	}

	// Statuses read as words in the comparison, not codes.
	if _, body := s.getAs(t, ed, path+"/revisions?from=1&to=2"); !strings.Contains(body, "منشور") || strings.Contains(body, ">published<") {
		t.Error("the status change is not shown in Arabic")
	}

	// Preview: the article as readers see it, not indexed.
	res, body = s.getAs(t, ed, path+"/preview")
	if res.StatusCode != 200 || !strings.Contains(body, `name="robots" content="noindex"`) || !strings.Contains(body, "معاينة") {
		t.Fatalf("preview: %d", res.StatusCode)
	}

	// A restore made from a stale version is refused, with the reason.
	res, _ = s.postAs(t, ed, path+"/revisions/2/restore", url.Values{"version": {"2"}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "problem=conflict") {
		t.Fatalf("stale restore: %d %s", res.StatusCode, loc)
	}
	if _, body := s.getAs(t, ed, path+"/revisions?problem=conflict"); !strings.Contains(body, "لم تُسترجع النسخة") {
		t.Error("the refused restore is not explained")
	}

	// Restore version 2: the typo is back, as version 4.
	if res, _ := s.postAs(t, ed, path+"/revisions/2/restore", url.Values{"version": {"3"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", res.StatusCode)
	}
	if a, _ := s.store.ArticleByID(ctx, id); !strings.Contains(a.Body, "الخيمس") || a.Version != 4 {
		t.Fatalf("after restore: v%d", a.Version)
	}
}

func TestAutosaveDraft(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "sami@example.ma", news.Contributor)
	form := s.articleForm(t)
	form.Set("autosave", "1")
	res, body := s.postJSON(t, c, "/newsroom/articles", form)
	var got struct {
		ID      int64
		Version int
		URL     string
	}
	if res.StatusCode != 200 || json.Unmarshal([]byte(body), &got) != nil || got.ID == 0 || got.Version != 1 {
		t.Fatalf("autosave of a new draft: %d %s", res.StatusCode, body)
	}
	form.Set("version", "1")
	form.Set("headline", "عنوان معدّل")
	if res, body := s.postJSON(t, c, got.URL, form); res.StatusCode != 200 || !strings.Contains(body, `"version":2`) {
		t.Fatalf("second autosave: %d %s", res.StatusCode, body)
	}
	revs, err := s.store.Revisions(context.Background(), got.ID)
	if err != nil || len(revs) != 2 || revs[0].Note != "autosave" {
		t.Fatalf("revisions: %+v %v", revs, err)
	}
	// A third autosave takes the place of the second in the history.
	form.Set("version", "2")
	form.Set("headline", "عنوان معدّل مرة أخرى")
	if res, body := s.postJSON(t, c, got.URL, form); res.StatusCode != 200 || !strings.Contains(body, `"version":3`) {
		t.Fatalf("third autosave: %d %s", res.StatusCode, body)
	}
	revs, _ = s.store.Revisions(context.Background(), got.ID)
	if len(revs) != 2 || revs[0].Version != 3 || revs[0].Snapshot.Headline != "عنوان معدّل مرة أخرى" || revs[1].Version != 1 {
		t.Fatalf("revisions after the third autosave: %d", len(revs))
	}
}

// postJSON posts form as the editor's autosave does, asking for JSON.
func (s *server) postJSON(t *testing.T, c *http.Cookie, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.AddCookie(c)
	return s.do(t, req)
}

// between returns the texts between each open and close marker.
func between(s, open, close string) []string {
	var out []string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		s = s[i+len(open):]
		j := strings.Index(s, close)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(close):]
	}
}

func TestUploadedImageAsFeaturedAndAd(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	ed := s.signIn(t, "huda@example.ma", news.Editor)

	// Upload a picture through the newsroom, as the editor's dialog does.
	var img bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 800, 500))
	for i := range pic.Pix {
		pic.Pix[i] = byte(i)
	}
	if err := png.Encode(&img, pic); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "photo.png")
	fw.Write(img.Bytes())
	mw.WriteField("alt", "صورة")
	mw.WriteField("credit", "AFP")
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.AddCookie(ed)
	res, out := s.do(t, req)
	var up struct {
		ID  int64
		Src string
	}
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &up) != nil || up.ID == 0 {
		t.Fatalf("upload: %d %s", res.StatusCode, out)
	}

	// Its texts: another contributor may not change them, its uploader
	// and editors may; the checks of an upload apply.
	other := s.signIn(t, "sami@example.ma", news.Contributor)
	path := fmt.Sprintf("/newsroom/media/%d", up.ID)
	if res, _ := s.postAs(t, other, path, url.Values{"alt": {"نص مزوّر"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another contributor describing the image: %d", res.StatusCode)
	}
	if res, body := s.postAs(t, ed, path, url.Values{"alt": {"a\x00b"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "form-error") {
		t.Errorf("a control character in the alt text: %d", res.StatusCode)
	}
	if res, _ := s.postAs(t, ed, path, url.Values{"alt": {"منظر من الداخلة"}, "caption": {"الشاطئ"}, "credit": {"AFP"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the editor describing the image: %d", res.StatusCode)
	}
	if im, _ := s.store.Image(ctx, up.ID); im.Alt != "منظر من الداخلة" || im.Caption != "الشاطئ" {
		t.Errorf("stored texts: %+v", im)
	}

	// As a featured image: the article page shows it with its variants.
	form := s.articleForm(t)
	form.Set("image", fmt.Sprint(up.ID))
	form.Set("action", "publish")
	id := s.newArticle(t, ed, form)
	a, _ := s.store.ArticleByID(ctx, id)
	_, page := s.get(t, "GET", "/article/"+url.PathEscape(a.Slug))
	if !strings.Contains(page, `class="lead-image"`) || !strings.Contains(page, `alt="منظر من الداخلة"`) || !strings.Contains(page, "w, /media/") {
		t.Fatal("the article page does not show the featured image with a srcset")
	}
	// Saving with a form that does not carry the image field keeps it.
	form = s.articleForm(t)
	form.Set("version", fmt.Sprint(a.Version))
	form.Del("image")
	if res, body := s.postAs(t, ed, fmt.Sprintf("/newsroom/articles/%d", id), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save without the image field: %d %s", res.StatusCode, body)
	}
	if a, _ := s.store.ArticleByID(ctx, id); a.Image.ID != up.ID {
		t.Fatalf("the featured image was dropped: %d", a.Image.ID)
	}
	res, _ = s.get(t, "GET", up.Src)
	if res.StatusCode != 200 || res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") {
		t.Fatalf("the image itself: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("X-Content-Type-Options"))
	}

	// As an ad: served under /ads/, where blockers look.
	set, _ := s.store.Settings(ctx)
	set.Ads = []news.AdSlot{{Position: "header", Image: "media/" + strings.TrimPrefix(up.Src, "/media/"), Link: "/", Alt: "إعلان", Width: 800, Height: 500}}
	if err := s.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	_, front := s.get(t, "GET", "/")
	if !strings.Contains(front, `src="/ads/media/`) {
		t.Fatal("the header ad does not use the uploaded image under /ads/")
	}
	if res, _ := s.get(t, "GET", "/ads"+up.Src); res.StatusCode != 200 {
		t.Fatalf("the ad image: %d", res.StatusCode)
	}
}

func TestFrenchArticleIsLeftToRight(t *testing.T) {
	s := newServer(t)
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	form := s.articleForm(t)
	form.Set("lang", "fr")
	form.Set("headline", "Le festival de Dakhla s’ouvre")
	form.Set("body", "<p>Le festival s’est ouvert jeudi, en présence de 2 000 spectateurs.</p>")
	form.Set("action", "publish")
	id := s.newArticle(t, ed, form)
	// The editor's own field follows the article's language.
	if _, body := s.getAs(t, ed, fmt.Sprintf("/newsroom/articles/%d", id)); !strings.Contains(body, `data-editor dir="ltr"`) {
		t.Error("the editor of a French article is not left-to-right")
	}
	a, _ := s.store.ArticleByID(context.Background(), id)
	_, page := s.get(t, "GET", "/article/"+url.PathEscape(a.Slug))
	if !strings.Contains(page, `<article class="article" lang="fr" dir="ltr">`) {
		t.Fatal("a French article is not marked lang=fr dir=ltr")
	}
	if !strings.Contains(page, `<html lang="ar" dir="rtl">`) {
		t.Fatal("the page around it is no longer Arabic")
	}
}
