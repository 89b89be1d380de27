package wordpress

import (
	"strings"
	"testing"
)

func TestAutop(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"one\n\ntwo", "<p>one</p>\n<p>two</p>"},
		{"line one\nline two", "<p>line one<br>\nline two</p>"},
		{"intro\n<ul>\n<li>a</li>\n\n<li>b</li>\n</ul>\noutro", "<p>intro</p>\n<ul>\n<li>a</li>\n\n<li>b</li>\n</ul>\n<p>outro</p>"},
		{"<blockquote>quoted\n\nstill</blockquote>", "<blockquote>quoted\n\nstill</blockquote>"},
		{"a <strong>bold</strong>\n\n<hr />\nb", "<p>a <strong>bold</strong></p>\n<hr />\n<p>b</p>"},
		{"<div><div>x</div>\n\ny</div>z", "<div><div>x</div>\n\ny</div>\n<p>z</p>"},
	} {
		if got := Autop(c.in); got != c.want {
			t.Errorf("Autop(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// Fragments of the theme unit test export.
func TestConvertBody(t *testing.T) {
	atts := map[int64]Attachment{
		1: {URL: "https://example.com/wp-content/uploads/2013/03/a.jpg", Caption: "First", Alt: "a"},
		2: {URL: "https://example.com/wp-content/uploads/2013/03/b.jpg", Alt: "b"},
	}
	opt := BodyOptions{Attachment: func(id int64) (Attachment, bool) { a, ok := atts[id]; return a, ok }, Children: []int64{2}}
	for _, c := range []struct {
		name, in string
		want     []string
		not      []string
		images   int
	}{
		{"caption attribute",
			`[caption id="attachment_612" align="aligncenter" width="640" caption="Chunk of resinous blackboy husk, Clarkson, Western Australia. This burns like a spinifex log."]<a href="https://wpthemetestdata.files.wordpress.com/2013/09/dsc20040724_152504_532.jpg"><img src="https://wpthemetestdata.files.wordpress.com/2013/09/dsc20040724_152504_532.jpg" alt="chunk of resinous blackboy husk" title="dsc20040724_152504_532" width="640" height="480" class="size-full wp-image-612" /></a>[/caption]`,
			[]string{`<figure><img src="https://wpthemetestdata.files.wordpress.com/2013/09/dsc20040724_152504_532.jpg" alt="chunk of resinous blackboy husk" width="640" height="480"><figcaption>Chunk of resinous blackboy husk, Clarkson, Western Australia. This burns like a spinifex log.</figcaption></figure>`},
			[]string{"[caption", "<p><figure"}, 1},
		{"caption inside",
			`[caption id="attachment_906" align="aligncenter" width="580"]<img class="size-full wp-image-906  " title="Image Alignment 580x300" alt="Image Alignment 580x300" src="https://wpthemetestdata.files.wordpress.com/2013/03/image-alignment-580x300.jpg" width="580" height="300" /> Look at 580x300 getting some <a title="Image Settings" href="https://en.support.wordpress.com/images/image-settings/">caption</a> love.[/caption]`,
			[]string{`<figcaption>Look at 580x300 getting some caption love.</figcaption></figure>`}, nil, 1},
		{"gallery with ids", `Before

[gallery ids="1,2,99"]

After`, []string{`<p>Before</p>`, `<figure><img src="https://example.com/wp-content/uploads/2013/03/a.jpg" alt="a"><figcaption>First</figcaption></figure>`, `<img src="https://example.com/wp-content/uploads/2013/03/b.jpg" alt="b"></figure>`, `<p>After</p>`}, []string{"gallery"}, 2},
		{"gallery of the post's own", `[gallery]`, []string{`b.jpg`}, []string{"a.jpg"}, 1},
		{"embed and oembed", "[embed width=\"123\"]https://www.youtube.com/watch?v=nwe-H6l4beM[/embed]\n\nhttps://twitter.com/x/status/1\n\ntext",
			[]string{`<p><a href="https://www.youtube.com/watch?v=nwe-H6l4beM">https://www.youtube.com/watch?v=nwe-H6l4beM</a></p>`, `https://twitter.com/x/status/1</a></p>`, `<p>text</p>`}, []string{"iframe", "[embed"}, 0},
		{"video and audio", `[video width="1920" height="1080" mp4="https://example.com/wp-content/uploads/2013/v.mp4"][/video]
[audio src="https://example.com/a.mp3" /]`, []string{`<a href="https://example.com/wp-content/uploads/2013/v.mp4"`, `<a href="https://example.com/a.mp3"`}, []string{"[video", "[audio"}, 1},
		{"blocks", "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {\"id\":5} -->\n<figure class=\"wp-block-image\"><img src=\"https://example.com/wp-content/uploads/x.png\" alt=\"\"/></figure>\n<!-- /wp:image -->",
			[]string{"<p>One</p>", `<figure><img src="https://example.com/wp-content/uploads/x.png" alt=""/></figure>`}, []string{"wp:", "<p><p>"}, 1},
		{"hostile", `<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p><script>alert(1)</script><iframe src="https://evil"></iframe>`,
			[]string{"Hi "}, []string{"script", "javascript", "onclick", "iframe", "alert"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := ConvertBody(c.in, opt)
			for _, w := range c.want {
				if !strings.Contains(b.HTML, w) {
					t.Errorf("missing %s\nin %s", w, b.HTML)
				}
			}
			for _, n := range c.not {
				if strings.Contains(b.HTML, n) {
					t.Errorf("kept %s\nin %s", n, b.HTML)
				}
			}
			if len(b.Images) != c.images {
				t.Errorf("images %q, want %d", b.Images, c.images)
			}
		})
	}
}

func TestUploadPath(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.com/wp-content/uploads/2020/01/a.jpg":            "2020/01/a.jpg",
		"/wp-content/uploads/sites/3/2020/01/%D8%B5.jpg":            "sites/3/2020/01/ص.jpg",
		"https://wpthemetestdata.files.wordpress.com/2013/09/a.jpg": "2013/09/a.jpg",
		"https://x.com/wp-content/uploads/../../etc/passwd":         "",
		"https://x.com/images/a.jpg":                                "",
	} {
		got, ok := UploadPath(in)
		if got != want || ok != (want != "") {
			t.Errorf("UploadPath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestReplaceURLs(t *testing.T) {
	in := `<figure><img src="https://x.com/wp-content/uploads/a.jpg" alt="a" srcset="old 1w"></figure><a href="https://x.com/wp-content/uploads/a.jpg">full</a><a href="https://other">o</a>`
	got := ReplaceURLs(in, func(addr string) (string, string, bool) {
		if addr == "https://x.com/wp-content/uploads/a.jpg" {
			return "/media/2026/1/n-1600.jpg", "/media/2026/1/n-480.jpg 480w", true
		}
		return "", "", false
	})
	want := `<figure><img src="/media/2026/1/n-1600.jpg" alt="a" srcset="/media/2026/1/n-480.jpg 480w"></figure><a href="/media/2026/1/n-1600.jpg">full</a><a href="https://other">o</a>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
