package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
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
	Form      news.Settings
	Words     struct{ Hold, Spam string }
	Analytics string
	Slots     []news.AdSlot // one per position, empty where there is no ad
	Images    []adImage     // what an ad may show
	Error     string
	Done      bool
	// The site's identity (settings_identity.go): the social links as
	// typed, the images to choose from, and each field's error.
	Social      string
	MediaImages []imageChoice
	FieldErrors map[string]string
}

// adImage is an image an ad slot may show: a house ad or an upload.
type adImage struct {
	Value, Label string
}

// fill sets what the form shows besides the settings themselves.
func (a *Admin) fill(r *http.Request, p *settingsPage) error {
	for _, pos := range news.AdPositions {
		slot, _ := p.Form.AdAt(pos)
		slot.Position = pos
		p.Slots = append(p.Slots, slot)
	}
	for _, name := range a.houseAds {
		p.Images = append(p.Images, adImage{Value: name, Label: name})
	}
	// The slots' own images are always choices, however old.
	defer func() {
		for _, slot := range p.Slots {
			if slot.Image != "" && !slices.ContainsFunc(p.Images, func(im adImage) bool { return im.Value == slot.Image }) {
				p.Images = append(p.Images, adImage{Value: slot.Image, Label: slot.Image})
			}
		}
	}()
	if a.media != nil {
		images, err := a.media.Images(r.Context(), 30)
		if err != nil {
			return err
		}
		for _, im := range images {
			if len(im.Variants) == 0 {
				continue
			}
			label := im.Alt
			if im.Caption != "" {
				label = im.Caption
			}
			p.Images = append(p.Images, adImage{Value: "media/" + im.Variants[len(im.Variants)-1].File, Label: label})
		}
	}
	return nil
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
	page := settingsPage{Base: base, Form: set, Done: r.URL.Query().Get("done") == "1", Analytics: strings.Join(set.Analytics, "\n")}
	page.Words.Hold, page.Words.Spam = strings.Join(set.Comments.HoldWords, "\n"), strings.Join(set.Comments.SpamWords, "\n")
	if err := errors.Join(a.fill(r, &page), a.fillIdentity(r, &page)); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
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
	set.Analytics = lines(f.Get("analytics"))
	// The feeds' fields, when the form has them (its checkbox is absent
	// when unticked, so the number field says the form is the full one).
	if _, ok := f["feed_items"]; ok {
		items, err := strconv.Atoi(strings.TrimSpace(f.Get("feed_items")))
		if err != nil {
			items = 0 // refused by Validate, with the field named
		}
		set.FeedItems, set.FeedFullText = items, f.Get("feed_full_text") == "on"
	}
	ads, adErr := readAds(f)
	set.Ads = ads
	readIdentity(f, &set)
	if !validMonths[set.Months] || (set.Digits != "latin" && set.Digits != "arabic") || adErr != nil {
		err = errInvalidSettings
	} else {
		err = set.Validate()
	}
	if err == nil {
		err = a.checkIdentityImages(r.Context(), set)
	}
	if err != nil {
		base, perr := a.page(r, "newsroom.settings.title")
		if perr != nil {
			a.pages.Fail(w, r, perr)
			return
		}
		page := settingsPage{Base: base, Form: set, Error: a.cat.T(base.Lang, "newsroom.settings.invalid"), Analytics: f.Get("analytics")}
		page.Words.Hold, page.Words.Spam = f.Get("hold_words"), f.Get("spam_words")
		page.Social = f.Get("social")
		if page.FieldErrors = a.fieldErrors(base.Lang, err); len(page.FieldErrors) > 0 {
			page.Error = a.cat.T(base.Lang, "newsroom.settings.invalid_field")
		}
		if err := errors.Join(a.fill(r, &page), a.fillIdentity(r, &page)); err != nil {
			a.pages.Fail(w, r, err)
			return
		}
		a.pages.Render(w, r, http.StatusUnprocessableEntity, "newsroom_settings", page)
		return
	}
	if err := a.settingsStore.SaveSettings(r.Context(), set); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/settings?done=1", http.StatusSeeOther)
}

// readAds reads the ad slots of the form; a slot without an image has no
// ad.
func readAds(f url.Values) (ads []news.AdSlot, err error) {
	for _, pos := range news.AdPositions {
		slot := news.AdSlot{Position: pos, Image: strings.TrimSpace(f.Get("ad-" + pos + "-image")),
			Link: strings.TrimSpace(f.Get("ad-" + pos + "-link")), Alt: strings.TrimSpace(f.Get("ad-" + pos + "-alt"))}
		if slot.Image == "" {
			continue
		}
		var err1, err2 error
		slot.Width, err1 = strconv.Atoi(strings.TrimSpace(f.Get("ad-" + pos + "-width")))
		slot.Height, err2 = strconv.Atoi(strings.TrimSpace(f.Get("ad-" + pos + "-height")))
		if err1 != nil || err2 != nil {
			err = errInvalidSettings // the slot is kept, for the form to show what was typed
		}
		ads = append(ads, slot)
	}
	return ads, err
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
