package e2e

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestReaderComments: a reader writes an Arabic comment with a Latin word
// and a link, sees that it waits for moderation; a moderator approves it;
// the reader sees it on the page, isolated, and the email is nowhere.
func TestReaderComments(t *testing.T) {
	m := startMidad(t, t.TempDir())
	ctx := newTab(t)
	const (
		name  = "سارة بنعلي"
		email = "sara.benali@example.ma"
		text  = "شكراً على المقال. معرض Milipol Qatar مهم، والتفاصيل على https://example.ma/milipol/2022/qatar/securite-interieure-et-defense-civile-programme-complet-des-conferences"
	)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)), chromedp.Navigate(seedURL(m.base)))
	waitFor(t, ctx, checked)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#comment-name"), name),
		chromedp.SendKeys(chromedp.CSS("#comment-email"), email),
		chromedp.SendKeys(chromedp.CSS("#comment-text"), text),
		chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")),
	)
	// The answer comes without leaving the page; the name stays, the text
	// goes.
	waitFor(t, ctx, `!!document.querySelector("#respond .form-notice")`)
	notice := eval[string](t, ctx, `document.querySelector("#respond .form-notice").innerText`)
	if !strings.Contains(notice, "تعليقك بانتظار المراجعة") {
		t.Fatalf("after posting, the page says %q", notice)
	}
	if got := eval[string](t, ctx, `location.search + "|" + document.querySelector("#comment-name").value + "|" + document.querySelector("#comment-text").value`); got != "|"+name+"|" {
		t.Errorf("after posting: %q", got)
	}
	// A mistake is pointed out in place, in Arabic, and nothing is lost.
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#comment-email"), "not-an-address"),
		chromedp.SendKeys(chromedp.CSS("#comment-text"), "تعليق ثان"),
		chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")),
	)
	waitFor(t, ctx, `document.querySelector("#comment-email").getAttribute("aria-invalid") === "true"`)
	if got := eval[string](t, ctx, `document.querySelector("#respond .form-error").innerText + "|" + document.querySelector("#comment-email-error").innerText + "|" + document.querySelector("#comment-text").value`); !strings.Contains(got, "|تعليق ثان") || !strings.Contains(got, "البريد") {
		t.Errorf("after a bad address: %q", got)
	}
	if strings.Contains(eval[string](t, ctx, `document.body.innerText`), "Milipol Qatar") {
		t.Fatal("the comment shows before a moderator approved it")
	}

	// The moderator approves it from the command line.
	type listed struct {
		ID                int64
		Name, Email, Body string
	}
	var pending []listed
	for _, line := range strings.Split(strings.TrimSpace(m.cli(t, "", "comments", "list", "--json")), "\n") {
		var c listed
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		pending = append(pending, c)
	}
	if len(pending) != 1 || pending[0].Name != name || pending[0].Email != email || pending[0].Body != text {
		t.Fatalf("pending comments: %+v", pending)
	}
	m.cli(t, "", "comments", "approve", strconv.FormatInt(pending[0].ID, 10))

	do(t, ctx, chromedp.Navigate(seedURL(m.base)))
	waitFor(t, ctx, checked)
	shown := eval[string](t, ctx, `document.querySelector(".comment .comment-text").innerText`)
	if shown != text {
		t.Fatalf("the comment reads %q", shown)
	}
	for js, want := range map[string]string{
		`document.querySelector(".comment .comment-text").getAttribute("dir")`:           "auto",
		`getComputedStyle(document.querySelector(".comment .comment-text")).direction`:   "rtl",
		`getComputedStyle(document.querySelector(".comment .comment-text")).unicodeBidi`: "plaintext",
		`document.querySelector(".comment .comment-author bdi").textContent`:             name,
		`document.querySelector(".comments-title").textContent`:                          "تعليق واحد",
		`getComputedStyle(document.body).direction`:                                      "rtl",
	} {
		if got := eval[string](t, ctx, js); got != want {
			t.Errorf("%s = %q, want %q", js, got, want)
		}
	}
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		t.Errorf("the long link in the comment makes the page %d px wider than the phone", w)
	}
	if strings.Contains(eval[string](t, ctx, `document.documentElement.outerHTML`), email) {
		t.Error("the email is in the page's HTML")
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, "comment-phone.png", shot)

	// With known readers published at once, her next comment joins the
	// list in place.
	var set map[string]any
	if err := json.Unmarshal([]byte(m.cli(t, "", "settings", "get")), &set); err != nil {
		t.Fatal(err)
	}
	set["comments"].(map[string]any)["auto_approve_known"] = true
	b, _ := json.Marshal(set)
	m.cli(t, string(b), "settings", "set")
	do(t, ctx, chromedp.Navigate(seedURL(m.base)))
	waitFor(t, ctx, checked)
	time.Sleep(3500 * time.Millisecond) // a person takes a few seconds to write; faster posts are held
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#comment-name"), name),
		chromedp.SendKeys(chromedp.CSS("#comment-email"), email),
		chromedp.SendKeys(chromedp.CSS("#comment-text"), "تعليق ثان من القارئة نفسها"),
		chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")),
	)
	waitFor(t, ctx, `document.querySelectorAll(".comment-list > .comment").length === 2`)
	if got := eval[string](t, ctx, `location.search + "|" + document.querySelector(".comments-title").textContent + "|" + document.querySelector("#respond .form-notice").innerText`); !strings.HasPrefix(got, "|تعليقان|") {
		t.Errorf("after a published comment: %q", got)
	}
}
