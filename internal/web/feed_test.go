package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"

	"github.com/midad/midad/internal/news"
)

// trickyHeadline holds what breaks careless writers of XML, HTML and JSON:
// a closing script tag, quotes, the end of a CDATA section, an ampersand,
// a right-to-left override and emoji.
const trickyHeadline = "عاجل </script> \"اقتباس\" ]]> & '\u202Eمعكوس\u202C' 🇲🇦 🎉"

// uploadPNG uploads a w×h picture through the newsroom and returns its id.
func (s *server) uploadPNG(t *testing.T, c *http.Cookie, w, h int, alt string) int64 {
	t.Helper()
	var img bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, w, h))
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
	mw.WriteField("credit", "AFP")
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.AddCookie(c)
	res, out := s.do(t, req)
	var up struct{ ID int64 }
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &up) != nil || up.ID == 0 {
		t.Fatalf("upload: %d %s", res.StatusCode, out)
	}
	return up.ID
}

// feedFixture is the content the feed tests read: a published article with
// a featured image written in the newsroom, one with a tricky headline, and
// articles readers must not see.
type feedFixture struct {
	image            news.Image
	pictured, tricky news.Article
	hidden           []string // headlines that must never appear
}

func (s *server) feedFixture(t *testing.T) feedFixture {
	t.Helper()
	ctx := context.Background()
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	id := s.uploadPNG(t, ed, 800, 500, "منظر من الداخلة")
	var fx feedFixture
	var err error
	if fx.image, err = s.store.Image(ctx, id); err != nil {
		t.Fatal(err)
	}
	form := s.articleForm(t)
	form.Set("image", fmt.Sprint(id))
	form.Set("summary", "ملخص المهرجان")
	form.Set("body", `<p>انظر <a href="/section/sport">الرياضة</a> و<a href="https://example.org/x">مصدراً</a>.</p>`+
		`<figure><img src="/media/pic-960.png" srcset="/media/pic-480.png 480w, /media/pic-960.png 960w" alt="صورة"></figure>`)
	form.Set("action", "publish")
	if fx.pictured, err = s.store.ArticleByID(ctx, s.newArticle(t, ed, form)); err != nil {
		t.Fatal(err)
	}

	sec, err := s.store.SectionBySlug(ctx, "first")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) // the test server's clock
	add := func(slug, headline string, status news.Status, published, updated time.Time) news.Article {
		a := news.Article{Slug: slug, Headline: headline, Summary: "ملخص " + headline, Body: "<p>نص</p>", Lang: "ar",
			Status: status, Section: sec, Published: published, Updated: updated,
			Authors: []news.Author{{Slug: "feed-writer", Name: "كاتب الخلاصات"}},
			Tags:    []news.Tag{{Slug: "feed-tag", Name: "خلاصات"}}}
		if err := s.store.CreateArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	// The tricky article was corrected twenty minutes after it came out.
	fx.tricky = add("tricky", trickyHeadline, news.Published, now.Add(-30*time.Minute), now.Add(-10*time.Minute))
	add("draft", "مسودة لم تنشر", news.Draft, time.Time{}, now)
	add("scheduled", "مقال مجدول للغد", news.Scheduled, now.Add(24*time.Hour), now)
	add("future", "مقال منشور بتاريخ لاحق", news.Published, now.Add(time.Hour), now.Add(time.Hour))
	add("withdrawn", "مقال سحب من النشر", news.Unpublished, now.Add(-2*time.Hour), now)
	fx.hidden = []string{"مسودة لم تنشر", "مقال مجدول للغد", "مقال منشور بتاريخ لاحق", "مقال سحب من النشر"}

	set, err := s.store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Logo, set.Icon = id, id
	if err := s.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	return fx
}

// fetchFeed gets a feed and checks its status and media type.
func (s *server) fetchFeed(t *testing.T, path, mime string) []byte {
	t.Helper()
	res, body := s.get(t, "GET", path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != mime+"; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	// XML must be well-formed: feed parsers forgive what others do not.
	if mime != "application/feed+json" {
		d := xml.NewDecoder(strings.NewReader(body))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("GET %s: not well-formed XML: %v", path, err)
				break
			}
		}
	}
	// Every format reads with a general-purpose parser too.
	if _, err := gofeed.NewParser().Parse(strings.NewReader(body)); err != nil {
		t.Errorf("GET %s: gofeed: %v", path, err)
	}
	// No account's email, whatever the format.
	if strings.Contains(body, "@example.ma") || strings.Contains(strings.ToLower(body), "email") {
		t.Errorf("GET %s carries an email", path)
	}
	return []byte(body)
}

func extAttr(e ext.Extensions, ns, name, attr string) []string {
	var out []string
	for _, x := range e[ns][name] {
		out = append(out, x.Attrs[attr])
	}
	return out
}

func TestSiteFeeds(t *testing.T) {
	s := newServer(t)
	fx := s.feedFixture(t)
	v := fx.image.Variants[len(fx.image.Variants)-1]
	if v.Bytes == 0 {
		t.Fatal("the upload did not record its variants' sizes")
	}
	res, file := s.get(t, "GET", "/media/"+v.File)
	if res.StatusCode != 200 || int64(len(file)) != v.Bytes {
		t.Fatalf("the featured image: %d, %d bytes (recorded %d)", res.StatusCode, len(file), v.Bytes)
	}
	imageURL := s.URL + "/media/" + v.File
	smallest := s.URL + "/media/" + fx.image.Variants[0].File
	link := s.URL + "/article/" + url.PathEscape(fx.pictured.Slug)
	id := fmt.Sprintf("%s/a/%d", s.URL, fx.pictured.ID)
	trickyID := fmt.Sprintf("%s/a/%d", s.URL, fx.tricky.ID)
	published := "2026-11-29T11:00:00+01:00" // the newsroom's clock, in Casablanca
	wantContent := []string{`href="` + s.URL + `/section/sport"`, `href="https://example.org/x"`,
		`src="` + s.URL + `/media/pic-960.png"`, `srcset="` + s.URL + `/media/pic-480.png 480w, ` + s.URL + `/media/pic-960.png 960w"`}
	checkContent := func(format, content string) {
		t.Helper()
		for _, want := range wantContent {
			if !strings.Contains(content, want) {
				t.Errorf("%s content lacks %s: %s", format, want, content)
			}
		}
	}

	t.Run("RSS", func(t *testing.T) {
		body := s.fetchFeed(t, "/feed", "application/rss+xml")
		for _, alias := range []string{"/feed/", "/rss.xml"} {
			if again := s.fetchFeed(t, alias, "application/rss+xml"); !bytes.Equal(again, body) {
				t.Errorf("%s differs from /feed", alias)
			}
		}
		f, err := (&rss.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if f.Version != "2.0" || f.Title != "مداد" || f.Link != s.URL+"/" || f.Description != "أخبار المغرب والعالم" || f.Language != "ar" {
			t.Errorf("channel: %q %q %q %q %q", f.Version, f.Title, f.Link, f.Description, f.Language)
		}
		if f.LastBuildDate != "Sun, 29 Nov 2026 11:00:00 +0100" {
			t.Errorf("lastBuildDate %q", f.LastBuildDate)
		}
		if self := extAttr(f.Extensions, "atom", "link", "href"); len(self) < 1 || self[0] != s.URL+"/feed" ||
			extAttr(f.Extensions, "atom", "link", "rel")[0] != "self" {
			t.Errorf("atom:link: %v", self)
		}
		if f.Image == nil || f.Image.URL != smallest || f.Image.Link != s.URL+"/" || f.Image.Title != "مداد" || f.Image.Width != "" {
			t.Errorf("image: %+v", f.Image)
		}
		if len(f.Items) != 50 {
			t.Fatalf("%d items, want the default 50", len(f.Items))
		}
		it := f.Items[0]
		if it.Title != "انطلاق مهرجان الداخلة للسينما" || it.Link != link || it.GUID == nil || it.GUID.Value != id ||
			it.GUID.IsPermalink != "true" {
			t.Errorf("item: %q %q %+v", it.Title, it.Link, it.GUID)
		}
		if it.PubDate != "Sun, 29 Nov 2026 11:00:00 +0100" || it.Extensions["atom"]["updated"][0].Value != published {
			t.Errorf("dates: %q %v", it.PubDate, it.Extensions["atom"]["updated"])
		}
		if it.Author != "" || it.DublinCoreExt == nil || len(it.DublinCoreExt.Creator) != 1 || it.DublinCoreExt.Creator[0] != "هدى المحررة" {
			t.Errorf("authors: %q %+v", it.Author, it.DublinCoreExt)
		}
		var cats []string
		for _, c := range it.Categories {
			cats = append(cats, c.Domain+" "+c.Value)
		}
		if want := []string{s.URL + "/section/ الأولى", s.URL + "/tag/ سينما", s.URL + "/tag/ مهرجانات"}; fmt.Sprint(cats) != fmt.Sprint(want) {
			t.Errorf("categories %q, want %q", cats, want)
		}
		if it.Description != "ملخص المهرجان" {
			t.Errorf("description %q", it.Description)
		}
		checkContent("RSS", it.Content)
		if it.Enclosure == nil || it.Enclosure.URL != imageURL || it.Enclosure.Length != strconv.FormatInt(v.Bytes, 10) ||
			it.Enclosure.Type != fx.image.Type {
			t.Errorf("enclosure %+v", it.Enclosure)
		}
		mc := it.Extensions["media"]["content"]
		if len(mc) != 1 || mc[0].Attrs["url"] != imageURL || mc[0].Attrs["type"] != fx.image.Type || mc[0].Attrs["medium"] != "image" ||
			mc[0].Attrs["width"] != strconv.Itoa(v.Width) || mc[0].Attrs["height"] != strconv.Itoa(v.Height) ||
			mc[0].Attrs["fileSize"] != strconv.FormatInt(v.Bytes, 10) ||
			mc[0].Children["description"][0].Value != "منظر من الداخلة" || mc[0].Children["credit"][0].Value != "AFP" {
			t.Errorf("media:content %+v", mc)
		}
		tr := f.Items[1]
		if tr.Title != trickyHeadline || tr.GUID.Value != trickyID || tr.Extensions["atom"]["updated"][0].Value != "2026-11-29T10:50:00+01:00" ||
			tr.DublinCoreExt.Creator[0] != "كاتب الخلاصات" {
			t.Errorf("tricky item: %q %q %v", tr.Title, tr.GUID.Value, tr.Extensions["atom"]["updated"])
		}
		// The demo's articles follow, without image.
		if f.Items[2].Enclosure != nil || f.Items[2].Extensions["media"] != nil {
			t.Error("an article without a featured image has an enclosure")
		}
	})

	t.Run("Atom", func(t *testing.T) {
		body := s.fetchFeed(t, "/atom.xml", "application/atom+xml")
		f, err := (&atom.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		links := map[string]string{}
		for _, l := range f.Links {
			links[l.Rel] = l.Href
		}
		if f.ID != s.URL+"/atom.xml" || f.Title != "مداد" || f.Subtitle != "أخبار المغرب والعالم" || f.Language != "ar" ||
			f.Updated != published || f.Logo != smallest || f.Icon != imageURL {
			t.Errorf("feed: %q %q %q %q %q %q %q", f.ID, f.Title, f.Subtitle, f.Language, f.Updated, f.Logo, f.Icon)
		}
		if links["self"] != s.URL+"/atom.xml" || links["alternate"] != s.URL+"/" || links["next"] != s.URL+"/atom.xml?page=2" {
			t.Errorf("links %v", links)
		}
		if len(f.Authors) != 1 || f.Authors[0].Name != "مداد" || f.Authors[0].URI != s.URL+"/" {
			t.Errorf("feed author %+v", f.Authors)
		}
		if len(f.Entries) != 50 {
			t.Fatalf("%d entries", len(f.Entries))
		}
		e := f.Entries[0]
		elinks := map[string]*atom.Link{}
		for _, l := range e.Links {
			elinks[l.Rel] = l
		}
		if e.ID != id || e.Title != "انطلاق مهرجان الداخلة للسينما" || elinks["alternate"].Href != link ||
			e.Published != published || e.Updated != published {
			t.Errorf("entry: %q %q %q %q", e.ID, e.Title, e.Published, e.Updated)
		}
		if len(e.Authors) != 1 || e.Authors[0].Name != "هدى المحررة" || e.Authors[0].Email != "" ||
			!strings.HasPrefix(e.Authors[0].URI, s.URL+"/author/") {
			t.Errorf("authors %+v", e.Authors)
		}
		var cats []string
		for _, c := range e.Categories {
			cats = append(cats, c.Scheme+" "+c.Term+" "+c.Label)
		}
		if want := []string{s.URL + "/section/ الأولى الأولى", s.URL + "/tag/ سينما سينما", s.URL + "/tag/ مهرجانات مهرجانات"}; fmt.Sprint(cats) != fmt.Sprint(want) {
			t.Errorf("categories %q", cats)
		}
		if e.Summary != "ملخص المهرجان" || e.Content == nil || e.Content.Type != "html" {
			t.Errorf("summary %q, content %+v", e.Summary, e.Content)
		}
		checkContent("Atom", e.Content.Value)
		enc := elinks["enclosure"]
		if enc == nil || enc.Href != imageURL || enc.Type != fx.image.Type || enc.Length != strconv.FormatInt(v.Bytes, 10) || enc.Title != "منظر من الداخلة" {
			t.Errorf("enclosure %+v", enc)
		}
		if mc := e.Extensions["media"]["content"]; len(mc) != 1 || mc[0].Attrs["url"] != imageURL || mc[0].Attrs["fileSize"] != strconv.FormatInt(v.Bytes, 10) {
			t.Errorf("media:content %+v", mc)
		}
		if tr := f.Entries[1]; tr.Title != trickyHeadline || tr.ID != trickyID || tr.Updated != "2026-11-29T10:50:00+01:00" ||
			tr.Published != "2026-11-29T10:30:00+01:00" {
			t.Errorf("tricky entry: %q %q %q", tr.Title, tr.ID, tr.Updated)
		}
	})

	t.Run("JSON Feed", func(t *testing.T) {
		body := s.fetchFeed(t, "/feed.json", "application/feed+json")
		// The specification's required fields, read as plain JSON.
		var raw map[string]any
		if err := json.Unmarshal(body, &raw); err != nil {
			t.Fatal(err)
		}
		if raw["version"] != "https://jsonfeed.org/version/1.1" || raw["title"] != "مداد" {
			t.Errorf("version %v, title %v", raw["version"], raw["title"])
		}
		items, ok := raw["items"].([]any)
		if !ok || len(items) != 50 {
			t.Fatalf("items: %T %d", raw["items"], len(items))
		}
		for i, x := range items {
			item := x.(map[string]any)
			if id, ok := item["id"].(string); !ok || id == "" {
				t.Errorf("item %d: id %v", i, item["id"])
			}
			_, html := item["content_html"].(string)
			_, text := item["content_text"].(string)
			if !html && !text {
				t.Errorf("item %d has neither content_html nor content_text", i)
			}
			for _, a := range asList(item["attachments"]) {
				if m := a.(map[string]any); m["url"] == nil || m["mime_type"] == nil {
					t.Errorf("item %d: attachment without url or mime_type: %v", i, m)
				}
			}
		}

		f, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if f.HomePageURL != s.URL+"/" || f.FeedURL != s.URL+"/feed.json" || f.NextURL != s.URL+"/feed.json?page=2" ||
			f.Language != "ar" || f.Description != "أخبار المغرب والعالم" || f.Icon != imageURL || f.Favicon != smallest ||
			len(f.Authors) != 1 || f.Authors[0].Name != "مداد" {
			t.Errorf("feed: %q %q %q %q %q %q %+v", f.HomePageURL, f.FeedURL, f.NextURL, f.Language, f.Icon, f.Favicon, f.Authors)
		}
		it := f.Items[0]
		if it.ID != id || it.URL != link || it.Title != "انطلاق مهرجان الداخلة للسينما" || it.Summary != "ملخص المهرجان" ||
			it.DatePublished != published || it.DateModified != published || it.Language != "ar" || it.Image != imageURL {
			t.Errorf("item: %+v", it)
		}
		if len(it.Authors) != 1 || it.Authors[0].Name != "هدى المحررة" || !strings.HasPrefix(it.Authors[0].URL, s.URL+"/author/") {
			t.Errorf("authors %+v", it.Authors)
		}
		if fmt.Sprint(it.Tags) != "[الأولى سينما مهرجانات]" {
			t.Errorf("tags %q", it.Tags)
		}
		checkContent("JSON Feed", it.ContentHTML)
		if it.Attachments == nil || len(*it.Attachments) != 1 {
			t.Fatalf("attachments %v", it.Attachments)
		}
		if at := (*it.Attachments)[0]; at.URL != imageURL || at.MimeType != fx.image.Type || at.SizeInBytes != v.Bytes || at.Title != "منظر من الداخلة" {
			t.Errorf("attachment %+v", at)
		}
		if tr := f.Items[1]; tr.Title != trickyHeadline || tr.ID != trickyID || tr.DateModified != "2026-11-29T10:50:00+01:00" {
			t.Errorf("tricky item: %q %q", tr.Title, tr.ID)
		}
	})

	t.Run("hidden articles", func(t *testing.T) {
		paths := []string{"/feed", "/atom.xml", "/feed.json", "/section/first/feed", "/section/first/atom.xml", "/section/first/feed.json",
			"/tag/feed-tag/feed", "/tag/feed-tag/atom.xml", "/tag/feed-tag/feed.json",
			"/author/feed-writer/feed", "/author/feed-writer/atom.xml", "/author/feed-writer/feed.json"}
		for _, p := range paths {
			_, body := s.get(t, "GET", p)
			for _, h := range fx.hidden {
				if strings.Contains(body, h) {
					t.Errorf("%s shows %q", p, h)
				}
			}
		}
		// The tag's and the author's feeds hold the one visible article.
		for _, p := range []string{"/tag/feed-tag/feed.json", "/author/feed-writer/feed.json"} {
			f, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, p, "application/feed+json")))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1 || f.Items[0].Title != trickyHeadline {
				t.Errorf("%s: %d items", p, len(f.Items))
			}
		}
	})
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestListFeeds checks a section's feeds: its own title, link and
// language, the settings' number of items and summaries only.
func TestListFeeds(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	set, _ := s.store.Settings(ctx)
	set.FeedItems, set.FeedFullText = 7, false
	if err := set.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	f, err := (&rss.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, "/section/sport/feed", "application/rss+xml")))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "مداد — رياضة" || f.Link != s.URL+"/section/sport" || f.Language != "ar" || f.Description != "قسم رياضة" || len(f.Items) != 7 {
		t.Errorf("section feed: %q %q %q %q, %d items", f.Title, f.Link, f.Language, f.Description, len(f.Items))
	}
	for _, it := range f.Items {
		if it.Content != "" || it.Description == "" || len(it.Categories) == 0 || it.Categories[0].Value != "رياضة" {
			t.Errorf("summary-only item: content %d bytes, description %q, categories %v", len(it.Content), it.Description, it.Categories)
		}
	}
	// Page 2 and its neighbours.
	f2, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, "/section/sport/feed.json?page=2", "application/feed+json")))
	if err != nil {
		t.Fatal(err)
	}
	if f2.FeedURL != s.URL+"/section/sport/feed.json?page=2" || f2.NextURL != s.URL+"/section/sport/feed.json?page=3" || len(f2.Items) != 7 {
		t.Errorf("page 2: %q %q %d", f2.FeedURL, f2.NextURL, len(f2.Items))
	}
	for _, it := range f2.Items {
		if it.ContentHTML != "" || it.ContentText == "" || it.ContentText != it.Summary {
			t.Errorf("summary-only JSON item: %q / %q", it.ContentHTML, it.ContentText)
		}
		if it.Title == f.Items[0].Title {
			t.Error("page 2 repeats page 1")
		}
	}
	a, err := (&atom.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, "/section/sport/atom.xml?page=3", "application/atom+xml")))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range a.Links {
		if l.Rel == "previous" && l.Href != s.URL+"/section/sport/atom.xml?page=2" {
			t.Errorf("previous %q", l.Href)
		}
	}
	for _, e := range a.Entries {
		if e.Content != nil {
			t.Error("summary-only Atom entry has content")
		}
	}
}

func TestFrenchFeed(t *testing.T) {
	s := newServer(t)
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	for _, h := range []string{"Le festival de Dakhla s’ouvre", "Dakhla : le palmarès"} {
		form := s.articleForm(t)
		form.Set("lang", "fr")
		form.Set("headline", h)
		form.Set("tags", "Dakhla")
		form.Set("body", "<p>Le festival s’est ouvert jeudi.</p>")
		form.Set("action", "publish")
		s.newArticle(t, ed, form)
	}
	tag, err := s.store.TagBySlug(context.Background(), "dakhla")
	if err != nil {
		t.Fatal(err)
	}
	base := "/tag/" + url.PathEscape(tag.Slug)
	r, err := (&rss.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, base+"/feed", "application/rss+xml")))
	if err != nil {
		t.Fatal(err)
	}
	if r.Language != "fr" || r.Description != "Mot-clé Dakhla" || len(r.Items) != 2 {
		t.Errorf("RSS: language %q, description %q, %d items", r.Language, r.Description, len(r.Items))
	}
	a, err := (&atom.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, base+"/atom.xml", "application/atom+xml")))
	if err != nil {
		t.Fatal(err)
	}
	if a.Language != "fr" {
		t.Errorf("Atom: language %q", a.Language)
	}
	j, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, base+"/feed.json", "application/feed+json")))
	if err != nil {
		t.Fatal(err)
	}
	if j.Language != "fr" || j.Items[0].Language != "fr" {
		t.Errorf("JSON Feed: language %q, item %q", j.Language, j.Items[0].Language)
	}
	// The site's feed stays in the site's language, its French items marked.
	site, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(s.fetchFeed(t, "/feed.json", "application/feed+json")))
	if err != nil {
		t.Fatal(err)
	}
	if site.Language != "ar" || site.Items[0].Language != "fr" || site.Items[2].Language != "ar" {
		t.Errorf("site feed: %q, items %q %q", site.Language, site.Items[0].Language, site.Items[2].Language)
	}
}

func TestFeedConditionalGet(t *testing.T) {
	s := newServer(t)
	for _, p := range []string{"/feed", "/atom.xml", "/feed.json", "/section/sport/feed", "/tag/" + url.PathEscape("قطر") + "/atom.xml"} {
		res, body := s.get(t, "GET", p)
		etag, modified := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
		if res.StatusCode != 200 || etag == "" || modified == "" || body == "" {
			t.Fatalf("%s: %d, ETag %q, Last-Modified %q", p, res.StatusCode, etag, modified)
		}
		last, err := http.ParseTime(modified)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			header map[string]string
			status int
		}{
			{"same ETag", map[string]string{"If-None-Match": etag}, 304},
			{"ETag among others", map[string]string{"If-None-Match": `"x", W/` + etag}, 304},
			{"other ETag", map[string]string{"If-None-Match": `"x"`}, 200},
			{"other ETag wins over the date", map[string]string{"If-None-Match": `"x"`, "If-Modified-Since": modified}, 200},
			{"same date", map[string]string{"If-Modified-Since": modified}, 304},
			{"later date", map[string]string{"If-Modified-Since": last.Add(time.Hour).Format(http.TimeFormat)}, 304},
			{"earlier date", map[string]string{"If-Modified-Since": last.Add(-time.Second).Format(http.TimeFormat)}, 200},
		}
		for _, tt := range tests {
			req, _ := http.NewRequest("GET", s.URL+p, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, got := s.do(t, req)
			if res.StatusCode != tt.status {
				t.Errorf("%s, %s: %d, want %d", p, tt.name, res.StatusCode, tt.status)
			}
			if tt.status == 304 && (got != "" || res.Header.Get("ETag") != etag) {
				t.Errorf("%s, %s: a 304 with %d bytes, ETag %q", p, tt.name, len(got), res.Header.Get("ETag"))
			}
			if tt.status == 200 && got != body {
				t.Errorf("%s, %s: a different feed", p, tt.name)
			}
		}
	}
}

func TestFeedBadRequests(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		path   string
		status int
	}{
		{"/feed?page=abc", 400},
		{"/feed?page=0", 400},
		{"/atom.xml?page=-1", 400},
		{"/feed.json?page=99999999999999999999999", 400},
		{"/feed.json?page=10001", 400},
		{"/feed?page=1&page=2", 400},
		{"/section/sport/feed?page=%D9%A2", 400},
		{"/feed?page=999", 404},
		{"/section/nowhere/feed", 404},
		{"/section/nowhere/atom.xml", 404},
		{"/author/nobody/feed.json", 404},
		{"/tag/" + strings.Repeat("و", 300) + "/feed", 404},
		{"/tag/nothing/feed/", 404},
	}
	for _, tt := range tests {
		res, body := s.get(t, "GET", tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.path, res.StatusCode, tt.status)
			continue
		}
		arabicPage(t, body)
		want := map[int]string{400: "طلب غير صالح", 404: "الصفحة غير موجودة"}[tt.status]
		if !strings.Contains(body, want) {
			t.Errorf("%s: the page does not say %q", tt.path, want)
		}
	}
}

func TestFeedAutodiscovery(t *testing.T) {
	s := newServer(t)
	site := []string{
		`<link rel="alternate" type="application/rss&#43;xml" title="مداد (RSS)" href="/feed">`,
		`<link rel="alternate" type="application/atom&#43;xml" title="مداد (Atom)" href="/atom.xml">`,
		`<link rel="alternate" type="application/feed&#43;json" title="مداد (JSON Feed)" href="/feed.json">`,
	}
	pages := map[string][]string{
		"/":                             nil,
		seedPath:                        nil,
		"/search?q=" + "قطر":            nil,
		"/no-such-page":                 nil,
		"/section/sport?page=2":         {`title="مداد — رياضة (RSS)" href="/section/sport/feed">`, `href="/section/sport/atom.xml">`, `href="/section/sport/feed.json">`},
		"/tag/" + url.PathEscape("قطر"): {`title="مداد — قطر (Atom)" href="/tag/` + url.PathEscape("قطر") + `/atom.xml">`},
	}
	for path, own := range pages {
		_, body := s.get(t, "GET", path)
		for _, want := range append(site, own...) {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
		if n := strings.Count(body, `<link rel="alternate" type="application/`); own == nil && n != 3 {
			t.Errorf("%s announces %d feeds, want the site's 3", path, n)
		}
	}
	// Each announced feed answers.
	for _, p := range []string{"/section/sport/feed", "/section/sport/atom.xml", "/section/sport/feed.json", "/section/sport/feed/"} {
		if res, _ := s.get(t, "GET", p); res.StatusCode != 200 {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
	}
}
