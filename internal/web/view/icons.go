package view

import (
	"hash/fnv"
	"strconv"

	"github.com/midad/midad/internal/news"
)

// The addresses of the site's icons and web app manifest.
const (
	FaviconPath  = "/favicon.ico"
	TouchPath    = "/apple-touch-icon.png"
	AppSmallPath = "/icon-192.png"
	AppLargePath = "/icon-512.png"
	ManifestPath = "/manifest.webmanifest"
)

// Icons are the site's icons and colours as the head links them.
type Icons struct {
	Favicon    string // the favicon's address, with a version that changes with the setting
	Touch      string // Apple's touch icon
	Manifest   string // the web app manifest
	ThemeColor string // "#rrggbb", for <meta name="theme-color">
	Version    string // "?v=…", added to the icons' addresses
}

// NewIcons links the icons made from the settings' icon (or the default
// one on the theme colour). The addresses carry a version drawn from the
// settings, so that browsers fetch the new icons as soon as they change.
func NewIcons(set news.Settings) Icons {
	h := fnv.New32a()
	h.Write([]byte(strconv.FormatInt(set.Icon, 10) + " " + set.ThemeColor + " " + set.SiteName))
	v := "?v=" + strconv.FormatUint(uint64(h.Sum32()), 36)
	return Icons{Favicon: FaviconPath + v, Touch: TouchPath + v, Manifest: ManifestPath + v, ThemeColor: set.ThemeColor, Version: v}
}
