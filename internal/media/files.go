package media

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// fileName is the shape of every file Upload writes: year/month/random-width.ext
// for a variant, year/month/random-ratio-token-width.ext for a crop.
// Nothing else under the directory is ever served.
var fileName = regexp.MustCompile(`^[0-9]{4}/[0-9]{2}/([0-9a-f]{32}(?:-(?:16x9|4x3|1x1)-[0-9a-f]{8})?-[0-9]{1,5})\.(jpg|png)$`)

var fileTypes = map[string]string{"jpg": "image/jpeg", "png": "image/png"}

// Files serves the variants written under dir at /media/<file>, for GET
// and HEAD; mount it as "GET /media/". The type comes from the extension
// Upload gave the file, browsers are told not to guess another one, and a
// file, once written, never changes, so it may be cached for a year.
// Anything else gets notFound (http.NotFound when nil).
func Files(dir string, notFound http.HandlerFunc) http.Handler {
	if notFound == nil {
		notFound = http.NotFound
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, "/media/")
		m := fileName.FindStringSubmatch(name)
		if !ok || m == nil || r.Method != http.MethodGet && r.Method != http.MethodHead {
			notFound(w, r)
			return
		}
		// The pattern admits no "..", and the root admits no symbolic
		// link out of dir either.
		f, err := os.OpenInRoot(dir, filepath.FromSlash(name))
		if err != nil {
			notFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || !st.Mode().IsRegular() {
			notFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", fileTypes[m[2]])
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		h.Set("ETag", `"`+m[1]+`"`)
		http.ServeContent(w, r, "", st.ModTime(), f)
	})
}
