package admin

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
	"github.com/midad/midad/internal/wpimport"
)

// ImportJobs runs WordPress imports in the background (wpimport.Jobs).
type ImportJobs interface {
	Start(path string, opt wpimport.Options) error
	Status() wpimport.JobStatus
}

var _ ImportJobs = (*wpimport.Jobs)(nil)

// MaxImportBytes bounds an export uploaded from the newsroom.
const MaxImportBytes = 4 << 30

type importPage struct {
	view.Base
	Status wpimport.JobStatus
	Kinds  []importKind
	Skips  []wpimport.Skip
	More   int // skips not shown
	Error  string
}

type importKind struct {
	Kind string
	wpimport.Count
}

// maxSkipsShown bounds the skips the page lists; the command line prints
// them all.
const maxSkipsShown = 200

// importRoutes registers the import screen: admins only.
func (a *Admin) importRoutes(mux *http.ServeMux) {
	mux.Handle("GET /newsroom/import", a.require(news.Admin, a.importStatus))
	mux.Handle("POST /newsroom/import", a.require(news.Admin, a.startImport))
}

// importStatus shows the form, the running import's progress, or the last
// import's report.
func (a *Admin) importStatus(w http.ResponseWriter, r *http.Request) {
	a.renderImport(w, r, http.StatusOK, "")
}

func (a *Admin) renderImport(w http.ResponseWriter, r *http.Request, status int, errKey string) {
	base, err := a.page(r, "newsroom.import.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	p := importPage{Base: base, Status: a.imports.Status()}
	if errKey != "" {
		p.Error = a.cat.T(base.Lang, errKey)
	}
	if rep := p.Status.Report; rep != nil {
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range rep.Counts {
				if !yield(k) {
					return
				}
			}
		}) {
			p.Kinds = append(p.Kinds, importKind{Kind: k, Count: *rep.Counts[k]})
		}
		p.Skips = rep.Skips
		if len(p.Skips) > maxSkipsShown {
			p.More, p.Skips = len(p.Skips)-maxSkipsShown, p.Skips[:maxSkipsShown]
		}
	}
	a.pages.Render(w, r, status, "newsroom_import", p)
}

// startImport takes the uploaded export into a file of the import
// folder, streaming, and starts importing it in the background.
func (a *Admin) startImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxImportBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		a.renderImport(w, r, http.StatusBadRequest, "newsroom.import.no_file")
		return
	}
	if err := os.MkdirAll(a.importDir, 0o750); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	var opt wpimport.Options
	path := ""
	defer func() {
		if path != "" {
			os.Remove(path) // unless the import took it
		}
	}()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			key := "newsroom.import.no_file"
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				key = "newsroom.import.too_big"
			}
			a.renderImport(w, r, http.StatusBadRequest, key)
			return
		}
		switch part.FormName() {
		case "dry_run":
			v, _ := io.ReadAll(io.LimitReader(part, 8))
			opt.DryRun = string(v) == "1"
		case "export":
			if part.FileName() == "" || path != "" {
				continue
			}
			b := make([]byte, 8)
			rand.Read(b)
			path = filepath.Join(a.importDir, "export-"+hex.EncodeToString(b)+".xml")
			f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
			if err != nil {
				a.pages.Fail(w, r, err)
				return
			}
			n, err := io.Copy(f, part)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				key := "newsroom.import.no_file"
				if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
					key = "newsroom.import.too_big"
				}
				a.renderImport(w, r, http.StatusBadRequest, key)
				return
			}
			if n == 0 {
				a.renderImport(w, r, http.StatusBadRequest, "newsroom.import.no_file")
				return
			}
		}
	}
	if path == "" {
		a.renderImport(w, r, http.StatusBadRequest, "newsroom.import.no_file")
		return
	}
	if err := a.imports.Start(path, opt); err != nil {
		if errors.Is(err, wpimport.ErrBusy) {
			a.renderImport(w, r, http.StatusConflict, "newsroom.import.busy")
			return
		}
		a.pages.Fail(w, r, err)
		return
	}
	path = "" // the import's now
	http.Redirect(w, r, "/newsroom/import", http.StatusSeeOther)
}
