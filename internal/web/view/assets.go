package view

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"slices"
	"strings"
)

//go:embed static ads
var staticFS embed.FS

// Asset is one embedded file ready to serve.
type Asset struct {
	Name        string // the file's hashed name, or its plain name under ads/
	ContentType string
	Body        []byte
	ETag        string
}

// Assets serves the embedded static files under content-hashed names
// (site.3f9a1c2b.css), so that browsers may cache them for a year, and the
// ad files under their own fixed names.
type Assets struct {
	byPlain  map[string]string // site.css → site.3f9a1c2b.css
	byHashed map[string]*Asset
	ads      map[string]*Asset // ads.js, house/x.svg
}

func newAssets() (*Assets, error) {
	a := &Assets{byPlain: map[string]string{}, byHashed: map[string]*Asset{}, ads: map[string]*Asset{}}
	err := fs.WalkDir(staticFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(staticFS, p)
		if err != nil {
			return err
		}
		if path.Ext(p) == ".css" {
			body = []byte(minifyCSS(string(body))) // the hash names what is served
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		ext := path.Ext(p)
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			return fmt.Errorf("asset %s: unknown type", p)
		}
		if rest, ok := strings.CutPrefix(p, "ads/"); ok {
			a.ads[rest] = &Asset{Name: rest, ContentType: ctype, Body: body, ETag: etag}
			return nil
		}
		plain := strings.TrimPrefix(p, "static/")
		hashed := strings.TrimSuffix(plain, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.byPlain[plain] = hashed
		a.byHashed[hashed] = &Asset{Name: hashed, ContentType: ctype, Body: body, ETag: etag}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load assets: %w", err)
	}
	return a, nil
}

// URL returns the hashed path of a static file. A missing file is an error
// that fails the page's rendering, and the template tests with it.
func (a *Assets) URL(plain string) (string, error) {
	h, ok := a.byPlain[plain]
	if !ok {
		return "", fmt.Errorf("no static asset %q", plain)
	}
	return "/static/" + h, nil
}

// Static returns the file served at /static/{hashed}.
func (a *Assets) Static(hashed string) (*Asset, bool) {
	f, ok := a.byHashed[hashed]
	return f, ok
}

// Ad returns the file served at /ads/{name}.
func (a *Assets) Ad(name string) (*Asset, bool) {
	f, ok := a.ads[name]
	return f, ok
}

// HouseAds lists the house ads' image files (under /ads/house/), by name.
func (a *Assets) HouseAds() []string {
	var out []string
	for name := range a.ads {
		if rest, ok := strings.CutPrefix(name, "house/"); ok {
			out = append(out, rest)
		}
	}
	slices.Sort(out)
	return out
}
