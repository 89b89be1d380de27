package media

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
)

// fileName is the shape of every file Upload writes: year/month/random-width.ext
// for a variant, year/month/random-ratio-token-width.ext for a crop.
// Nothing else under the directory is ever served.
var fileName = regexp.MustCompile(`^[0-9]{4}/[0-9]{2}/([0-9a-f]{32}(?:-(?:16x9|4x3|1x1)-[0-9a-f]{8})?-[0-9]{1,5})\.(jpg|png)$`)

var fileTypes = map[string]string{"jpg": "image/jpeg", "png": "image/png"}

// Files serves the variants written under dir at /media/<file>; see Serve.
func Files(dir string, notFound http.HandlerFunc) http.Handler {
	return Serve(Dir(dir), "", notFound)
}

// Serve serves the objects at /media/<file>, for GET and HEAD; mount it
// as "GET /media/". The type comes from the extension Upload gave the
// file, browsers are told not to guess another one, and a file, once
// written, never changes, so it may be cached for a year. When publicURL
// is set (a CDN in front of the bucket), the answer is a redirect to
// publicURL/<file> instead. Anything else gets notFound (http.NotFound
// when nil).
func Serve(objs Objects, publicURL string, notFound http.HandlerFunc) http.Handler {
	if notFound == nil {
		notFound = http.NotFound
	}
	publicURL = strings.TrimSuffix(publicURL, "/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, "/media/")
		m := fileName.FindStringSubmatch(name)
		if !ok || m == nil || r.Method != http.MethodGet && r.Method != http.MethodHead {
			notFound(w, r)
			return
		}
		if publicURL != "" {
			// The address never changes its object: the redirect may be
			// kept as long as the object itself.
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			http.Redirect(w, r, publicURL+"/"+name, http.StatusFound)
			return
		}
		etag := `"` + m[1] + `"`
		if matches(r.Header.Get("If-None-Match"), etag) {
			// The name is the content's: no need to ask the store.
			h := w.Header()
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
			h.Set("ETag", etag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		// The pattern admits no "..", and the directory's root admits no
		// symbolic link out of it either.
		f, info, err := objs.Open(r.Context(), name)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
			notFound(w, r)
			return
		}
		if err != nil {
			// The bucket does not answer: say so, and that it will pass,
			// rather than tell caches the image is gone.
			w.Header().Set("Retry-After", "5")
			http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
			return
		}
		defer f.Close()
		h := w.Header()
		h.Set("Content-Type", fileTypes[m[2]])
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", info.Modified, &lazySeeker{r: f, size: info.Size})
	})
}

// matches says whether an If-None-Match header names etag (weakly, as
// RFC 9110 compares for it).
func matches(header, etag string) bool {
	for v := range strings.SplitSeq(header, ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == etag {
			return true
		}
	}
	return false
}

// lazySeeker answers the seeks http.ServeContent makes to learn the size
// from the size already known, and seeks the object only when a read
// needs another place: a bucket's object seeks with a new request.
type lazySeeker struct {
	r       io.ReadSeeker
	size    int64
	pos, at int64 // where the reader is told it is; where r is
}

func (l *lazySeeker) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += l.pos
	case io.SeekEnd:
		offset += l.size
	default:
		return l.pos, errors.New("seek: bad whence")
	}
	if offset < 0 {
		return l.pos, errors.New("seek: negative position")
	}
	l.pos = offset
	return offset, nil
}

func (l *lazySeeker) Read(p []byte) (int, error) {
	if l.pos != l.at {
		if _, err := l.r.Seek(l.pos, io.SeekStart); err != nil {
			return 0, err
		}
		l.at = l.pos
	}
	n, err := l.r.Read(p)
	l.pos += int64(n)
	l.at = l.pos
	return n, err
}
