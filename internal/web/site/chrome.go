package site

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
)

// The chrome is what every page's layout reads that depends on content
// alone, not on time: the settings, the sections, the footer's pages and
// the date formatter made from the settings. It is read from storage once
// per content generation (the number every acknowledged write moves, see
// store.Generation) instead of on every render, and never served across a
// generation: an entry is tagged with the generation read before its
// reads, so a write committed during them leaves it behind. The breaking
// banner depends on the clock too (publication times, its 24 hours) and
// stays read per render.

// Generationer is the content's generation; Content that has one gets the
// chrome memoized.
type Generationer interface{ Generation() uint64 }

// chrome is one generation's chrome; shared and never modified, callers
// get copies (copy).
type chrome struct {
	gen      uint64
	set      news.Settings
	sections []news.Section
	footer   []news.StaticPage
	dates    i18n.Dates
}

// chromeMemo holds the latest generation's chrome.
type chromeMemo struct{ p atomic.Pointer[chrome] }

// chrome returns the chrome as of now, from the memo when its generation
// is current.
func (s *Site) chrome(ctx context.Context) (chrome, error) {
	g, ok := s.content.(Generationer)
	var gen uint64
	if ok {
		gen = g.Generation()
		if c := s.chromes.p.Load(); c != nil && c.gen == gen {
			return c.copy(), nil
		}
	}
	set, err := s.content.Settings(ctx)
	if err != nil {
		return chrome{}, err
	}
	sections, err := s.content.Sections(ctx)
	if err != nil {
		return chrome{}, err
	}
	footer, err := s.content.FooterPages(ctx)
	if err != nil {
		return chrome{}, err
	}
	c := &chrome{gen: gen, set: set, sections: sections, footer: footer, dates: dates(set)}
	if ok {
		s.chromes.p.Store(c)
		return c.copy(), nil
	}
	return *c, nil
}

// copy is a deep copy: what a caller changes in it is not shared.
func (c *chrome) copy() chrome {
	d := *c
	d.set = copySettings(c.set)
	d.sections = slices.Clone(c.sections)
	d.footer = slices.Clone(c.footer)
	return d
}

// copySettings copies set and the slices it holds.
func copySettings(set news.Settings) news.Settings {
	set.Ads = slices.Clone(set.Ads)
	set.Analytics = slices.Clone(set.Analytics)
	set.Social = slices.Clone(set.Social)
	set.Front.Featured = slices.Clone(set.Front.Featured)
	set.Comments.HoldWords = slices.Clone(set.Comments.HoldWords)
	set.Comments.SpamWords = slices.Clone(set.Comments.SpamWords)
	return set
}

// zones keeps the time zones loaded by name: loading one reads and parses
// the zone database, and a zone's rules do not change while running.
var zones sync.Map // string → *time.Location

// loadZone is time.LoadLocation, remembered.
func loadZone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, l)
	return l, nil
}
