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
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

// upload sends a picture through the newsroom, as the editor's dialog does,
// and returns its id and address.
func (s *server) upload(t *testing.T, c *http.Cookie, alt string) (int64, string) {
	t.Helper()
	var img bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 640, 400))
	for i := range pic.Pix {
		pic.Pix[i] = byte(i * 7)
	}
	if err := png.Encode(&img, pic); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "photo.png")
	fw.Write(img.Bytes())
	mw.WriteField("alt", alt)
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.AddCookie(c)
	res, out := s.do(t, req)
	var up struct {
		ID  int64
		Src string
	}
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &up) != nil || up.ID == 0 {
		t.Fatalf("upload: %d %s", res.StatusCode, out)
	}
	return up.ID, up.Src
}

// TestSearchAndShareFields: a journalist gives an article a search title,
// a meta description and a social image; they are kept, checked with
// Arabic errors (nothing stored on error), previewed with their
// fallbacks, compared and restored in the revisions.
func TestSearchAndShareFields(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	featured, featuredSrc := s.upload(t, ed, "الشاطئ")
	social, socialSrc := s.upload(t, ed, "ملصق المهرجان")

	// Empty fields: the editor previews the fallbacks.
	form := s.articleForm(t)
	form.Set("summary", "ملخص المهرجان")
	form.Set("image", fmt.Sprint(featured))
	id := s.newArticle(t, ed, form)
	path := fmt.Sprintf("/newsroom/articles/%d", id)
	_, body := s.getAs(t, ed, path)
	for _, want := range []string{
		`<p class="share-card-title" dir="auto" data-preview-title>انطلاق مهرجان الداخلة للسينما</p>`,
		`<p class="search-result-description" dir="auto" data-preview-description>ملخص المهرجان</p>`,
		`data-preview-image src="` + featuredSrc + `"`,
		`name="seo_title" dir="auto" value="" placeholder="انطلاق مهرجان الداخلة للسينما"`,
		`data-advice="60" data-max="120"`, `data-advice="160" data-max="320"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("editor page lacks %s", want)
		}
	}
	if a, _ := s.store.ArticleByID(ctx, id); a.SEOTitle != "" || a.SEODescription != "" || a.SocialImage.ID != 0 {
		t.Fatalf("empty fields stored as %+v", a)
	}

	// Filled in: stored, and previewed instead of the fallbacks.
	form.Set("version", "1")
	form.Set("seo_title", "  مهرجان الداخلة   للسينما 2026 ")
	form.Set("seo_description", "كل ما يجب معرفته عن الدورة الجديدة.")
	form.Set("social_image", fmt.Sprint(social))
	if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	a, err := s.store.ArticleByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.SEOTitle != "مهرجان الداخلة للسينما 2026" || a.SEODescription != "كل ما يجب معرفته عن الدورة الجديدة." ||
		a.SocialImage.ID != social || a.Image.ID != featured {
		t.Fatalf("stored: %q %q social %d featured %d", a.SEOTitle, a.SEODescription, a.SocialImage.ID, a.Image.ID)
	}
	_, body = s.getAs(t, ed, path)
	for _, want := range []string{`data-preview-title>مهرجان الداخلة للسينما 2026</p>`, `data-preview-image src="` + socialSrc + `"`,
		`<bdi data-count-n>27</bdi> / 60`} {
		if !strings.Contains(body, want) {
			t.Errorf("editor page lacks %s", want)
		}
	}

	// Too long, an unknown image, a control character: Arabic errors on
	// the field, the typed text kept, nothing stored.
	for name, tt := range map[string]struct {
		field, value, text string
	}{
		"long title":       {"seo_title", strings.Repeat("ع", news.MaxSEOTitle+1), "عنوان البحث لا يتجاوز 120 حرفاً"},
		"long description": {"seo_description", strings.Repeat("و", news.MaxSEODescription+1), "وصف البحث لا يتجاوز 320 حرفاً"},
		"unknown image":    {"social_image", "999999", "هذه الصورة غير موجودة."},
		"not an image id":  {"social_image", "x", "هذه الصورة غير موجودة."},
		"control char":     {"seo_title", "عنوان\x07", "يحتوي النص على رموز غير مقبولة."},
	} {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("version", "2")
		bad.Set("headline", "عنوان لا يُحفظ")
		bad.Set(tt.field, tt.value)
		res, body := s.postAs(t, ed, path, bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.text) ||
			!strings.Contains(body, `id="`+tt.field+`-error"`) && tt.field != "social_image" {
			t.Errorf("%s: %d, or no Arabic error on the field", name, res.StatusCode)
		}
		if tt.field != "social_image" && !strings.Contains(body, tt.value[:6]) {
			t.Errorf("%s: the typed text is lost", name)
		}
		if got, _ := s.store.ArticleByID(ctx, id); got.Version != 2 || got.Headline != a.Headline || got.SEOTitle != a.SEOTitle {
			t.Fatalf("%s: stored v%d %q", name, got.Version, got.SEOTitle)
		}
	}
	// A form without the fields (a page opened before they existed)
	// keeps them.
	old := s.articleForm(t)
	old.Set("version", "2")
	old.Set("image", fmt.Sprint(featured))
	old.Set("summary", "ملخص المهرجان")
	if res, body := s.postAs(t, ed, path, old); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save without the fields: %d %s", res.StatusCode, body)
	}
	if got, _ := s.store.ArticleByID(ctx, id); got.SEOTitle != a.SEOTitle || got.SocialImage.ID != social {
		t.Fatalf("a form without the fields cleared them: %+v", got)
	}

	// Cleared: back to the fallbacks.
	form.Set("version", "3")
	form.Set("seo_title", "")
	form.Set("social_image", "")
	if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("clear: %d %s", res.StatusCode, body)
	}

	// The revisions compare them, in Arabic, and restore them.
	_, body = s.getAs(t, ed, path+"/revisions?from=1&to=2")
	for _, want := range []string{"عنوان البحث", "وصف البحث", "صورة المشاركة", "مهرجان الداخلة للسينما 2026</ins>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the comparison lacks %s", want)
		}
	}
	if res, _ := s.postAs(t, ed, path+"/revisions/2/restore", url.Values{"version": {"4"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", res.StatusCode)
	}
	if got, _ := s.store.ArticleByID(ctx, id); got.SEOTitle != a.SEOTitle || got.SEODescription != a.SEODescription || got.SocialImage.ID != social {
		t.Fatalf("after restore: %q %q %d", got.SEOTitle, got.SEODescription, got.SocialImage.ID)
	}
}
