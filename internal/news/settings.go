package news

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Settings are the newspaper's own choices that the newsroom can change
// without a restart: its name, how dates are written, its ads and the
// notice shown to readers who block them.
type Settings struct {
	SiteName    string          `json:"site_name"`
	Description string          `json:"description"`
	Lang        string          `json:"lang"`
	Months      string          `json:"months"`   // i18n month style: maghreb, tunisia, egypt, levant
	Digits      string          `json:"digits"`   // i18n digit style: latin, arabic
	Timezone    string          `json:"timezone"` // IANA name, e.g. Africa/Casablanca
	Ads         []AdSlot        `json:"ads"`
	AdBlock     AdBlock         `json:"adblock"`
	Comments    CommentSettings `json:"comments"`
	Front       FrontPage       `json:"front"`
	// Analytics are the addresses (https) of the analytics scripts the
	// reader pages load; their origins are added to the pages' content
	// security policy. The newsroom never loads them.
	Analytics []string `json:"analytics,omitempty"`
	// Feeds: how many of the newest articles a feed lists, and whether it
	// carries their full text or their summary only.
	FeedItems    int  `json:"feed_items"`
	FeedFullText bool `json:"feed_full_text"`
	// Identity on the web: the logo, the site icon (favicon, touch icon and
	// web app icons are made from it) and the share image used when a page
	// has none, each an uploaded image's id (0: none); the profiles on social
	// networks (https addresses), the Twitter/X handle ("@name"), the locale
	// of share cards ("ar_MA") and the browser's theme colour ("#rrggbb").
	Logo       int64    `json:"logo,omitempty"`
	Icon       int64    `json:"icon,omitempty"`
	ShareImage int64    `json:"share_image,omitempty"`
	Social     []string `json:"social,omitempty"`
	Twitter    string   `json:"twitter,omitempty"`
	Locale     string   `json:"locale"`
	ThemeColor string   `json:"theme_color"`
}

// MaxAnalytics is how many analytics scripts the settings accept.
const MaxAnalytics = 5

// MaxFeedItems is the most articles a feed may list: more would make every
// reader's poll a large download.
const MaxFeedItems = 500

// FrontPage is the editors' choice for the front page: the lead story and
// the featured ones, by article id, in order. Zero and empty mean the
// newest article leads and nothing is featured.
type FrontPage struct {
	Lead     int64   `json:"lead,omitempty"`
	Featured []int64 `json:"featured,omitempty"`
}

// CommentSettings are the newsroom's rules for readers' comments.
type CommentSettings struct {
	// AutoApproveKnown publishes at once the comment of a reader whose
	// earlier comment, under the same email, was approved.
	AutoApproveKnown bool `json:"auto_approve_known"`
	// CloseAfterDays closes comments on articles older than this; 0 never.
	CloseAfterDays int `json:"close_after_days"`
	// MaxLength is the longest comment, in characters.
	MaxLength int `json:"max_length"`
	// MinSeconds is the least time between loading the form and posting it
	// that a person needs; faster posts are held for moderation.
	MinSeconds int `json:"min_seconds"`
	// MaxAgeHours is how long a loaded form stays valid.
	MaxAgeHours int `json:"max_age_hours"`
	// MaxLinks is the most links a comment may carry before it is held.
	MaxLinks int `json:"max_links"`
	// PerIP and PerEmail are how many comments one address or one email
	// may post within WindowMinutes; 0 means no limit.
	PerIP         int `json:"per_ip"`
	PerEmail      int `json:"per_email"`
	WindowMinutes int `json:"window_minutes"`
	// HoldWords hold a comment for moderation, SpamWords mark it as spam;
	// both match after Arabic normalization (diacritics, tatweel, letter
	// variants) and ignore case.
	HoldWords []string `json:"hold_words"`
	SpamWords []string `json:"spam_words"`
}

// AdSlot is one advertisement placed by the site at a named position on
// its pages. A house ad is an image with a link; the image is served under
// /ads/ like any real ad, so a reader's blocker treats it as one.
type AdSlot struct {
	Position string `json:"position"` // where it shows: "header", "article"
	// Image is a file name under /ads/house/, or "media/" and the file of
	// an uploaded image, served under /ads/media/.
	Image  string `json:"image"`
	Link   string `json:"link"` // where a click goes; a site path or an http(s) URL
	Alt    string `json:"alt"`  // the image's alternative text
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// AdPositions are the places on the pages where an ad may show.
var AdPositions = []string{"header", "article"}

// Src is the address of the ad's image, always under /ads/ where blockers
// look for ads.
func (a AdSlot) Src() string {
	if strings.HasPrefix(a.Image, "media/") {
		return "/ads/" + a.Image
	}
	return "/ads/house/" + a.Image
}

// AdBlock holds the texts of the notice shown when a reader's browser blocks
// the site's ads. An empty notice disables it.
type AdBlock struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// DefaultSettings are what a new site starts with: a Moroccan daily's
// conventions, written in Arabic.
func DefaultSettings() Settings {
	return Settings{
		SiteName:     "مداد",
		Description:  "أخبار المغرب والعالم",
		Lang:         "ar",
		Months:       "maghreb",
		Digits:       "latin",
		Timezone:     "Africa/Casablanca",
		FeedItems:    50,
		FeedFullText: true,
		Locale:       "ar_MA",
		ThemeColor:   "#b3121f",
		Comments: CommentSettings{
			MaxLength:     5000,
			MinSeconds:    3,
			MaxAgeHours:   24,
			MaxLinks:      2,
			PerIP:         10,
			PerEmail:      5,
			WindowMinutes: 10,
		},
		AdBlock: AdBlock{
			Title: "انت تستخدم إضافة تمنع الإعلانات",
			Text:  "نود أن نشكركم على زيارتكم لموقعنا. لكننا نود أيضًا تقديم تجربة مميزة ومثيرة لكم. لكن يبدو أن مانع الإعلانات الذي تستخدمونه يعيقنا في تقديم أفضل ما لدينا.",
		},
	}
}

// AdAt returns the ad placed at position, if any.
func (s Settings) AdAt(position string) (AdSlot, bool) {
	for _, a := range s.Ads {
		if a.Position == position {
			return a, true
		}
	}
	return AdSlot{}, false
}

// Validate checks settings before they are saved, so that a typo cannot
// take the site down or silently disable a check.
func (s Settings) Validate() error {
	var errs []error
	if strings.TrimSpace(s.SiteName) == "" {
		errs = append(errs, errors.New("site_name is required"))
	}
	if s.Lang != "ar" && s.Lang != "fr" {
		errs = append(errs, fmt.Errorf("lang %q: want ar or fr", s.Lang))
	}
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" {
		errs = append(errs, fmt.Errorf("timezone %q: not a known IANA zone", s.Timezone))
	}
	c := s.Comments
	for name, v := range map[string]int{"max_length": c.MaxLength, "max_age_hours": c.MaxAgeHours, "window_minutes": c.WindowMinutes} {
		if v <= 0 {
			errs = append(errs, fmt.Errorf("comments.%s must be positive", name))
		}
	}
	for name, v := range map[string]int{"close_after_days": c.CloseAfterDays, "min_seconds": c.MinSeconds, "max_links": c.MaxLinks,
		"per_ip": c.PerIP, "per_email": c.PerEmail} {
		if v < 0 {
			errs = append(errs, fmt.Errorf("comments.%s must not be negative", name))
		}
	}
	for _, a := range s.Ads {
		name := strings.TrimPrefix(a.Image, "media/")
		if !slices.Contains(AdPositions, a.Position) || name == "" || strings.Contains(name, "..") ||
			strings.ContainsAny(name, "\\?#% ") || (name == a.Image && strings.Contains(name, "/")) {
			errs = append(errs, fmt.Errorf("ad %+v: a known position and an image file name are required", a))
		}
		if !validLink(a.Link) {
			errs = append(errs, fmt.Errorf("ad link %q: want a site path or an http(s) address", a.Link))
		}
		if a.Width < 0 || a.Width > 4000 || a.Height < 0 || a.Height > 4000 {
			errs = append(errs, fmt.Errorf("ad %s: size out of range", a.Position))
		}
	}
	if s.FeedItems < 1 || s.FeedItems > MaxFeedItems {
		errs = append(errs, fmt.Errorf("feed_items %d: want 1 to %d: %w", s.FeedItems, MaxFeedItems,
			&FieldError{"feed_items", "settings.error.feed_items"}))
	}
	if len(s.Analytics) > MaxAnalytics {
		errs = append(errs, fmt.Errorf("analytics: at most %d scripts", MaxAnalytics))
	}
	for _, src := range s.Analytics {
		// The origin goes into the pages' content security policy: nothing
		// but a plain host (and port) may reach it.
		u, err := url.Parse(src)
		if err != nil || u.Scheme != "https" || !hostPattern.MatchString(u.Host) || u.User != nil || len(src) > 500 ||
			strings.ContainsAny(src, " '\"<>;,*") {
			errs = append(errs, fmt.Errorf("analytics script %q: want an https address", src))
		}
	}
	errs = append(errs, s.validateIdentity()...)
	return errors.Join(errs...)
}

// hostPattern is a host name with an optional port.
var hostPattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:[0-9]{1,5})?$`)

// validLink accepts an ad's click-through: a path on the site, or an
// http(s) address.
func validLink(link string) bool {
	if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") {
		return true
	}
	u, err := url.Parse(link)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// ScriptOrigins are the origins of the analytics scripts, for the content
// security policy.
func (s Settings) ScriptOrigins() []string {
	var out []string
	for _, src := range s.Analytics {
		if u, err := url.Parse(src); err == nil && u.Scheme == "https" && hostPattern.MatchString(u.Host) {
			if o := "https://" + u.Host; !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}
