package admin

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
)

// focus moves an image's focal point, which its crops (16:9, 4:3, 1:1)
// are cut around, with the same rights as changing its texts: others'
// images answer 404. The form sends percentages of the width and height
// (the picture's click handler fills them in; without JavaScript they are
// typed).
func (p *mediaPages) focus(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		p.a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		p.a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	im, err := p.store.Image(r.Context(), id)
	if err != nil {
		p.a.pages.Fail(w, r, err)
		return
	}
	if !canDescribe(currentUser(r), im) {
		p.a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	asJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	fx, okx := percent(r.PostForm.Get("focus_x"))
	fy, oky := percent(r.PostForm.Get("focus_y"))
	if okx && oky {
		im, err = p.store.SetFocus(r.Context(), id, fx, fy)
	} else {
		err = &media.Error{Field: "focus", Key: media.KeyFocus}
	}
	if err != nil {
		me, ok := errors.AsType[*media.Error](err)
		if !ok {
			p.a.pages.Fail(w, r, err)
			return
		}
		if asJSON {
			base, err := p.a.page(r, "newsroom.media.title")
			if err != nil {
				p.a.pages.Fail(w, r, err)
				return
			}
			mediaJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": p.a.cat.T(base.Lang, me.Key), "field": me.Field})
			return
		}
		p.render(w, r, http.StatusUnprocessableEntity, mediaPage{Error: me.Key, Field: me.Field})
		return
	}
	if asJSON {
		crops := map[string]string{}
		for _, c := range im.Crops {
			crops[c.Ratio] = "/media/" + c.File
		}
		mediaJSON(w, http.StatusOK, map[string]any{"id": im.ID, "focus_x": im.FocusX, "focus_y": im.FocusY, "crops": crops})
		return
	}
	http.Redirect(w, r, "/newsroom/media?focus=1", http.StatusSeeOther)
}

// percent reads a percentage from 0 to 100 as a fraction.
func percent(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")), 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
		return 0, false
	}
	return v / 100, true
}

// FocusXPercent and FocusYPercent are the focal point as the form shows it.
func (li libraryImage) FocusXPercent() string { return percentString(li.FocusX) }

// FocusYPercent: see FocusXPercent.
func (li libraryImage) FocusYPercent() string { return percentString(li.FocusY) }

func percentString(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64)
}
