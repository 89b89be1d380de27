package wpimport_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/wpimport"
)

// pct is how WordPress writes a non-ASCII slug: percent-encoded, lower case.
func pct(s string) string { return strings.ToLower(url.PathEscape(s)) }

// writeJPEG makes a real picture in the uploads folder.
func writeJPEG(t *testing.T, path string, w, h int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, nil); err != nil {
		t.Fatal(err)
	}
}

const site = "https://jaridati.ma"

func jannahItem(id int, typ, status, title, slug, link, body, extra string) string {
	return fmt.Sprintf(`<item><title><![CDATA[%s]]></title><link>%s</link><pubDate>Mon, 06 May 2024 09:30:00 +0000</pubDate>
<dc:creator><![CDATA[redac]]></dc:creator><guid isPermaLink="false">%s/?p=%d</guid><description></description>
<content:encoded><![CDATA[%s]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[2024-05-06 10:30:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-05-06 09:30:00]]></wp:post_date_gmt>
<wp:post_modified><![CDATA[2024-05-07 10:30:00]]></wp:post_modified><wp:post_modified_gmt><![CDATA[2024-05-07 09:30:00]]></wp:post_modified_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[%s]]></wp:post_name><wp:status><![CDATA[%s]]></wp:status>
<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[%s]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password><wp:is_sticky>0</wp:is_sticky>
%s</item>
`, title, link, site, id, body, id, slug, status, typ, extra)
}

func meta(k, v string) string {
	return fmt.Sprintf("<wp:postmeta><wp:meta_key><![CDATA[%s]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>\n", k, v)
}

func comment(id, parent int, author, email, approved, text string) string {
	return fmt.Sprintf(`<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[%s]]></wp:comment_author>
<wp:comment_author_email><![CDATA[%s]]></wp:comment_author_email><wp:comment_author_url>javascript:alert(1)</wp:comment_author_url>
<wp:comment_author_IP><![CDATA[196.200.1.1]]></wp:comment_author_IP><wp:comment_date><![CDATA[2024-05-06 12:00:00]]></wp:comment_date>
<wp:comment_date_gmt><![CDATA[2024-05-06 11:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[%s]]></wp:comment_content>
<wp:comment_approved><![CDATA[%s]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>%d</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
`, id, author, email, text, approved, parent)
}

// jannahExport imitates an Arabic daily on WordPress with the Jannah
// theme: nested Arabic categories, percent-encoded Arabic slugs, captions
// and galleries, threaded comments, tie_* fields, and hostile bits.
func jannahExport(headline string) []byte {
	news, sport, foot := "أخبار", "رياضة", "كرة القدم"
	postSlug := pct("المنتخب-يفوز")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>جريدتي</title><link>` + site + `</link><description>يومية مغربية</description><language>ar</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>` + site + `</wp:base_site_url><wp:base_blog_url>` + site + `</wp:base_blog_url>
<wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[redac]]></wp:author_login><wp:author_email><![CDATA[Redac@Jaridati.ma]]></wp:author_email><wp:author_display_name><![CDATA[هيئة التحرير]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
`)
	b.WriteString(fmt.Sprintf(`<wp:category><wp:term_id>10</wp:term_id><wp:category_nicename><![CDATA[%s]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>11</wp:term_id><wp:category_nicename><![CDATA[%s]]></wp:category_nicename><wp:category_parent><![CDATA[%s]]></wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>12</wp:term_id><wp:category_nicename><![CDATA[%s]]></wp:category_nicename><wp:category_parent><![CDATA[%s]]></wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>20</wp:term_id><wp:tag_slug><![CDATA[%s]]></wp:tag_slug><wp:tag_name><![CDATA[المغرب]]></wp:tag_name></wp:tag>
`, pct(news), news, pct(sport), pct(news), sport, pct(foot), pct(sport), foot, pct("المغرب")))
	body := `<p>فاز <strong>المنتخب</strong> الليلة.</p>

[caption id="attachment_101" align="aligncenter" width="800"]<img class="size-full wp-image-101" src="` + site + `/wp-content/uploads/2024/05/match.jpg" alt="الملعب" width="800" height="600" /> الجمهور في الملعب[/caption]

الفقرة الثانية
بسطر ثانٍ.

<img src="` + site + `/wp-content/uploads/2024/05/crowd-300x200.jpg" alt="">

[gallery ids="101,102"]

<script>alert("x")</script><a href="javascript:alert(1)">رابط خبيث</a> <a onclick="steal()" href="https://example.com">رابط</a>`
	link := site + "/" + pct(news) + "/" + pct(sport) + "/" + postSlug + "/"
	extra := `<category domain="category" nicename="` + pct(sport) + `"><![CDATA[` + sport + `]]></category>
<category domain="category" nicename="` + pct(foot) + `"><![CDATA[` + foot + `]]></category>
<category domain="post_tag" nicename="` + pct("المغرب") + `"><![CDATA[المغرب]]></category>
` + meta("tie_post_sub_title", "عاجل من الرباط") + meta("tie_primary_category", "11") + meta("tie_views", "1234") +
		meta("_thumbnail_id", "101") + meta("_yoast_wpseo_title", "المنتخب يفوز | جريدتي") + meta("_yoast_wpseo_metadesc", "فوز ثمين للمنتخب") +
		comment(501, 0, "قارئ", "Reader@Example.ma", "1", "<p>مبروك!</p>") +
		comment(503, 502, "ثالث", "third@example.ma", "0", "ردّ على الرد") +
		comment(502, 501, "قارئة", "reader2@example.ma", "1", "شكراً<br />جزيلاً") +
		comment(504, 0, "spammer", "spam@example.com", "spam", "buy now")
	b.WriteString(jannahItem(100, "post", "publish", headline, postSlug, link, body, extra))
	att := func(id int, file, attached string) string {
		return jannahItem(id, "attachment", "inherit", "صورة "+fmt.Sprint(id), fmt.Sprint(id), site+"/?attachment_id="+fmt.Sprint(id), "",
			"<wp:attachment_url><![CDATA["+site+"/wp-content/uploads/"+file+"]]></wp:attachment_url>\n"+meta("_wp_attached_file", attached)+
				meta("_wp_attachment_image_alt", "صورة"))
	}
	b.WriteString(att(101, "2024/05/match.jpg", "2024/05/match.jpg"))
	b.WriteString(att(102, "2024/05/crowd.jpg", "2024/05/crowd.jpg"))
	b.WriteString(att(103, "2024/05/missing.jpg", "2024/05/missing.jpg"))
	b.WriteString(att(104, "passwd", "../../../../etc/passwd"))
	b.WriteString(att(105, "hosts", "/etc/hosts"))
	b.WriteString(att(106, "2024/05/fake.jpg", "2024/05/fake.jpg"))
	b.WriteString(jannahItem(107, "post", "draft", "مسودة", "", site+"/?p=107", "نص", meta("td_post_theme_settings", `a:1:{s:11:"td_subtitle";s:`+fmt.Sprint(len("عنوان فرعي"))+`:"عنوان فرعي";}`)))
	b.WriteString(jannahItem(108, "post", "trash", "محذوف", "deleted", site+"/deleted/", "نص", ""))
	b.WriteString(jannahItem(109, "page", "publish", "من نحن", pct("من-نحن"), site+"/"+pct("من-نحن")+"/", "نص", ""))
	b.WriteString(jannahItem(110, "wpcf7_contact_form", "publish", "اتصل", "contact", site+"/contact/", "", ""))
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func TestJannahArabicExport(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	uploads := filepath.Join(t.TempDir(), "uploads")
	writeJPEG(t, filepath.Join(uploads, "2024/05/match.jpg"), 800, 600)
	writeJPEG(t, filepath.Join(uploads, "2024/05/crowd.jpg"), 640, 480)
	os.WriteFile(filepath.Join(uploads, "2024/05/fake.jpg"), []byte("<?php echo 'not a picture'; ?>"), 0o644)
	export := jannahExport("المنتخب يفوز على منافسه")
	rep := e.run(t, bytesOpener(export), wpimport.Options{Uploads: uploads})
	if rep.Error != "" {
		t.Fatal(rep.Error)
	}
	if rep.Site.Permalink != "/%category%/%postname%/" {
		t.Errorf("permalink %q", rep.Site.Permalink)
	}
	for kind, want := range map[string]wpimport.Count{
		"post":       {Imported: 2, Skipped: 1},
		"attachment": {Imported: 2, Skipped: 4},
		"category":   {Imported: 3},
		"comment":    {Imported: 4},
		"author":     {Imported: 1},
		"page":       {Imported: 1},
	} {
		if got := counts(rep, kind); got != want {
			t.Errorf("%s: %+v, want %+v", kind, got, want)
		}
	}
	if att := reasons(rep, "attachment"); att["missing file"] != 1 {
		t.Errorf("attachment skips %v", rep.Skips)
	}
	outside := 0
	for _, s := range rep.Skips {
		if strings.HasPrefix(s.Reason, "path outside the uploads folder") {
			outside++
		}
		if s.Kind == "attachment" && s.ID == "106" && !strings.Contains(s.Reason, "picture refused") {
			t.Errorf("a PHP file named .jpg: %q", s.Reason)
		}
	}
	if outside != 2 || reasons(rep, "post")["state not imported"] != 1 || counts(rep, "wpcf7_contact_form").Skipped != 1 {
		t.Errorf("skips %+v", rep.Skips)
	}

	a, err := e.st.ArticleBySlug(ctx, "المنتخب-يفوز")
	if err != nil {
		t.Fatal(err)
	}
	if a.Kicker != "عاجل من الرباط" || a.Section.Slug != "رياضة" || a.Headline != "المنتخب يفوز على منافسه" ||
		a.SEOTitle != "المنتخب يفوز | جريدتي" || a.SEODescription != "فوز ثمين للمنتخب" || a.Lang != "ar" || a.Image.ID == 0 {
		t.Errorf("article %+v", a)
	}
	if got := a.Published.UTC().Format("2006-01-02 15:04"); got != "2024-05-06 09:30" {
		t.Errorf("published %s", got)
	}
	if len(a.Authors) != 1 || a.Authors[0].Name != "هيئة التحرير" {
		t.Errorf("byline %+v", a.Authors)
	}
	tags := map[string]bool{}
	for _, tg := range a.Tags {
		tags[tg.Slug] = true
	}
	if !tags["المغرب"] || !tags["كرة-القدم"] {
		t.Errorf("tags %+v", a.Tags)
	}
	for _, bad := range []string{"script", "javascript", "onclick", "wp-content", "[caption", "[gallery"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("body keeps %q:\n%s", bad, a.Body)
		}
	}
	for _, want := range []string{"<figure><img src=\"/media/", "<figcaption>الجمهور في الملعب</figcaption>", "<p>الفقرة الثانية<br>", "srcset=\"/media/"} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, a.Body)
		}
	}
	if v, err := e.st.Views(ctx, a.ID); err != nil || v != 1234 {
		t.Errorf("views %d, %v", v, err)
	}
	secs, _ := e.st.Sections(ctx)
	var order []string
	for _, s := range secs {
		order = append(order, s.Slug)
		if s.Position > news.MaxSectionPosition {
			t.Errorf("section %s at %d: the newsroom could not save it", s.Slug, s.Position)
		}
	}
	if strings.Join(order, " ") != "أخبار رياضة كرة-القدم uncategorized" {
		t.Errorf("sections in order %q", order)
	}
	draft, err := e.st.ArticleBySlug(ctx, "مسودة")
	if err != nil || draft.Status != news.Draft || draft.Kicker != "عنوان فرعي" || draft.Section.Slug != "uncategorized" {
		t.Errorf("draft %+v %v", draft, err)
	}

	cs, _ := e.st.Comments(ctx, news.CommentFilter{ArticleID: a.ID})
	byName := map[string]news.Comment{}
	for _, c := range cs {
		byName[c.Name] = c
	}
	r1, r2, r3 := byName["قارئ"], byName["قارئة"], byName["ثالث"]
	if len(cs) != 4 || r2.ParentID != r1.ID || r3.ParentID != r2.ID || r1.Email != "reader@example.ma" ||
		r3.Status != news.CommentPending || byName["spammer"].Status != news.CommentSpam || r1.URL != "" ||
		r2.Body != "شكراً\nجزيلاً" || r1.Body != "مبروك!" {
		t.Errorf("comments %+v", cs)
	}

	about, err := e.st.PageBySlug(ctx, "من-نحن")
	if err != nil || about.Title != "من نحن" || about.Status != news.Published {
		t.Errorf("page %+v %v", about, err)
	}

	// Old addresses, however they are spelt.
	match, _ := e.st.Image(ctx, a.Image.ID)
	for _, c := range []struct {
		path, query string
		kind        news.RedirectKind
		id          int64
	}{
		{"/" + pct("أخبار") + "/" + pct("رياضة") + "/" + pct("المنتخب-يفوز") + "/", "", news.RedirectArticle, a.ID},
		{"/" + strings.ToUpper(pct("أخبار")) + "/" + url.PathEscape("رياضة") + "/" + url.PathEscape("المنتخب-يفوز"), "", news.RedirectArticle, a.ID},
		{"/", "p=100", news.RedirectArticle, a.ID},
		{"/category/" + pct("أخبار") + "/" + pct("رياضة") + "/page/2/", "", news.RedirectSection, a.Section.ID},
		{"/", "cat=11", news.RedirectSection, a.Section.ID},
		{"/tag/" + pct("المغرب") + "/feed/", "", news.RedirectTag, 0},
		{"/author/redac/", "", news.RedirectAuthor, a.Authors[0].ID},
		{"/wp-content/uploads/2024/05/match.jpg", "", news.RedirectMedia, match.ID},
		{"/wp-content/uploads/2024/05/crowd-300x200.jpg", "", news.RedirectMedia, 0},
		{"/", "attachment_id=101", news.RedirectMedia, match.ID},
		{"/" + pct("من-نحن") + "/", "", news.RedirectPage, about.ID},
		{"/", "page_id=109", news.RedirectPage, about.ID},
	} {
		var got news.Redirect
		err := news.ErrNotFound
		for _, key := range news.RedirectCandidates(c.path, c.query) {
			if got, err = e.st.Redirect(ctx, key); err == nil {
				break
			}
		}
		if err != nil || got.Kind != c.kind || c.id != 0 && got.TargetID != c.id {
			t.Errorf("%s?%s: %+v %v, want %s %d", c.path, c.query, got, err, c.kind, c.id)
		}
	}
	if r, err := e.st.Redirect(ctx, "/wp-content/uploads/2024/05/match.jpg"); err != nil || "/media/"+r.Target != match.Src() {
		t.Errorf("upload leads to /media/%s, want %s (%v)", r.Target, match.Src(), err)
	}

	// Again: nothing changes; then with a new headline: that post is updated.
	again := e.run(t, bytesOpener(export), wpimport.Options{Uploads: uploads})
	for kind, c := range again.Counts {
		if c.Imported != 0 || c.Updated != 0 {
			t.Errorf("second import, %s: %+v", kind, *c)
		}
	}
	imgs, _ := e.st.Images(ctx, 100)
	if len(imgs) != 2 {
		t.Errorf("%d images after two imports, want 2", len(imgs))
	}
	changed := e.run(t, bytesOpener(jannahExport("المنتخب يفوز بثلاثية")), wpimport.Options{Uploads: uploads})
	if c := counts(changed, "post"); c.Updated != 1 || c.Unchanged != 1 || c.Imported != 0 {
		t.Errorf("changed import: posts %+v", c)
	}
	if a2, _ := e.st.ArticleByID(ctx, a.ID); a2.Headline != "المنتخب يفوز بثلاثية" || a2.Version != a.Version+1 {
		t.Errorf("after the change: %q v%d", a2.Headline, a2.Version)
	}
	if cs2, _ := e.st.Comments(ctx, news.CommentFilter{ArticleID: a.ID}); len(cs2) != 4 {
		t.Errorf("%d comments after the update", len(cs2))
	}

	// An editor corrects the article; importing the old export again
	// leaves the correction alone, and says so.
	edited, _ := e.st.ArticleByID(ctx, a.ID)
	edited.Headline = "المنتخب يفوز بثلاثية نظيفة"
	if err := e.st.UpdateArticle(ctx, &edited, 0, ""); err != nil {
		t.Fatal(err)
	}
	back := e.run(t, bytesOpener(export), wpimport.Options{Uploads: uploads})
	if c := counts(back, "post"); c.Skipped != 2 || c.Updated != 0 || reasons(back, "post")["edited in the newsroom since it was imported: left as it is"] != 1 {
		t.Errorf("import over an edited article: %+v %+v", c, back.Skips)
	}
	if a3, _ := e.st.ArticleByID(ctx, a.ID); a3.Headline != edited.Headline {
		t.Errorf("the editor's headline became %q", a3.Headline)
	}
}
