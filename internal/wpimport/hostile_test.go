package wpimport_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/wpimport"
)

// Hostile exports end in a clear message and store nothing, or in a
// reported skip of the one post at fault.
func TestHostileExports(t *testing.T) {
	ctx := context.Background()
	good := string(jannahExport("عنوان"))
	head := `<?xml version="1.0" encoding="UTF-8" ?>`
	doctype := func(d string) string { return head + d + strings.TrimPrefix(good, head) }
	for _, c := range []struct {
		name, export, want string
	}{
		{"billion laughs", doctype(`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`), "ENTITY"},
		{"external entity", doctype(`<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`), "ENTITY"},
		{"invalid UTF-8", strings.Replace(good, "عاجل من الرباط", "\xff\xfe", 1), "UTF-8"},
		{"truncated", good[:len(good)*2/3], "truncated"},
		{"not an export", "<html><body>hi</body></html>", "not a WordPress export"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			rep := e.run(t, bytesOpener([]byte(c.export)), wpimport.Options{})
			if !strings.Contains(rep.Error, c.want) || !strings.Contains(rep.Error, "line") {
				t.Errorf("error %q, want one about %q that says where", rep.Error, c.want)
			}
			var out bytes.Buffer
			rep.Print(&out)
			if !strings.Contains(out.String(), "Stopped: ") {
				t.Errorf("printed:\n%s", out.String())
			}
			// The first pass read the whole export before anything was stored.
			if n, _ := e.st.CountArticles(ctx); n != 0 {
				t.Errorf("%d articles stored from a broken export", n)
			}
			if secs, _ := e.st.Sections(ctx); len(secs) != 0 {
				t.Errorf("%d sections stored from a broken export", len(secs))
			}
		})
	}

	t.Run("a link out of the uploads folder", func(t *testing.T) {
		e := newEnv(t)
		uploads := filepath.Join(t.TempDir(), "uploads")
		if err := os.MkdirAll(filepath.Join(uploads, "2024", "05"), 0o755); err != nil {
			t.Fatal(err)
		}
		secret := filepath.Join(t.TempDir(), "secret.jpg")
		writeJPEG(t, secret, 64, 64)
		if err := os.Symlink(secret, filepath.Join(uploads, "2024", "05", "match.jpg")); err != nil {
			t.Fatal(err)
		}
		rep := e.run(t, bytesOpener([]byte(good)), wpimport.Options{Uploads: uploads})
		found := false
		for _, s := range rep.Skips {
			found = found || s.ID == "101" && strings.Contains(s.Reason, "outside the uploads folder")
		}
		if !found || counts(rep, "attachment").Imported != 0 {
			t.Errorf("a symbolic link out of the folder: %+v %+v", counts(rep, "attachment"), rep.Skips)
		}
		if imgs, _ := e.st.Images(ctx, 10); len(imgs) != 0 {
			t.Errorf("%d images read through the link", len(imgs))
		}
	})

	t.Run("categories in a loop", func(t *testing.T) {
		e := newEnv(t)
		loop := strings.Replace(good, "<wp:category><wp:term_id>10</wp:term_id>",
			`<wp:category><wp:term_id>90</wp:term_id><wp:category_nicename>a</wp:category_nicename><wp:category_parent>b</wp:category_parent><wp:cat_name>A</wp:cat_name></wp:category>
<wp:category><wp:term_id>91</wp:term_id><wp:category_nicename>b</wp:category_nicename><wp:category_parent>a</wp:category_parent><wp:cat_name>B</wp:cat_name></wp:category>
<wp:category><wp:term_id>10</wp:term_id>`, 1)
		rep := e.run(t, bytesOpener([]byte(loop)), wpimport.Options{})
		if c := counts(rep, "category"); c.Imported != 3 || c.Skipped != 2 || reasons(rep, "category")["its parents form a loop"] != 2 {
			t.Errorf("categories %+v, %v", c, rep.Skips)
		}
		if c := counts(rep, "post"); c.Imported != 2 {
			t.Errorf("posts %+v", c)
		}
	})

	t.Run("huge field", func(t *testing.T) {
		e := newEnv(t)
		big := strings.Replace(good, "<p>فاز <strong>المنتخب</strong> الليلة.</p>", strings.Repeat("نص طويل ", 300_000), 1)
		rep := e.run(t, bytesOpener([]byte(big)), wpimport.Options{MaxField: 1 << 20})
		if rep.Error != "" {
			t.Fatal(rep.Error)
		}
		r := reasons(rep, "post")
		if c := counts(rep, "post"); c.Imported != 1 || c.Skipped != 2 || len(r) != 2 {
			t.Errorf("posts %+v, skipped for %v", c, r)
		}
		found := false
		for _, s := range rep.Skips {
			found = found || s.ID == "100" && strings.Contains(s.Reason, "longer than the limit")
		}
		if !found {
			t.Errorf("skips %+v", rep.Skips)
		}
		if c := counts(rep, "comment"); c.Skipped != 4 {
			t.Errorf("comments of the skipped post %+v", c)
		}
	})
}
