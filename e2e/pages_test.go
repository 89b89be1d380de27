package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEditorWritesAStaticPage: an editor opens the pages from the
// newsroom's home, writes one in the article's rich-text editor, publishes
// it into the footer, and a reader finds it from the footer of the front
// page, right to left, on a phone as on a desktop.
func TestEditorWritesAStaticPage(t *testing.T) {
	m := startMidad(t, t.TempDir())
	m.cli(t, "the editor's long passphrase\n", "user", "add", "--email", "huda@example.ma", "--name", "هدى المحررة", "--role", "editor", "--password-stdin")

	editor := newTab(t)
	signIn(t, editor, m.base, "huda@example.ma", "the editor's long passphrase")
	do(t, editor, chromedp.Click(chromedp.CSS(`a[href="/newsroom/pages"]`)))
	waitFor(t, editor, `location.pathname === "/newsroom/pages" && document.readyState === "complete"`)
	if list := eval[string](t, editor, `document.querySelector(".page-list").innerText`); !strings.Contains(list, "من نحن") {
		t.Fatalf("the page list reads %q", list)
	}
	do(t, editor, chromedp.Click(chromedp.CSS(`a.button[href="/newsroom/pages/new"]`)))
	waitFor(t, editor, `location.pathname === "/newsroom/pages/new" && !!document.querySelector('#body[data-editor-ready="1"]')`)
	do(t, editor,
		chromedp.SendKeys(chromedp.CSS("#title"), "هيئة التحرير"),
		chromedp.Click(chromedp.CSS(".editor-area")),
		chromedp.SendKeys(chromedp.CSS(".editor-area"), "يشرف على التحرير فريق من الرباط، ويكتب معه مراسلون من Tanger إلى الداخلة."),
		chromedp.SetValue(chromedp.CSS("#status"), "published"),
		chromedp.Click(chromedp.CSS("#in_footer")),
		chromedp.SetValue(chromedp.CSS("#position"), "9"),
	)
	// The toolbar is the article editor's.
	if !eval[bool](t, editor, `!!document.querySelector('[role=toolbar] button[data-command=link]')`) {
		t.Error("the page editor has no link button")
	}
	do(t, editor, chromedp.Click(chromedp.CSS(`.page-form button[type=submit]`)))
	waitFor(t, editor, `/^\/newsroom\/pages\/\d+$/.test(location.pathname) && document.readyState === "complete"`)
	if got := eval[string](t, editor, `document.querySelector(".form-notice").innerText`); got != "حُفظت الصفحة." {
		t.Errorf("after saving: %q", got)
	}
	if got := eval[string](t, editor, `document.querySelector("#slug").value`); got != "هيئة-التحرير" {
		t.Errorf("slug made from the title: %q", got)
	}

	reader := newTab(t)
	do(t, reader, chromedp.Navigate(m.base+"/"))
	waitFor(t, reader, `document.readyState === "complete"`)
	footer := eval[string](t, reader, `document.querySelector(".footer-pages").innerText`)
	if !strings.Contains(footer, "من نحن") || !strings.HasSuffix(strings.TrimSpace(footer), "هيئة التحرير") {
		t.Errorf("the footer reads %q", footer)
	}
	do(t, reader, chromedp.Click(chromedp.CSS(`.footer-pages a[href="/page/`+url.PathEscape("هيئة-التحرير")+`"]`)))
	waitFor(t, reader, `location.pathname.startsWith("/page/") && document.readyState === "complete"`)
	if got := eval[string](t, reader, `document.querySelector(".static-page h1").innerText`); got != "هيئة التحرير" {
		t.Errorf("the page's title reads %q", got)
	}
	if got := eval[string](t, reader, `getComputedStyle(document.querySelector(".static-page")).direction`); got != "rtl" {
		t.Errorf("the page is %s", got)
	}
	if got := eval[string](t, reader, `document.querySelector(".static-page .article-body").innerText`); !strings.Contains(got, "Tanger") {
		t.Errorf("the page's text reads %q", got)
	}
	for _, size := range []struct {
		w, h int64
		name string
	}{{360, 740, "phone"}, {1280, 900, "desktop"}} {
		do(t, reader, chromedp.EmulateViewport(size.w, size.h, chromedp.EmulateScale(2)))
		if w := eval[int](t, reader, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
			t.Errorf("the page overflows a %s's width by %d px", size.name, w)
		}
		if shot, err := chromedp.Run(reader, chromedp.FullScreenshot(100)); err == nil {
			artifact(t, "static-page-"+size.name+".png", shot)
		}
	}
}
