package e2e

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// blockAds makes the tab behave as if an EasyList-style blocker were
// installed: requests whose URL matches its patterns fail, and its generic
// cosmetic rules hide ad containers.
func blockAds() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		var patterns []*network.BlockPattern
		for _, p := range []string{"*://*:*/*/ads.js", "*://*:*/*/ads/*", "*://*:*/*adsbygoogle*", "*://*:*/*pagead*"} {
			patterns = append(patterns, &network.BlockPattern{URLPattern: p, Block: true})
		}
		if _, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `(() => {
				const sheet = new CSSStyleSheet();
				sheet.replaceSync(".adsbox, .ad-banner, .ad-slot { display: none !important; }");
				document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
			})();`,
		})
		return err
	})
}

// seedLines are the lines the seed page shows, in order, without "fbpx".
func seedLines(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	all := lines(string(b))
	if all[0] != "fbpx" {
		t.Fatalf("seed starts with %q", all[0])
	}
	return all[1:]
}

const (
	headline     = "حموشي في ضيافة رئيس مجلس الوزراء ومدير الأمن العام بقطر"
	noticeTitle  = "انت تستخدم إضافة تمنع الإعلانات"
	checked      = `document.documentElement.dataset.adblockChecked === "1" && document.readyState === "complete"`
	noticeIsOpen = `document.getElementById("adblock-notice").open`
)

// TestSeedPage is the seed test: a reader with an ad blocker opens the
// front page, follows the seed article's headline, and reads the page.
func TestSeedPage(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)

	do(t, ctx, blockAds(), chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)), chromedp.Navigate(base+"/"))
	waitFor(t, ctx, checked)
	if !eval[bool](t, ctx, noticeIsOpen) {
		t.Fatal("the front page shows no ad-block notice to a reader who blocks ads")
	}
	// The modal notice covers the page. Escape puts it away for this page
	// only; the reader has not answered it yet.
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitFor(t, ctx, `!`+noticeIsOpen)
	links := eval[[]string](t, ctx, `[...document.querySelectorAll("a")].filter(a => a.textContent.trim() === "`+headline+`").map(a => a.pathname)`)
	if len(links) == 0 {
		t.Fatal("the front page has no link whose text is the seed headline")
	}
	do(t, ctx, chromedp.Click(`//a[normalize-space(.)="`+headline+`"]`))
	waitFor(t, ctx, `location.pathname === "`+links[0]+`" && `+checked)

	// Blocking really happened.
	if eval[bool](t, ctx, `window.midadAds === true`) {
		t.Fatal("/ads/ads.js ran: the blocker simulation did not block it")
	}
	if d := eval[string](t, ctx, `getComputedStyle(document.querySelector(".ad-slot")).display`); d != "none" {
		t.Fatalf("ad slot display %q: cosmetic rules did not apply", d)
	}
	if !eval[bool](t, ctx, noticeIsOpen) {
		t.Fatal("the ad-block notice is not shown to a reader who blocks ads")
	}

	text := eval[string](t, ctx, `document.body.innerText`)
	if strings.Contains(text, "fbpx") {
		t.Error("the page shows fbpx")
	}
	got := lines(text)
	at := 0
	for _, want := range seedLines(t) {
		i := slices.Index(got[at:], want)
		if i < 0 {
			t.Fatalf("after line %d of the page, no line reads %q\npage text:\n%s", at, want, strings.Join(got, "\n"))
		}
		at += i + 1
	}

	for js, want := range map[string]string{
		`getComputedStyle(document.body).direction`: "rtl",
		`document.documentElement.lang`:             "ar",
		`document.documentElement.dir`:              "rtl",
	} {
		if v := eval[string](t, ctx, js); v != want {
			t.Errorf("%s = %q, want %q", js, v, want)
		}
	}
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		t.Errorf("the page is %d px wider than a 360 px phone", w)
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, "seed-phone-notice.png", shot)

	// The reader closes the notice; it stays closed after a reload.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#adblock-notice .adblock-close`)))
	waitFor(t, ctx, `!`+noticeIsOpen)
	article := eval[string](t, ctx, `location.href`)
	do(t, ctx, chromedp.Navigate(article))
	waitFor(t, ctx, checked)
	if eval[bool](t, ctx, noticeIsOpen) {
		t.Error("the closed notice came back after a reload")
	}
	if strings.Contains(eval[string](t, ctx, `document.body.innerText`), noticeTitle) {
		t.Error("the closed notice's text is on the page after a reload")
	}

	// Back to top: hidden at the top, shown after scrolling, and it brings
	// the reader back up.
	if eval[bool](t, ctx, `document.getElementById("to-top").classList.contains("shown")`) {
		t.Error("the back-to-top button shows before any scrolling")
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo({top: document.body.scrollHeight, behavior: "instant"}) || undefined`))
	waitFor(t, ctx, `document.getElementById("to-top").classList.contains("shown") && getComputedStyle(document.getElementById("to-top")).opacity === "1"`)
	checkAccessibleButton(t, ctx, "زر الذهاب إلى الأعلى")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#to-top`)))
	waitFor(t, ctx, `window.scrollY === 0`)

	for _, size := range []struct {
		name          string
		width, height int64
		scale         float64
	}{{"phone", 360, 740, 2}, {"desktop", 1280, 900, 1}} {
		do(t, ctx, chromedp.EmulateViewport(size.width, size.height, chromedp.EmulateScale(size.scale)))
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		artifact(t, "seed-"+size.name+".png", shot)
	}
}

// checkAccessibleButton checks that the accessibility tree, as a screen
// reader gets it, has a button with this name.
func checkAccessibleButton(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		// DOM.getDocument would reset the node ids chromedp tracks, so
		// the root is passed as a JavaScript object instead.
		doc, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: "document.body"})
		if err != nil {
			return err
		}
		res, err := cdp.Call(ctx, tg, accessibility.QueryAXTree, accessibility.QueryAXTreeParams{
			ObjectID: doc.Result.ObjectID, AccessibleName: name, Role: "button",
		})
		if err != nil {
			return err
		}
		for _, n := range res.Nodes {
			if !n.Ignored {
				return nil
			}
		}
		t.Errorf("no button named %q in the accessibility tree (%d ignored matches)", name, len(res.Nodes))
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoNoticeWithoutBlocker: a reader without a blocker sees the ads and no
// notice.
func TestNoNoticeWithoutBlocker(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(base+"/"))
	waitFor(t, ctx, checked)
	do(t, ctx, chromedp.Click(`//a[normalize-space(.)="`+headline+`"]`))
	waitFor(t, ctx, `location.pathname.startsWith("/article/") && `+checked)
	if !eval[bool](t, ctx, `window.midadAds === true`) {
		t.Error("/ads/ads.js did not run without a blocker")
	}
	if !eval[bool](t, ctx, `[...document.querySelectorAll(".ad-slot img")].every(img => img.complete && img.naturalWidth > 0)`) {
		t.Error("an ad image did not load without a blocker")
	}
	if eval[bool](t, ctx, noticeIsOpen) {
		t.Error("the ad-block notice shows to a reader without a blocker")
	}
	if strings.Contains(eval[string](t, ctx, `document.body.innerText`), noticeTitle) {
		t.Error("the notice's text is visible without a blocker")
	}
}
