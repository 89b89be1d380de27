package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// SectionStore keeps the paper's sections.
type SectionStore interface {
	Sections(ctx context.Context) ([]news.Section, error)
	CreateSection(ctx context.Context, s *news.Section) error
	UpdateSection(ctx context.Context, s news.Section) error
}

type sectionsPage struct {
	view.Base
	Form  news.Section
	Error string
	Done  bool
}

// sections lists the sections in order, each with its name and position to
// edit, and a form to add one (editors and up).
func (a *Admin) sections(w http.ResponseWriter, r *http.Request) {
	base, err := a.page(r, "newsroom.sections.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom_sections", sectionsPage{Base: base, Done: r.URL.Query().Get("done") == "1"})
}

// saveSections renames and reorders every section of the form at once; a
// changed slug keeps the section's earlier address leading to it.
func (a *Admin) saveSections(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	list, err := a.sectionStore.Sections(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	var changed []news.Section
	for _, sec := range list {
		id := strconv.FormatInt(sec.ID, 10)
		name, pos := r.PostForm.Get("name-"+id), r.PostForm.Get("position-"+id)
		if name == "" && pos == "" {
			continue // not in this form
		}
		sec.Name = strings.TrimSpace(name)
		if slug, ok := r.PostForm["slug-"+id]; ok {
			sec.Slug = strings.TrimSpace(slug[0])
		}
		p, err := strconv.Atoi(strings.TrimSpace(pos))
		if err != nil || p < 0 || p > news.MaxSectionPosition {
			a.sectionError(w, r, news.Section{}, "section.error.position")
			return
		}
		sec.Position = p
		if err := sec.Validate(); err != nil {
			a.sectionError(w, r, news.Section{}, fieldKey(err))
			return
		}
		for _, other := range changed {
			if other.Slug == sec.Slug {
				a.sectionError(w, r, news.Section{}, "section.error.exists")
				return
			}
		}
		changed = append(changed, sec)
	}
	// Checked first, then saved: a bad row stores nothing.
	for _, sec := range changed {
		if err := a.sectionStore.UpdateSection(r.Context(), sec); err != nil {
			if errors.Is(err, news.ErrExists) {
				a.sectionError(w, r, news.Section{}, "section.error.exists")
				return
			}
			a.pages.Fail(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/newsroom/sections?done=1", http.StatusSeeOther)
}

// addSection creates a section; its slug is made from the name unless
// given.
func (a *Admin) addSection(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	sec := news.Section{Name: strings.TrimSpace(r.PostForm.Get("name")), Slug: strings.TrimSpace(r.PostForm.Get("slug"))}
	if sec.Slug == "" {
		sec.Slug = arabic.Slugify(sec.Name, 60)
	}
	list, err := a.sectionStore.Sections(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	for _, s := range list {
		sec.Position = max(sec.Position, s.Position+1)
	}
	if err := sec.Validate(); err != nil {
		a.sectionError(w, r, sec, fieldKey(err))
		return
	}
	if err := a.sectionStore.CreateSection(r.Context(), &sec); err != nil {
		if errors.Is(err, news.ErrExists) {
			a.sectionError(w, r, sec, "section.error.exists")
			return
		}
		a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/sections?done=1", http.StatusSeeOther)
}

func (a *Admin) sectionError(w http.ResponseWriter, r *http.Request, form news.Section, key string) {
	base, err := a.page(r, "newsroom.sections.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.pages.Render(w, r, http.StatusUnprocessableEntity, "newsroom_sections",
		sectionsPage{Base: base, Form: form, Error: a.cat.T(base.Lang, key)})
}

func fieldKey(err error) string {
	var fe *news.FieldError
	if errors.As(err, &fe) {
		return fe.Key
	}
	return "section.error.name"
}
