package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"net/http"
	"sync"
	"time"

	"github.com/midad/midad/internal/icon"
	"github.com/midad/midad/internal/news"
)

// IconSource reads the uploaded picture the site's icons are made from.
type IconSource interface {
	Image(ctx context.Context, id int64) (news.Image, error)
	Largest(ctx context.Context, id int64) (image.Image, news.Image, error)
}

// iconCache keeps the icons made last, under the key of what they were
// made from: the icon's id, its largest file and focal point, or the
// theme colour of the default icon. A change of setting or of focal point
// changes the key, and the next request makes them again.
type iconCache struct {
	mu  sync.Mutex
	key string
	set *icon.Set
}

// iconSet returns the site's icons, made if the settings changed.
func (s *Site) iconSet(ctx context.Context) (*icon.Set, error) {
	set, err := s.content.Settings(ctx)
	if err != nil {
		return nil, err
	}
	key := "default " + set.ThemeColor
	var im news.Image
	if set.Icon != 0 && s.iconSource != nil {
		im, err = s.iconSource.Image(ctx, set.Icon)
		switch {
		case err == nil && len(im.Variants) > 0:
			key = fmt.Sprintf("image %d %s %g %g", im.ID, im.Variants[len(im.Variants)-1].File, im.FocusX, im.FocusY)
		case err != nil && !errors.Is(err, news.ErrNotFound):
			return nil, err
		}
		// An image deleted since it was chosen: the default icon.
	}
	c := &s.icons
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key == key && c.set != nil {
		return c.set, nil
	}
	var made *icon.Set
	if im.ID != 0 && key != "default "+set.ThemeColor {
		img, _, err := s.iconSource.Largest(ctx, im.ID)
		if err == nil {
			made, err = icon.Make(img, im.FocusX, im.FocusY)
		}
		if err != nil {
			// The site keeps an icon: the default one, until the
			// setting or the picture changes (logged once, not at
			// every request).
			s.log.ErrorContext(ctx, "site icon", "image", im.ID, "err", err)
			made = nil
		}
	}
	if made == nil {
		if made, err = icon.Default(set.ThemeColor); err != nil {
			return nil, err
		}
	}
	c.key, c.set = key, made
	return made, nil
}

// iconFile serves one of the icons. Browsers ask for /favicon.ico whatever
// the page says, so it always answers, with the default icon at least.
func (s *Site) iconFile(contentType string, pick func(*icon.Set) []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		set, err := s.iconSet(r.Context())
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		// The pages link the icons with a version that follows the
		// settings; an hour bounds how long a focal point's change
		// takes to reach those who ask without it.
		h.Set("Cache-Control", "public, max-age=3600")
		h.Set("ETag", set.ETag())
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(pick(set)))
	}
}
