package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
)

// imageChoice is an uploaded image the identity settings may name.
type imageChoice struct {
	ID    int64
	Label string
}

// identityImages are the settings' image fields, by form field.
var identityImages = []string{"logo", "icon", "share_image"}

// readIdentity reads the site's identity from the form; a field the form
// does not carry keeps its value. An image id that is not a number is
// kept as -1, which Validate refuses.
func readIdentity(f url.Values, set *news.Settings) {
	for _, field := range identityImages {
		if _, ok := f[field]; !ok {
			continue
		}
		id := int64(0)
		if v := strings.TrimSpace(f.Get(field)); v != "" {
			var err error
			if id, err = strconv.ParseInt(v, 10, 64); err != nil || id < 0 {
				id = -1
			}
		}
		*imageField(set, field) = id
	}
	if _, ok := f["social"]; ok {
		set.Social = lines(f.Get("social"))
	}
	if _, ok := f["twitter"]; ok {
		set.Twitter = strings.TrimSpace(f.Get("twitter"))
	}
	if _, ok := f["locale"]; ok {
		set.Locale = strings.TrimSpace(f.Get("locale"))
	}
	if _, ok := f["theme_color"]; ok {
		set.ThemeColor = strings.TrimSpace(f.Get("theme_color"))
	}
}

func imageField(set *news.Settings, field string) *int64 {
	switch field {
	case "logo":
		return &set.Logo
	case "icon":
		return &set.Icon
	}
	return &set.ShareImage
}

// checkIdentityImages refuses an image id that names no uploaded image.
func (a *Admin) checkIdentityImages(ctx context.Context, set news.Settings) error {
	var errs []error
	for _, field := range identityImages {
		id := *imageField(&set, field)
		if id == 0 {
			continue
		}
		if a.media == nil {
			errs = append(errs, &news.FieldError{Field: field, Key: "settings.error.image"})
			continue
		}
		if _, err := a.media.Image(ctx, id); errors.Is(err, news.ErrNotFound) {
			errs = append(errs, &news.FieldError{Field: field, Key: "settings.error.image"})
		} else if err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

// fieldErrors are the messages of the field errors in err, by field.
func (a *Admin) fieldErrors(lang string, err error) map[string]string {
	out := map[string]string{}
	var walk func(error)
	walk = func(err error) {
		if fe, ok := err.(*news.FieldError); ok {
			if _, seen := out[fe.Field]; !seen {
				out[fe.Field] = a.cat.T(lang, fe.Key)
			}
			return
		}
		switch e := err.(type) {
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// fillIdentity lists the images the identity settings may choose: the
// latest uploads, and the ones chosen already, however old.
func (a *Admin) fillIdentity(r *http.Request, p *settingsPage) error {
	if p.Social == "" {
		p.Social = strings.Join(p.Form.Social, "\n")
	}
	if a.media == nil {
		return nil
	}
	images, err := a.media.Images(r.Context(), 30)
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	add := func(im news.Image) {
		if seen[im.ID] {
			return
		}
		seen[im.ID] = true
		label := im.Alt
		if im.Caption != "" {
			label = im.Caption
		}
		if label == "" {
			label = "#" + strconv.FormatInt(im.ID, 10)
		}
		p.MediaImages = append(p.MediaImages, imageChoice{ID: im.ID, Label: label})
	}
	for _, im := range images {
		add(im)
	}
	for _, field := range identityImages {
		if id := *imageField(&p.Form, field); id > 0 && !seen[id] {
			if im, err := a.media.Image(r.Context(), id); err == nil {
				add(im)
			}
		}
	}
	return nil
}
