package news

// Settings are the newspaper's own choices that the newsroom can change
// without a restart: its name, how dates are written, its ads and the
// notice shown to readers who block them.
type Settings struct {
	SiteName    string   `json:"site_name"`
	Description string   `json:"description"`
	Lang        string   `json:"lang"`
	Months      string   `json:"months"`   // i18n month style: maghreb, tunisia, egypt, levant
	Digits      string   `json:"digits"`   // i18n digit style: latin, arabic
	Timezone    string   `json:"timezone"` // IANA name, e.g. Africa/Casablanca
	Ads         []AdSlot `json:"ads"`
	AdBlock     AdBlock  `json:"adblock"`
}

// AdSlot is one advertisement placed by the site at a named position on
// its pages. A house ad is an image with a link; the image is served under
// /ads/ like any real ad, so a reader's blocker treats it as one.
type AdSlot struct {
	Position string `json:"position"` // where it shows: "header", "article"
	Image    string `json:"image"`    // file name under /ads/house/
	Link     string `json:"link"`     // where a click goes; a site path or an http(s) URL
	Alt      string `json:"alt"`      // the image's alternative text
	Width    int    `json:"width"`
	Height   int    `json:"height"`
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
		SiteName:    "مداد",
		Description: "أخبار المغرب والعالم",
		Lang:        "ar",
		Months:      "maghreb",
		Digits:      "latin",
		Timezone:    "Africa/Casablanca",
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
