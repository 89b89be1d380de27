package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// MediaStore takes uploaded images and lists them.
type MediaStore interface {
	Upload(ctx context.Context, src io.Reader, meta media.Meta) (news.Image, error)
	Images(ctx context.Context, limit int) ([]news.Image, error)
	Image(ctx context.Context, id int64) (news.Image, error)
	Describe(ctx context.Context, id int64, meta media.Meta) (news.Image, error)
	SetFocus(ctx context.Context, id int64, fx, fy float64) (news.Image, error)
	MaxBytes() int64
}

var _ MediaStore = (*media.Service)(nil)

// libraryLength is how many of the latest images the library shows.
const libraryLength = 60

// thumbWidth is the width the library shows each image at, in CSS pixels.
const thumbWidth = 240

// mediaPages are the media library's handlers.
type mediaPages struct {
	a     *Admin
	store MediaStore
}

// MediaRoutes registers the media library on mux: anyone in the newsroom
// may upload a picture.
func (a *Admin) MediaRoutes(mux *http.ServeMux, store MediaStore) {
	p := &mediaPages{a: a, store: store}
	mux.Handle("GET /newsroom/media", a.require(news.Contributor, p.library))
	mux.Handle("POST /newsroom/media", a.require(news.Contributor, p.upload))
	mux.Handle("POST /newsroom/media/{id}", a.require(news.Contributor, p.describe))
	mux.Handle("POST /newsroom/media/{id}/focus", a.require(news.Contributor, p.focus))
}

// canDescribe reports whether u may change what is said about im: its
// uploader, and editors.
func canDescribe(u news.User, im news.Image) bool {
	return u.Role.AtLeast(news.Editor) || (im.UploadedBy != 0 && im.UploadedBy == u.ID)
}

// describe changes an image's alt text, caption and credit; its files
// never change. Others' images answer 404, as if they did not exist.
func (p *mediaPages) describe(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		p.a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
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
	meta := media.Meta{Alt: r.PostForm.Get("alt"), Caption: r.PostForm.Get("caption"), Credit: r.PostForm.Get("credit")}
	if _, err := p.store.Describe(r.Context(), id, meta); err != nil {
		if me, ok := errors.AsType[*media.Error](err); ok {
			p.render(w, r, http.StatusUnprocessableEntity, mediaPage{Error: me.Key, Field: me.Field})
			return
		}
		p.a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/media?done=1", http.StatusSeeOther)
}

type mediaPage struct {
	view.Base
	User   news.User
	Images []libraryImage
	Form   media.Meta
	Error  string
	Field  string // the field at fault: file, alt, caption or credit
	Done   bool
	// FocusDone says a focal point was saved and the crops cut again.
	FocusDone bool
}

// libraryImage is an image with the size of its thumbnail.
type libraryImage struct {
	news.Image
	Thumb                   string // the smallest variant's address
	ThumbWidth, ThumbHeight int
	Editable                bool // the viewer may change its texts
}

// library shows the upload form and the latest images.
func (p *mediaPages) library(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, http.StatusOK, mediaPage{Done: r.URL.Query().Get("done") == "1", FocusDone: r.URL.Query().Get("focus") == "1"})
}

func (p *mediaPages) render(w http.ResponseWriter, r *http.Request, status int, page mediaPage) {
	base, err := p.a.page(r, "newsroom.media.title")
	if err != nil {
		p.a.pages.Fail(w, r, err)
		return
	}
	page.Base = base
	page.User = currentUser(r)
	if page.Error != "" {
		page.Error = p.a.cat.T(base.Lang, page.Error)
	}
	list, err := p.store.Images(r.Context(), libraryLength)
	if err != nil {
		p.a.pages.Fail(w, r, err)
		return
	}
	for _, im := range list {
		li := newLibraryImage(im)
		li.Editable = canDescribe(page.User, im)
		page.Images = append(page.Images, li)
	}
	p.a.pages.Render(w, r, status, "newsroom_media", page)
}

func newLibraryImage(im news.Image) libraryImage {
	li := libraryImage{Image: im}
	if len(im.Variants) == 0 {
		return li
	}
	v := im.Variants[0]
	li.Thumb = "/media/" + v.File
	li.ThumbWidth, li.ThumbHeight = min(thumbWidth, v.Width), v.Height
	if v.Width > thumbWidth {
		li.ThumbHeight = max(1, v.Height*thumbWidth/v.Width)
	}
	return li
}

// uploadForm is what the upload form sent.
type uploadForm struct {
	meta media.Meta
	file io.ReadCloser
}

// errMalformedForm marks an upload body that is not a well-formed form.
var errMalformedForm = errors.New("malformed multipart form")

// readUploadForm parses the multipart form: small parts in memory, the
// rest in temporary files that are removed when the request ends. A
// missing file is the service's "empty" error.
func readUploadForm(r *http.Request) (uploadForm, error) {
	var f uploadForm
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return f, &media.Error{Field: "file", Key: media.KeyTooBig}
		}
		// Anything else is a body no browser sends (an unterminated part,
		// too many parts, a header that does not parse): the client's
		// fault, answered 400.
		return f, fmt.Errorf("%w: %w", errMalformedForm, err)
	}
	f.meta = media.Meta{Alt: r.PostForm.Get("alt"), Caption: r.PostForm.Get("caption"), Credit: r.PostForm.Get("credit")}
	file, _, err := r.FormFile("file")
	if err != nil {
		return f, &media.Error{Field: "file", Key: media.KeyEmpty}
	}
	f.file = file
	return f, nil
}

// upload stores a picture sent from the library's form, or from the
// article editor, which asks for JSON.
func (p *mediaPages) upload(w http.ResponseWriter, r *http.Request) {
	// A large photograph over a slow line takes longer than the server's
	// usual read timeout.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(5 * time.Minute))
	rc.SetWriteDeadline(time.Now().Add(6 * time.Minute))
	r.Body = http.MaxBytesReader(w, r.Body, p.store.MaxBytes()+64<<10)
	defer func() {
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll()
		}
	}()
	asJSON := strings.Contains(r.Header.Get("Accept"), "application/json")

	form, err := readUploadForm(r)
	if err == nil {
		defer form.file.Close()
		form.meta.UploadedBy = currentUser(r).ID
		var im news.Image
		im, err = p.store.Upload(r.Context(), form.file, form.meta)
		if err == nil {
			if asJSON {
				mediaJSON(w, http.StatusCreated, map[string]any{
					"id": im.ID, "src": im.Src(), "srcset": im.SrcSet(), "width": im.Width, "height": im.Height,
					"alt": im.Alt, "caption": im.Caption, "credit": im.Credit,
				})
				return
			}
			http.Redirect(w, r, "/newsroom/media?done=1", http.StatusSeeOther)
			return
		}
	}

	me, ok := errors.AsType[*media.Error](err)
	if !ok {
		if errors.Is(err, http.ErrNotMultipart) || errors.Is(err, http.ErrMissingBoundary) || errors.Is(err, errMalformedForm) {
			p.a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
			return
		}
		p.a.pages.Fail(w, r, err)
		return
	}
	status := http.StatusUnprocessableEntity
	if me.Key == media.KeyTooBig {
		status = http.StatusRequestEntityTooLarge
	}
	if asJSON {
		base, err := p.a.page(r, "newsroom.media.title")
		if err != nil {
			p.a.pages.Fail(w, r, err)
			return
		}
		mediaJSON(w, status, map[string]string{"error": p.a.cat.T(base.Lang, me.Key), "field": me.Field})
		return
	}
	p.render(w, r, status, mediaPage{Form: form.meta, Error: me.Key, Field: me.Field})
}

func mediaJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
