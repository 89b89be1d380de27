package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestFocalPointClick: a photographer uploads a picture, opens its form in
// the media library, taps the picture where its subject is, saves, and
// the picture's crops are cut again around that point.
func TestFocalPointClick(t *testing.T) {
	m := startMidad(t, t.TempDir())
	m.cli(t, "a long enough passphrase\n", "user", "add", "--email", "souad@example.ma", "--name", "سعاد", "--role", "contributor", "--password-stdin")
	ctx := newTab(t)
	signIn(t, ctx, m.base, "souad@example.ma", "a long enough passphrase")

	do(t, ctx, chromedp.Navigate(m.base+"/newsroom/media"))
	waitFor(t, ctx, `document.readyState === "complete" && !!document.querySelector("#media-file")`)
	do(t, ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#media-file"), []string{writePhoto(t)}),
		chromedp.SendKeys(chromedp.CSS("#media-alt"), "ساحة المدينة"),
		chromedp.Click(chromedp.CSS(".media-form button[type=submit]")),
	)
	waitFor(t, ctx, `location.search.includes("done=1") && document.readyState === "complete"`)
	before := crops(t, ctx)

	// The form opens; the script shows the picture to tap, the point in the middle.
	do(t, ctx, chromedp.Click(chromedp.CSS(".media-list details.media-edit summary")))
	waitFor(t, ctx, `(() => { const p = document.querySelector("[data-focus-picture]"); return p && !p.hidden && p.getBoundingClientRect().width > 0 })()`)
	do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS("[data-focus-picture] img")))
	box := eval[[]float64](t, ctx, `(() => { const r = document.querySelector("[data-focus-picture] img").getBoundingClientRect(); return [r.left, r.top, r.width, r.height] })()`)
	// A tap a quarter of the way across and three quarters down.
	do(t, ctx, chromedp.MouseClickXY(box[0]+box[2]*0.25, box[1]+box[3]*0.75))
	fx := eval[string](t, ctx, `document.querySelector("input[name=focus_x]").value`)
	fy := eval[string](t, ctx, `document.querySelector("input[name=focus_y]").value`)
	if !near(fx, 25) || !near(fy, 75) {
		t.Fatalf("the tap set the point to (%s, %s), want about (25, 75)", fx, fy)
	}
	mark := eval[string](t, ctx, `document.querySelector(".focus-mark").style.insetInlineStart`)
	if !strings.HasPrefix(mark, fx[:2]) {
		t.Errorf("the mark stands at %q, the point at %s", mark, fx)
	}
	artifact(t, "focal-point.png", screenshot(t, ctx))
	do(t, ctx, chromedp.Click(chromedp.CSS("form[data-focus-form] button[type=submit]")))
	waitFor(t, ctx, `location.search.includes("focus=1") && document.readyState === "complete"`)

	after := crops(t, ctx)
	if len(after) != 3 {
		t.Fatalf("crops after the tap: %v", after)
	}
	for ratio, file := range after {
		if file == before[ratio] {
			t.Errorf("crop %s was not cut again", ratio)
		}
		if res, err := http.Get(m.base + file); err != nil || res.StatusCode != 200 {
			t.Errorf("crop %s: %v %v", file, res, err)
		} else {
			res.Body.Close()
		}
	}
	if v := eval[string](t, ctx, `document.querySelector("input[name=focus_x]").value`); !near(v, 25) {
		t.Errorf("the saved point reads %s", v)
	}
}

// crops reads the image's crops from the media library's links on the
// page shown, by ratio.
func crops(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	raw := eval[string](t, ctx, `JSON.stringify(Object.fromEntries([...document.querySelectorAll(".media-crops a")].map(a => [a.firstChild.textContent.trim(), a.getAttribute("href")])))`)
	got := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

func near(v string, want float64) bool {
	var f float64
	if _, err := fmt.Sscan(v, &f); err != nil {
		return false
	}
	return f > want-3 && f < want+3
}

func screenshot(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
