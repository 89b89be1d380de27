package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestModeratorApprovesInNewsroom: an editor signs in to the newsroom in a
// browser, finds a reader's comment in the queue with the reason it was
// held, approves it, and the reader's comment is on the article.
func TestModeratorApprovesInNewsroom(t *testing.T) {
	m := startMidad(t, t.TempDir())
	m.cli(t, "a long enough passphrase\n", "user", "add", "--email", "huda@example.ma", "--name", "هدى", "--role", "editor", "--password-stdin")

	// A reader posts a comment (as the form would).
	form := url.Values{
		"name": {"قارئ"}, "email": {"reader@example.ma"},
		"comment": {"تعليق ينتظر المحررة"}, "token": {commentToken(t, m.base)},
	}
	res, err := http.PostForm(seedURL(m.base)+"/comments", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Request.URL.Query().Get("comment") != "held" {
		t.Fatalf("the comment was not held: %s", res.Request.URL)
	}

	ctx := newTab(t)
	// The newsroom sends an anonymous visitor to the sign-in page.
	do(t, ctx, chromedp.Navigate(m.base+"/newsroom/"))
	waitFor(t, ctx, `location.pathname === "/newsroom/login" && document.readyState === "complete"`)
	signIn(t, ctx, m.base, "huda@example.ma", "a long enough passphrase")
	if cookie := eval[string](t, ctx, `document.cookie`); strings.Contains(cookie, "midad_session") {
		t.Error("the session cookie is readable from JavaScript")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`a[href="/newsroom/comments"]`)))
	waitFor(t, ctx, `location.pathname === "/newsroom/comments" && document.readyState === "complete"`)
	queue := eval[string](t, ctx, `document.querySelector(".moderation-list").innerText`)
	if !strings.Contains(queue, "تعليق ينتظر المحررة") || !strings.Contains(queue, "too_fast") {
		t.Fatalf("the queue reads %q", queue)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`.moderation-list input[type=checkbox]`)),
		chromedp.Click(chromedp.CSS(`button[value=approve]`)),
	)
	waitFor(t, ctx, `location.search.includes("done=1") && document.readyState === "complete"`)

	do(t, ctx, chromedp.Navigate(seedURL(m.base)))
	waitFor(t, ctx, checked)
	if got := eval[string](t, ctx, `document.querySelector(".comment .comment-text").innerText`); got != "تعليق ينتظر المحررة" {
		t.Errorf("the approved comment reads %q", got)
	}
}
