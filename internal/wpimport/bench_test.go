package wpimport_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/wpimport"
)

// writeBigExport writes an export of posts posts with comments comments
// each, spread over 20 nested categories and 200 tags, to path, without
// holding it in memory.
func writeBigExport(tb testing.TB, path string, posts, comments int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>جريدة</title><link>https://big.example</link><language>ar</language><wp:base_blog_url>https://big.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>redac</wp:author_login><wp:author_email>redac@big.example</wp:author_email><wp:author_display_name><![CDATA[التحرير]]></wp:author_display_name></wp:author>
`)
	for c := 1; c <= 20; c++ {
		parent := ""
		if c > 10 {
			parent = "cat-" + strconv.Itoa(c-10)
		}
		fmt.Fprintf(w, "<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename>cat-%d</wp:category_nicename><wp:category_parent>%s</wp:category_parent><wp:cat_name><![CDATA[قسم %d]]></wp:cat_name></wp:category>\n", c, c, parent, c)
	}
	para := strings.Repeat("جملة من نص المقال تتكرر لتكون فقرة عادية الطول. ", 8)
	body := para + "\n\n" + para + "\n\n" + para + "\n\n" + para
	cid := 0
	for p := 1; p <= posts; p++ {
		fmt.Fprintf(w, `<item><title><![CDATA[مقال رقم %d]]></title><link>https://big.example/2020/01/02/post-%d/</link>
<dc:creator>redac</dc:creator><guid isPermaLink="false">https://big.example/?p=%d</guid>
<content:encoded><![CDATA[%s]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>%d</wp:post_id><wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-02 09:00:00</wp:post_date_gmt>
<wp:post_name>post-%d</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="cat-%d"><![CDATA[قسم]]></category><category domain="post_tag" nicename="tag-%d"><![CDATA[وسم %d]]></category>
<wp:postmeta><wp:meta_key>tie_views</wp:meta_key><wp:meta_value>%d</wp:meta_value></wp:postmeta>
`, p, p, p, body, p, p, p%20+1, p%200, p%200, p)
		for c := 0; c < comments; c++ {
			cid++
			parent := 0
			if c > 0 {
				parent = cid - 1
			}
			fmt.Fprintf(w, `<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[قارئ %d]]></wp:comment_author><wp:comment_author_email>r%d@example.com</wp:comment_author_email><wp:comment_date>2020-01-03 10:00:00</wp:comment_date><wp:comment_date_gmt>2020-01-03 09:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[تعليق رقم %d]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>%d</wp:comment_parent></wp:comment>
`, cid, cid, cid, cid, parent)
		}
		w.WriteString("</item>\n")
	}
	w.WriteString("</channel></rss>\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
}

// peakRSS is the process's peak resident memory (Linux), in MB.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkImport imports a generated export of MIDAD_WP_POSTS posts
// (2,000 by default) with five comments each into SQLite, then imports it
// again unchanged:
//
//	MIDAD_WP_POSTS=200000 go test -run '^$' -bench BenchmarkImport -benchtime 1x ./internal/wpimport/
func BenchmarkImport(b *testing.B) {
	posts := 2000
	if v, err := strconv.Atoi(os.Getenv("MIDAD_WP_POSTS")); err == nil && v > 0 {
		posts = v
	}
	path := filepath.Join(b.TempDir(), "big.xml")
	writeBigExport(b, path, posts, 5)
	for b.Loop() {
		e := newEnv(b)
		start := time.Now()
		rep, err := wpimport.Run(context.Background(), e.st, e.med, fileOpener(path), wpimport.Options{})
		if err != nil || rep.Error != "" || rep.Counts["post"].Imported != posts {
			b.Fatalf("%v %s %+v", err, rep.Error, rep.Counts["post"])
		}
		first := time.Since(start)
		start = time.Now()
		rep, err = wpimport.Run(context.Background(), e.st, e.med, fileOpener(path), wpimport.Options{})
		if err != nil || rep.Counts["post"].Unchanged != posts {
			b.Fatalf("%v %+v", err, rep.Counts["post"])
		}
		b.ReportMetric(float64(posts)/first.Seconds(), "posts/s")
		b.ReportMetric(time.Since(start).Seconds(), "s-second-import")
		b.ReportMetric(peakRSS(), "MB-peak-rss")
	}
}
