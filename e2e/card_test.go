package e2e

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestShareCard: an editor uploads a picture and makes it the site's share
// image; the seed article, which has no picture of its own, then shows it
// in its share card. The tags and the JSON-LD are read from the DOM of the
// page in Chromium, as a crawler that runs pages would.
func TestShareCard(t *testing.T) {
	m := startMidad(t, t.TempDir())
	m.cli(t, "a long enough passphrase\n", "user", "add", "--email", "huda@example.ma", "--name", "هدى", "--role", "editor", "--password-stdin")
	photo := writePhoto(t)

	ctx := newTab(t)
	signIn(t, ctx, m.base, "huda@example.ma", "a long enough passphrase")
	do(t, ctx, chromedp.Navigate(m.base+"/newsroom/media"))
	waitFor(t, ctx, `document.readyState === "complete" && !!document.querySelector("#media-file")`)
	do(t, ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#media-file"), []string{photo}),
		chromedp.SendKeys(chromedp.CSS("#media-alt"), "شعار الجريدة على واجهة المقر"),
		chromedp.Click(chromedp.CSS(".media-form button[type=submit]")),
	)
	waitFor(t, ctx, `location.search.includes("done=1") && document.readyState === "complete"`)
	action := eval[string](t, ctx, `document.querySelector(".media-edit form").getAttribute("action")`)
	id, err := strconv.ParseInt(strings.TrimPrefix(action, "/newsroom/media/"), 10, 64)
	if err != nil {
		t.Fatalf("the uploaded image's form posts to %q", action)
	}

	var set map[string]any
	if err := json.Unmarshal([]byte(m.cli(t, "", "settings", "get")), &set); err != nil {
		t.Fatal(err)
	}
	set["share_image"], set["twitter"] = id, "@midad"
	b, _ := json.Marshal(set)
	m.cli(t, string(b), "settings", "set")

	reader := newTab(t)
	do(t, reader, chromedp.Navigate(seedURL(m.base)))
	waitFor(t, reader, checked)
	meta := func(key string) string {
		t.Helper()
		return eval[string](t, reader, `(document.querySelector('meta[property=`+jsString(key)+`], meta[name=`+jsString(key)+`]') || {content: "(none)"}).content`)
	}
	if got := meta("og:title"); got != headline {
		t.Errorf("og:title %q", got)
	}
	if got := meta("og:type"); got != "article" {
		t.Errorf("og:type %q", got)
	}
	image := meta("og:image")
	if !strings.HasPrefix(image, m.base+"/media/") || !strings.HasSuffix(image, ".jpg") {
		t.Errorf("og:image %q: not an absolute address of the uploaded picture", image)
	}
	if got := meta("og:image:alt"); got != "شعار الجريدة على واجهة المقر" {
		t.Errorf("og:image:alt %q", got)
	}
	if got := meta("twitter:card"); got != "summary_large_image" {
		t.Errorf("twitter:card %q", got)
	}
	if got := meta("twitter:site"); got != "@midad" {
		t.Errorf("twitter:site %q", got)
	}
	// The picture the card names is there to fetch.
	res, err := http.Get(image)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") {
		t.Errorf("the share image %s: %d %s", image, res.StatusCode, res.Header.Get("Content-Type"))
	}

	blocks := eval[[]string](t, reader, `[...document.querySelectorAll('script[type="application/ld+json"]')].map(s => s.textContent)`)
	var article struct {
		Type          string   `json:"@type"`
		Headline      string   `json:"headline"`
		Image         []string `json:"image"`
		DatePublished string   `json:"datePublished"`
		Author        []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"author"`
		Publisher struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"publisher"`
	}
	found := false
	for _, b := range blocks {
		var probe struct {
			Type string `json:"@type"`
		}
		if err := json.Unmarshal([]byte(b), &probe); err != nil {
			t.Fatalf("a JSON-LD block does not parse: %v\n%s", err, b)
		}
		if probe.Type == "NewsArticle" {
			found = true
			json.Unmarshal([]byte(b), &article)
		}
	}
	if !found {
		t.Fatalf("no NewsArticle among %d JSON-LD blocks", len(blocks))
	}
	if article.Headline != headline || len(article.Image) == 0 || !strings.HasPrefix(article.Image[0], m.base+"/media/") ||
		article.DatePublished == "" || strings.HasSuffix(article.DatePublished, "Z") {
		t.Errorf("NewsArticle: %+v", article)
	}
	if len(article.Author) != 1 || article.Author[0].Type != "Person" || article.Author[0].Name != "ياسين قُطيب" ||
		!strings.HasPrefix(article.Author[0].URL, m.base+"/author/") {
		t.Errorf("NewsArticle author: %+v", article.Author)
	}
	if article.Publisher.Type != "NewsMediaOrganization" || article.Publisher.Name == "" {
		t.Errorf("NewsArticle publisher: %+v", article.Publisher)
	}
}
