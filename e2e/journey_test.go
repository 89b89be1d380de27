package e2e

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNewsroomJourney is the newsroom issue's journey: an admin creates a
// contributor; the contributor writes an Arabic article with a kicker, a
// Latin name, an image and a link, and submits it; an editor schedules it a
// minute ahead and it appears on the front page and in its section on
// time; the editor fixes a typo and the revision diff shows exactly that
// change; the contributor can neither publish nor open another's draft.
func TestNewsroomJourney(t *testing.T) {
	m := startMidad(t, t.TempDir())
	m.cli(t, "the admin's long passphrase\n", "user", "add", "--email", "admin@example.ma", "--name", "مدير الموقع", "--role", "admin", "--password-stdin")
	m.cli(t, "the editor's long passphrase\n", "user", "add", "--email", "huda@example.ma", "--name", "هدى المحررة", "--role", "editor", "--password-stdin")

	// The admin creates the contributor's account.
	admin := newTab(t)
	signIn(t, admin, m.base, "admin@example.ma", "the admin's long passphrase")
	do(t, admin, chromedp.Navigate(m.base+"/newsroom/users"))
	waitFor(t, admin, `document.readyState === "complete" && !!document.querySelector("#user-name")`)
	do(t, admin,
		chromedp.SendKeys(chromedp.CSS("#user-name"), "سناء الكاتبة"),
		chromedp.SendKeys(chromedp.CSS("#user-email"), "sana@example.ma"),
		chromedp.SetValue(chromedp.CSS("#user-role"), "contributor"),
		chromedp.SendKeys(chromedp.CSS("#user-password"), "sana's long passphrase"),
		chromedp.Click(chromedp.CSS(".user-form button[type=submit]")),
	)
	waitFor(t, admin, `document.readyState === "complete" && document.querySelector(".user-list").innerText.includes("sana@example.ma")`)

	// The editor has a draft of her own, which the contributor must not see.
	editor := newTab(t)
	signIn(t, editor, m.base, "huda@example.ma", "the editor's long passphrase")
	do(t, editor, chromedp.Navigate(m.base+"/newsroom/articles/new"))
	waitFor(t, editor, `!!document.querySelector('#body[data-editor-ready="1"]')`)
	do(t, editor,
		chromedp.SendKeys(chromedp.CSS("#headline"), "مسودة المحررة السرية"),
		chromedp.SetValue(chromedp.CSS("#section"), firstSection(t, editor)),
		chromedp.Click(chromedp.CSS(`button[name=action][value=save]`)),
	)
	editorDraft := waitForArticlePage(t, editor)

	// The contributor writes.
	photo := writePhoto(t)
	sana := newTab(t)
	signIn(t, sana, m.base, "sana@example.ma", "sana's long passphrase")
	do(t, sana, chromedp.Click(chromedp.CSS(`a.button[href="/newsroom/articles/new"]`)))
	waitFor(t, sana, `location.pathname === "/newsroom/articles/new" && !!document.querySelector('#body[data-editor-ready="1"]')`)
	if eval[bool](t, sana, `!!document.querySelector("button[value=publish], button[value=schedule], #breaking")`) {
		t.Error("a contributor is offered publishing, scheduling or the breaking-news flag")
	}
	headline := "ماكرون يفتتح معرض الكتاب في الرباط"
	do(t, sana,
		chromedp.SendKeys(chromedp.CSS("#kicker"), "حدث ثقافي"),
		chromedp.SendKeys(chromedp.CSS("#headline"), headline),
		chromedp.SetValue(chromedp.CSS("#section"), firstSection(t, sana)),
		chromedp.Click(chromedp.CSS(".editor-area")),
		chromedp.SendKeys(chromedp.CSS(".editor-area"), "افتتح الرئيس الفرنسي Emmanuel Macron يوم الخيمس معرض الكتاب بحضور 2000 زائر. الموقع: "),
		// A link, through the toolbar's dialog.
		chromedp.Click(chromedp.CSS(`[role=toolbar] button[data-command=link]`)),
	)
	waitFor(t, sana, `!!document.querySelector("dialog[open] .editor-link-url")`)
	do(t, sana,
		chromedp.SendKeys(chromedp.CSS("dialog[open] .editor-link-url"), "https://www.siel.ma/"),
		chromedp.Click(chromedp.CSS("dialog[open] .editor-link-apply")),
	)
	waitFor(t, sana, `!document.querySelector("dialog.editor-dialog")`)
	// An image, uploaded through the toolbar's dialog.
	do(t, sana, chromedp.Click(chromedp.CSS(`[role=toolbar] button[data-command=image]`)))
	waitFor(t, sana, `!!document.querySelector("dialog[open] .editor-image-file")`)
	do(t, sana,
		chromedp.SetUploadFiles(chromedp.CSS("dialog[open] .editor-image-file"), []string{photo}),
		chromedp.SendKeys(chromedp.CSS("dialog[open] .editor-image-alt"), "الرئيس الفرنسي أمام رواق المعرض"),
		chromedp.SendKeys(chromedp.CSS("dialog[open] .editor-image-caption"), "افتتاح المعرض"),
		chromedp.SendKeys(chromedp.CSS("dialog[open] .editor-image-credit"), "AFP"),
		chromedp.Click(chromedp.CSS("dialog[open] .editor-image-insert")),
	)
	waitFor(t, sana, `!document.querySelector("dialog.editor-dialog") && document.querySelector("#body").value.includes("<figure")`)
	// The draft has saved itself meanwhile: the page now edits article N.
	waitFor(t, sana, `/^\/newsroom\/articles\/\d+$/.test(location.pathname) &&
		document.querySelector("[data-autosave-status]").innerText.includes("حُفظت المسودة تلقائياً")`)
	body := eval[string](t, sana, `document.querySelector("#body").value`)
	for _, want := range []string{"Emmanuel Macron", "الخيمس", `href="https://www.siel.ma/"`, `srcset="/media/`, "<small>AFP</small>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the editor's HTML lacks %q: %s", want, body)
		}
	}
	// The previews of the link follow what she types, under the site's
	// content security policy: the headline stands in for the search
	// title until she writes one, which the counter counts.
	waitFor(t, sana, `document.querySelector(".share-card-title").innerText === `+jsString(headline))
	searchTitle := "معرض الكتاب بالرباط: ماكرون يفتتح الدورة الجديدة"
	do(t, sana, chromedp.SendKeys(chromedp.CSS("#seo_title"), searchTitle))
	waitFor(t, sana, `document.querySelector(".share-card-title").innerText === `+jsString(searchTitle)+` &&
		document.querySelector(".search-result-title").innerText === `+jsString(searchTitle)+` &&
		document.querySelector("#seo_title-count [data-count-n]").innerText === "`+fmt.Sprint(len([]rune(searchTitle)))+`"`)
	// On a phone the editor fits the screen; a picture of it is kept.
	do(t, sana, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	if w := eval[int](t, sana, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
		t.Errorf("the editor page overflows a phone's width by %d px", w)
	}
	if shot, err := chromedp.Run(sana, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "newsroom-editor-phone.png", shot)
	}
	do(t, sana, chromedp.EmulateViewport(1280, 900))
	if shot, err := chromedp.Run(sana, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "newsroom-editor-desktop.png", shot)
	}
	do(t, sana, chromedp.Click(chromedp.CSS(`button[name=action][value=submit]`)))
	article := waitForArticlePage(t, sana)
	if got := eval[string](t, sana, `document.querySelector("#article-status").innerText`); got != "قيد المراجعة" {
		t.Fatalf("after submitting, the status reads %q", got)
	}

	// The contributor cannot publish (the server refuses a forged request
	// too) and cannot open the editor's draft.
	status, err := chromedp.Run(sana, chromedp.Evaluate[float64](`(async () => {
		const data = new URLSearchParams(new FormData(document.querySelector("form.article-form")));
		data.set("action", "publish");
		return (await fetch(location.pathname, {method: "POST", body: data})).status;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if status != 403 {
		t.Errorf("a contributor's forged publish: %v", status)
	}
	do(t, sana, chromedp.Navigate(m.base+editorDraft))
	waitFor(t, sana, `document.readyState === "complete"`)
	if got := eval[string](t, sana, `document.body.innerText`); !strings.Contains(got, "الصفحة غير موجودة") || strings.Contains(got, "مسودة المحررة السرية") {
		t.Errorf("the contributor opened the editor's draft: %.200s", got)
	}

	// The editor schedules it a minute ahead.
	var loc *time.Location
	do(t, editor, chromedp.Navigate(m.base+"/newsroom/articles?status=review"))
	waitFor(t, editor, `document.readyState === "complete"`)
	do(t, editor, chromedp.Click(chromedp.CSS(`.article-list a[href="`+article+`"]`)))
	waitFor(t, editor, `location.pathname === "`+article+`" && !!document.querySelector('#body[data-editor-ready="1"]')`)
	loc, err = time.LoadLocation("Africa/Casablanca") // the demo paper's time zone
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(time.Minute).Truncate(time.Second)
	// The field's value as the browser writes it: without ":00" seconds.
	value := strings.TrimSuffix(at.In(loc).Format("2006-01-02T15:04:05"), ":00")
	do(t, editor,
		chromedp.SetValue(chromedp.CSS("#publish_at"), value),
		chromedp.Click(chromedp.CSS(`button[name=action][value=schedule]`)),
	)
	waitFor(t, editor, `document.readyState === "complete" && !!document.querySelector(".form-notice")`)
	if got := eval[string](t, editor, `document.querySelector("#article-status").innerText`); got != "مجدول" {
		t.Fatalf("after scheduling, the status reads %q", got)
	}
	if onFront(t, m.base, headline) {
		t.Fatal("the article is on the front page before its time")
	}
	for !onFront(t, m.base, headline) {
		if time.Since(at) > 30*time.Second {
			t.Fatalf("the article was not published on time (due %s)", at)
		}
		time.Sleep(time.Second)
	}
	if early := time.Until(at); early > time.Second {
		t.Fatalf("the article went out %s early", early)
	}
	// A reader sees it on the front page and in its section.
	reader := newTab(t)
	do(t, reader, chromedp.Navigate(m.base+"/"))
	waitFor(t, reader, `document.readyState === "complete"`)
	if !eval[bool](t, reader, `[...document.querySelectorAll("main a")].some(a => a.innerText.includes(`+jsString(headline)+`))`) {
		t.Fatal("the front page has no link to the article")
	}
	do(t, reader, chromedp.Click(chromedp.CSS(".section-link, .sections li:nth-child(2) a")))
	waitFor(t, reader, `document.readyState === "complete" && location.pathname.startsWith("/section/")`)
	if !eval[bool](t, reader, `document.querySelector("main").innerText.includes(`+jsString(headline)+`)`) {
		t.Error("the section page does not list the article")
	}
	// On its page: the figure's image loads, the link and the Latin name are there.
	do(t, reader, chromedp.Navigate(m.base+"/"))
	waitFor(t, reader, `document.readyState === "complete"`)
	do(t, reader, chromedp.Click(chromedp.CSS(`main a[href^="/article/"]`)))
	waitFor(t, reader, `document.readyState === "complete" && location.pathname.startsWith("/article/")`)
	if got := eval[string](t, reader, `document.querySelector("h1.headline").innerText`); got != headline {
		t.Fatalf("the newest article on the front page is %q", got)
	}
	waitFor(t, reader, `(() => { const i = document.querySelector(".article-body figure img"); return i && i.complete && i.naturalWidth > 0 })()`)
	if got := eval[string](t, reader, `document.querySelector(".article-body").innerText`); !strings.Contains(got, "Emmanuel Macron") || !strings.Contains(got, "AFP") {
		t.Errorf("the article body reads %q", got)
	}
	if got := eval[string](t, reader, `document.querySelector(".article-body a").href`); got != "https://www.siel.ma/" {
		t.Errorf("the link goes to %q", got)
	}
	articleURL := eval[string](t, reader, `location.pathname`)

	// The editor fixes the typo.
	do(t, editor, chromedp.Navigate(m.base+article))
	waitFor(t, editor, `!!document.querySelector('#body[data-editor-ready="1"]')`)
	selected := eval[bool](t, editor, `(() => {
		const area = document.querySelector(".editor-area");
		const walk = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const i = n.data.indexOf("الخيمس");
			if (i >= 0) {
				area.focus();
				getSelection().setBaseAndExtent(n, i, n, i + "الخيمس".length);
				return true;
			}
		}
		return false;
	})()`)
	if !selected {
		t.Fatal("the typo is not in the editor")
	}
	do(t, editor, chromedp.KeyEvent("الخميس"))
	waitFor(t, editor, `document.querySelector("#body").value.includes("الخميس")`)
	do(t, editor, chromedp.Click(chromedp.CSS(`button[name=action][value=save]`)))
	waitFor(t, editor, `document.readyState === "complete" && location.search.includes("saved=1")`)
	do(t, editor, chromedp.Click(chromedp.CSS(`a[href="`+article+`/revisions"]`)))
	waitFor(t, editor, `document.readyState === "complete" && !!document.querySelector(".revision-compare")`)
	do(t, editor, chromedp.Click(chromedp.CSS(".revision-compare button[type=submit]")))
	waitFor(t, editor, `document.readyState === "complete" && !!document.querySelector(".comparison")`)
	changes := eval[[]string](t, editor, `[...document.querySelectorAll(".comparison ins, .comparison del")].map(e => e.tagName + ":" + e.lastChild.textContent.trim())`)
	if strings.Join(changes, " ") != "DEL:الخيمس INS:الخميس" {
		t.Errorf("the revision diff shows %q", changes)
	}
	if got := eval[[]string](t, editor, `[...document.querySelectorAll(".comparison h3")].map(e => e.innerText)`); len(got) != 1 || got[0] != "نص المقال" {
		t.Errorf("the diff names the fields %q", got)
	}
	if shot, err := chromedp.Run(editor, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "newsroom-revision-diff.png", shot)
	}

	// Readers see the correction and when it was made.
	do(t, reader, chromedp.Navigate(m.base+articleURL))
	waitFor(t, reader, `document.readyState === "complete"`)
	if got := eval[string](t, reader, `document.querySelector(".article-body").innerText`); !strings.Contains(got, "الخميس") || strings.Contains(got, "الخيمس") {
		t.Errorf("the corrected article reads %q", got)
	}
}

func signIn(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/newsroom/login"))
	waitFor(t, ctx, `document.readyState === "complete" && !!document.querySelector("#login-email")`)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#login-email"), email),
		chromedp.SendKeys(chromedp.CSS("#login-password"), password),
		chromedp.Click(chromedp.CSS(".login button[type=submit]")),
	)
	waitFor(t, ctx, `location.pathname === "/newsroom/" && document.readyState === "complete"`)
}

// firstSection is the value of the section list's first real choice.
func firstSection(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `document.querySelector("#section option[value]:not([value=''])").value`)
}

var articlePage = regexp.MustCompile(`^/newsroom/articles/\d+$`)

// waitForArticlePage waits for the editor page of a saved article and
// returns its path.
func waitForArticlePage(t *testing.T, ctx context.Context) string {
	t.Helper()
	waitFor(t, ctx, `document.readyState === "complete" && /^\/newsroom\/articles\/\d+$/.test(location.pathname) && !!document.querySelector(".form-notice")`)
	path := eval[string](t, ctx, `location.pathname`)
	if !articlePage.MatchString(path) {
		t.Fatalf("not an article page: %s", path)
	}
	return path
}

func onFront(t *testing.T, base, headline string) bool {
	t.Helper()
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(b), headline)
}

// writePhoto saves a 1200×800 JPEG for the upload.
func writePhoto(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := range 800 {
		for x := range 1200 {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), 120, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "photo.jpg")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }
