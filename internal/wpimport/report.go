package wpimport

import (
	"fmt"
	"io"
	"slices"
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

// Skip is one thing left out, and why.
type Skip struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Reason string `json:"reason"`
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

func (r *Report) note(kind string, id any, title, what string) {
	r.Notes = append(r.Notes, Skip{Kind: kind, ID: fmt.Sprint(id), Title: plainTitle(title), Reason: what})
}

func (r *Report) skip(kind string, id any, title, reason string) {
	r.count(kind).Skipped++
	r.Skips = append(r.Skips, Skip{Kind: kind, ID: fmt.Sprint(id), Title: plainTitle(title), Reason: reason})
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
