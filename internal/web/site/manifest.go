package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// webManifest is the web app manifest (W3C "Web Application Manifest"):
// what a phone needs to put the site on its home screen.
type webManifest struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description,omitempty"`
	Dir             string         `json:"dir"`
	Lang            string         `json:"lang"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	ThemeColor      string         `json:"theme_color"`
	BackgroundColor string         `json:"background_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

// maxShortName is how many characters a home screen shows under an icon.
const maxShortName = 12

// newManifest describes the site from its settings.
func newManifest(set news.Settings) webManifest {
	v := view.NewIcons(set).Version
	return webManifest{
		ID: "/", Name: set.SiteName, ShortName: shortName(set.SiteName), Description: set.Description,
		Dir: i18n.Dir(set.Lang), Lang: set.Lang, StartURL: "/", Scope: "/", Display: "standalone",
		ThemeColor: set.ThemeColor, BackgroundColor: "#ffffff",
		Icons: []manifestIcon{
			{Src: view.AppSmallPath + v, Sizes: "192x192", Type: "image/png", Purpose: "any"},
			{Src: view.AppLargePath + v, Sizes: "512x512", Type: "image/png", Purpose: "any"},
		},
	}
}

// shortName is the site's name if it is short, else its first word, cut
// to maxShortName characters.
func shortName(name string) string {
	if utf8.RuneCountInString(name) <= maxShortName {
		return name
	}
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	r := []rune(name)
	return string(r[:min(len(r), maxShortName)])
}

// manifest serves /manifest.webmanifest.
func (s *Site) manifest(w http.ResponseWriter, r *http.Request) {
	set, err := s.content.Settings(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	body, err := json.Marshal(newManifest(set))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", "application/manifest+json")
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
