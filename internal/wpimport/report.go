package wpimport

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/midad/midad/internal/wordpress"
)

// Count is what became of the things of one kind.
type Count struct {
	Imported  int `json:"imported"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped"`
}

// Skip is one thing left out, and why: Reason in English for the command
// line, Key (a message key, "import.skip.…") and Detail (a path, a state,
// as it was) for the newsroom, in its language.
type Skip struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Reason string `json:"reason"`
	Key    string `json:"key"`
	Detail string `json:"detail,omitempty"`
}

// reasons are the skips' and notes' reasons in English; the newsroom's
// are the messages "import.skip."+key in internal/i18n.
var reasons = map[string]string{
	"no_uploads":      "no uploads folder given (--uploads)",
	"no_file":         "no file named",
	"outside":         "path outside the uploads folder",
	"missing":         "missing file",
	"unreadable":      "cannot be read: outside the uploads folder or unreadable",
	"not_file":        "not a file",
	"picture_refused": "picture refused",
	"status":          "state not imported",
	"edited":          "edited in the newsroom since it was imported: left as it is",
	"no_date":         "published without a date",
	"pingback":        "pingbacks are not comments",
	"trackback":       "trackbacks are not comments",
	"comment_state":   "unknown comment state",
	"parent_post":     "its post was not imported",
	"parent_page":     "its page was not imported",
	"page_comments":   "static pages have no comments",
	"loop":            "its parents form a loop",
	"unused":          "no imported post has it",
	"refused":         "refused",
	"no_login":        "no login",
	"oversized":       "a field is longer than the limit",
	"menu":            "menus are not imported",
	"type":            "post type not imported",
	"password_post":   "password-protected: imported unpublished",
	"password_page":   "password-protected: imported as a draft",
}

// Reasons are the keys of every reason a report may give, for the test
// that each has its message in every language.
func Reasons() []string { return slices.Sorted(maps.Keys(reasons)) }

func reason(key, detail string) string {
	r, ok := reasons[key]
	if !ok {
		r = key
	}
	if detail != "" {
		r += " " + strconv.Quote(detail)
	}
	return r
}

// Report says what an import did: printed, and kept in the database.
type Report struct {
	Source   string            `json:"source"`
	Site     wordpress.Site    `json:"site"`
	DryRun   bool              `json:"dry_run"`
	Started  time.Time         `json:"started"`
	Finished time.Time         `json:"finished"`
	Counts   map[string]*Count `json:"counts"`
	Skips    []Skip            `json:"skips"`
	// Notes are things imported otherwise than they were.
	Notes []Skip `json:"notes,omitempty"`
	// Error is why the import stopped before the end of the export.
	Error string `json:"error,omitempty"`
}

func (r *Report) count(kind string) *Count {
	if r.Counts == nil {
		r.Counts = map[string]*Count{}
	}
	c := r.Counts[kind]
	if c == nil {
		c = &Count{}
		r.Counts[kind] = c
	}
	return c
}

func (r *Report) note(kind string, id any, title, key string) {
	r.Notes = append(r.Notes, Skip{Kind: kind, ID: fmt.Sprint(id), Title: plainTitle(title), Reason: reason(key, ""),
		Key: "import.skip." + key})
}

func (r *Report) skip(kind string, id any, title, key, detail string) {
	r.count(kind).Skipped++
	r.Skips = append(r.Skips, Skip{Kind: kind, ID: fmt.Sprint(id), Title: plainTitle(title), Reason: reason(key, detail),
		Key: "import.skip." + key, Detail: detail})
}

// Print writes the report for a person: the counts per kind, then every
// skip with its reason.
func (r *Report) Print(w io.Writer) {
	mode := ""
	if r.DryRun {
		mode = " (dry run: nothing stored)"
	}
	fmt.Fprintf(w, "Import of %s%s\n", r.Source, mode)
	if r.Site.Permalink != "" {
		fmt.Fprintf(w, "Permalink structure: %s\n", r.Site.Permalink)
	}
	fmt.Fprintf(w, "%-16s %9s %9s %9s %9s\n", "kind", "imported", "updated", "unchanged", "skipped")
	kinds := make([]string, 0, len(r.Counts))
	for k := range r.Counts {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		c := r.Counts[k]
		fmt.Fprintf(w, "%-16s %9d %9d %9d %9d\n", k, c.Imported, c.Updated, c.Unchanged, c.Skipped)
	}
	if len(r.Skips) > 0 {
		fmt.Fprintf(w, "\nSkipped:\n")
		for _, s := range r.Skips {
			title := ""
			if s.Title != "" {
				title = " " + fmt.Sprintf("%q", truncate(s.Title, 60))
			}
			fmt.Fprintf(w, "  %s %s%s: %s\n", s.Kind, s.ID, title, s.Reason)
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintf(w, "\nNotes:\n")
		for _, s := range r.Notes {
			fmt.Fprintf(w, "  %s %s %q: %s\n", s.Kind, s.ID, truncate(s.Title, 60), s.Reason)
		}
	}
	if r.Error != "" {
		fmt.Fprintf(w, "\nStopped: %s\n", r.Error)
	}
	fmt.Fprintf(w, "\nTook %s.\n", r.Finished.Sub(r.Started).Round(time.Millisecond))
}

func truncate(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

func plainTitle(s string) string { return clip(plain(s), 200) }
