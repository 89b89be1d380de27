package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestReaderSearch: a reader types the byline's name without its vowel,
// as people do, into the search box of the front page, and finds the seed
// article with the matched word marked.
func TestReaderSearch(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)), chromedp.Navigate(base+"/"))
	waitFor(t, ctx, checked)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#site-search"), "حموشي قطيب"+kb.Enter))
	waitFor(t, ctx, `location.pathname === "/search" && document.readyState === "complete"`)

	first := eval[string](t, ctx, `document.querySelector(".search-results .teaser-title a").textContent`)
	if first != headline {
		t.Fatalf("first result %q, want the seed article", first)
	}
	marks := eval[[]string](t, ctx, `[...document.querySelectorAll(".search-results li:first-child mark")].map(m => m.textContent)`)
	if !slices.Contains(marks, "حموشي") {
		t.Errorf("marked words %v lack حموشي", marks)
	}
	if got := eval[string](t, ctx, `document.querySelector("#search-q").value`); got != "حموشي قطيب" {
		t.Errorf("the search field reads %q", got)
	}
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		t.Errorf("the results page is %d px wider than the phone", w)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".search-results .teaser-title a")))
	waitFor(t, ctx, `location.pathname.startsWith("/article/") && document.readyState === "complete"`)
	if !strings.Contains(eval[string](t, ctx, `document.body.innerText`), "ياسين قُطيب") {
		t.Error("the article's byline is not on the page the result leads to")
	}
}
