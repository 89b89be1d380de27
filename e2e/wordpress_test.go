package e2e

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestImportedArticleReads: a newspaper moved from WordPress with
// `midad import wordpress` while the site runs; a reader opens one of its
// articles and finds its kicker, its picture (brought through the media
// pipeline from the uploads folder) and its threaded comments, right to
// left, with no commenter's email shown.
func TestImportedArticleReads(t *testing.T) {
	data := t.TempDir()
	m := startMidad(t, data)

	dir := t.TempDir()
	uploads := filepath.Join(dir, "uploads")
	if err := os.MkdirAll(filepath.Join(uploads, "2024", "05"), 0o755); err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := range 800 {
		for x := range 1200 {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), 140, 255})
		}
	}
	f, err := os.Create(filepath.Join(uploads, "2024", "05", "match.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	jpeg.Encode(f, img, nil)
	f.Close()

	site := "https://jaridati.ma"
	slug := strings.ToLower(url.PathEscape("المنتخب-يفوز"))
	cat := strings.ToLower(url.PathEscape("رياضة"))
	comment := func(id, parent int, name, email, state, text string) string {
		return fmt.Sprintf(`<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[%s]]></wp:comment_author><wp:comment_author_email>%s</wp:comment_author_email><wp:comment_date>2024-05-06 12:00:00</wp:comment_date><wp:comment_date_gmt>2024-05-06 11:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[%s]]></wp:comment_content><wp:comment_approved>%s</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>%d</wp:comment_parent></wp:comment>`,
			id, name, email, text, state, parent)
	}
	export := `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>جريدتي</title><link>` + site + `</link><language>ar</language><wp:base_blog_url>` + site + `</wp:base_blog_url>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login>redac</wp:author_login><wp:author_email>redac@jaridati.ma</wp:author_email><wp:author_display_name><![CDATA[هيئة التحرير]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>11</wp:term_id><wp:category_nicename>` + cat + `</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[رياضة]]></wp:cat_name></wp:category>
<item><title><![CDATA[المنتخب يفوز على منافسه]]></title><link>` + site + `/` + cat + `/` + slug + `/</link><dc:creator>redac</dc:creator>
<content:encoded><![CDATA[فاز المنتخب الليلة في مباراة حاسمة.

[caption id="attachment_101" align="aligncenter" width="1200"]<img src="` + site + `/wp-content/uploads/2024/05/match.jpg" alt="الملعب" width="1200" height="800" /> الجمهور في الملعب[/caption]

وتأهل بذلك إلى الدور المقبل.]]></content:encoded>
<wp:post_id>100</wp:post_id><wp:post_date>2024-05-06 10:30:00</wp:post_date><wp:post_date_gmt>2024-05-06 09:30:00</wp:post_date_gmt>
<wp:post_name>` + slug + `</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="` + cat + `"><![CDATA[رياضة]]></category>
<wp:postmeta><wp:meta_key>tie_post_sub_title</wp:meta_key><wp:meta_value><![CDATA[عاجل من الرباط]]></wp:meta_value></wp:postmeta>
` + comment(501, 0, "قارئ", "reader@example.ma", "1", "مبروك للمنتخب!") +
		comment(502, 501, "قارئة", "reader2@example.ma", "1", "شكراً على الخبر") +
		comment(503, 0, "مشبوه", "spam@example.com", "spam", "اشتر الآن") + `
</item>
</channel></rss>
`
	path := filepath.Join(dir, "export.xml")
	if err := os.WriteFile(path, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	out := m.cli(t, "", "import", "wordpress", path, "--uploads", uploads)
	if !strings.Contains(out, "post                     1") {
		t.Fatalf("the import said:\n%s", out)
	}

	reader := newTab(t)
	do(t, reader, chromedp.Navigate(m.base+"/article/"+url.PathEscape("المنتخب-يفوز")))
	waitFor(t, reader, `document.readyState === "complete" && !!document.querySelector("article figure img") && document.querySelector("article figure img").complete`)
	if got := eval[string](t, reader, `document.querySelector(".kicker").innerText`); got != "عاجل من الرباط" {
		t.Errorf("the kicker reads %q", got)
	}
	if got := eval[string](t, reader, `document.querySelector("h1").innerText`); got != "المنتخب يفوز على منافسه" {
		t.Errorf("the headline reads %q", got)
	}
	if w := eval[int](t, reader, `document.querySelector("article figure img").naturalWidth`); w == 0 {
		t.Error("the picture did not load")
	}
	if src := eval[string](t, reader, `document.querySelector("article figure img").getAttribute("src")`); !strings.HasPrefix(src, "/media/") {
		t.Errorf("the picture comes from %q", src)
	}
	if got := eval[string](t, reader, `document.querySelector("article figure figcaption").innerText`); got != "الجمهور في الملعب" {
		t.Errorf("the caption reads %q", got)
	}
	if n := eval[int](t, reader, `document.querySelectorAll(".comment-list > .comment").length`); n != 1 {
		t.Errorf("%d top-level comments shown, want 1 (the spam is not)", n)
	}
	if got := eval[string](t, reader, `document.querySelector(".comment-list > .comment .comment").innerText`); !strings.Contains(got, "شكراً على الخبر") {
		t.Errorf("the reply reads %q", got)
	}
	page := eval[string](t, reader, `document.documentElement.outerHTML`)
	for _, hidden := range []string{"reader@example.ma", "اشتر الآن", "jaridati.ma/wp-content"} {
		if strings.Contains(page, hidden) {
			t.Errorf("the page shows %q", hidden)
		}
	}
	if got := eval[string](t, reader, `getComputedStyle(document.querySelector("article")).direction`); got != "rtl" {
		t.Errorf("the article is %s", got)
	}
	if shot, err := chromedp.Run(reader, chromedp.FullScreenshot(90)); err == nil {
		artifact(t, "wordpress-imported-article.png", shot)
	}

	// A link to the old site's address, its query address, and the old
	// picture's address still work.
	articlePath := "/article/" + url.PathEscape("المنتخب-يفوز")
	for _, old := range []string{"/" + strings.ToUpper(cat) + "/" + slug + "/", "/?p=100", "/" + cat + "/" + slug + "/feed/"} {
		do(t, reader, chromedp.Navigate(m.base+old))
		waitFor(t, reader, `document.readyState === "complete"`)
		if got := eval[string](t, reader, `location.pathname`); got != articlePath {
			t.Errorf("%s leads to %s, want %s", old, got, articlePath)
		}
	}
	do(t, reader, chromedp.Navigate(m.base+"/wp-content/uploads/2024/05/match.jpg"))
	waitFor(t, reader, `document.readyState === "complete"`)
	if got := eval[string](t, reader, `location.pathname`); !strings.HasPrefix(got, "/media/") {
		t.Errorf("the old picture's address leads to %s", got)
	}
}
