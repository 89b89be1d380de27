package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/wpimport"
)

// postExport uploads an export to the import screen as c.
func (s *server) postExport(t *testing.T, c *http.Cookie, name string, data []byte, dryRun bool) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if dryRun {
		mw.WriteField("dry_run", "1")
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("export", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(c)
	return s.do(t, req)
}

// TestImportScreen: an admin uploads a WordPress export in the newsroom;
// it imports in the background and the screen shows its report. Others
// cannot; a form without a file says so.
func TestImportScreen(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	export, err := os.ReadFile("../wordpress/testdata/themeunittestdata.wordpress.xml")
	if err != nil {
		t.Fatal(err)
	}
	editor := s.signIn(t, "huda@example.ma", news.Editor)
	if res, _ := s.postExport(t, editor, "export.xml", export, false); res.StatusCode == http.StatusSeeOther {
		t.Fatalf("an editor started an import")
	}
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	if res, body := s.getAs(t, admin, "/newsroom/"); !strings.Contains(body, `href="/newsroom/import"`) {
		t.Errorf("the newsroom's home has no link to the import: %d", res.StatusCode)
	}
	if res, body := s.postExport(t, admin, "", nil, false); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "اختر ملف التصدير") {
		t.Errorf("no file: %d", res.StatusCode)
	}

	before, _ := s.store.CountArticles(ctx)
	res, _ := s.postExport(t, admin, "export.xml", export, true)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/newsroom/import" {
		t.Fatalf("dry run: %d", res.StatusCode)
	}
	s.imports.Wait()
	_, body := s.getAs(t, admin, "/newsroom/import")
	if !strings.Contains(body, "لم يُحفظ شيء") || !strings.Contains(body, "الإشارات (pingback) ليست تعليقات") {
		t.Errorf("the dry run's report is not shown:\n%s", body)
	}
	if n, _ := s.store.CountArticles(ctx); n != before {
		t.Errorf("a dry run stored %d articles", n-before)
	}

	res, _ = s.postExport(t, admin, "export.xml", export, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", res.StatusCode)
	}
	s.imports.Wait()
	if n, _ := s.store.CountArticles(ctx); n != before+58 {
		t.Errorf("%d articles imported, want 58", n-before)
	}
	_, body = s.getAs(t, admin, "/newsroom/import")
	if !strings.Contains(body, `<td dir="ltr">post</td><td>58</td>`) || !strings.Contains(body, `dir="rtl"`) {
		t.Errorf("the report is not shown:\n%s", body)
	}
}

// Every reason an import report gives has its message in every language.
func TestImportReasonsTranslated(t *testing.T) {
	cat := i18n.NewCatalog()
	for _, k := range wpimport.Reasons() {
		for _, lang := range []string{"ar", "fr"} {
			if !cat.Has(lang, "import.skip."+k) {
				t.Errorf("no %s message for the import's reason %q", lang, k)
			}
		}
	}
}
