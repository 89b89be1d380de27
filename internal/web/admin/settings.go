package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// SettingsStore reads and saves the site's settings.
type SettingsStore interface {
	Settings(ctx context.Context) (news.Settings, error)
	SaveSettings(ctx context.Context, s news.Settings) error
}

type settingsPage struct {
	view.Base
	Form  news.Settings
	Words struct{ Hold, Spam string }
	Error string
	Done  bool
}

// settings shows the site's settings to an admin.
func (a *Admin) settings(w http.ResponseWriter, r *http.Request) {
	base, err := a.page(r, "newsroom.settings.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	set, err := a.settingsStore.Settings(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := settingsPage{Base: base, Form: set, Done: r.URL.Query().Get("done") == "1"}
	page.Words.Hold, page.Words.Spam = strings.Join(set.Comments.HoldWords, "\n"), strings.Join(set.Comments.SpamWords, "\n")
	a.pages.Render(w, r, http.StatusOK, "newsroom_settings", page)
}

// saveSettings changes the fields of the form and keeps the others (ads,
// limits) as they are; settings that do not validate are not saved.
func (a *Admin) saveSettings(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	set, err := a.settingsStore.Settings(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	f := r.PostForm
	set.SiteName = strings.TrimSpace(f.Get("site_name"))
	set.Description = strings.TrimSpace(f.Get("description"))
	set.Months, set.Digits, set.Timezone = f.Get("months"), f.Get("digits"), strings.TrimSpace(f.Get("timezone"))
	set.AdBlock.Title, set.AdBlock.Text = strings.TrimSpace(f.Get("adblock_title")), strings.TrimSpace(f.Get("adblock_text"))
	set.Comments.AutoApproveKnown = f.Get("auto_approve_known") == "on"
	days, err := strconv.Atoi(strings.TrimSpace(f.Get("close_after_days")))
	if err != nil {
		days = -1 // refused by Validate
	}
	set.Comments.CloseAfterDays = days
	set.Comments.HoldWords, set.Comments.SpamWords = lines(f.Get("hold_words")), lines(f.Get("spam_words"))
	if !validMonths[set.Months] || (set.Digits != "latin" && set.Digits != "arabic") {
		err = errInvalidSettings
	} else {
		err = set.Validate()
	}
	if err != nil {
		base, perr := a.page(r, "newsroom.settings.title")
		if perr != nil {
			a.pages.Fail(w, r, perr)
			return
		}
		page := settingsPage{Base: base, Form: set, Error: a.cat.T(base.Lang, "newsroom.settings.invalid")}
		page.Words.Hold, page.Words.Spam = f.Get("hold_words"), f.Get("spam_words")
		a.pages.Render(w, r, http.StatusUnprocessableEntity, "newsroom_settings", page)
		return
	}
	if err := a.settingsStore.SaveSettings(r.Context(), set); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/settings?done=1", http.StatusSeeOther)
}

var validMonths = map[string]bool{"maghreb": true, "tunisia": true, "egypt": true, "levant": true}

var errInvalidSettings = errors.New("invalid settings")

// lines splits a textarea into its non-empty trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
