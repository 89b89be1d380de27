// Package demo loads Midad's demo newspaper: the seed article of a Moroccan
// daily and a few hundred real articles from the ANT corpus (see NOTICE),
// all embedded in the binary so that the demo needs nothing but the clone.
package demo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

//go:embed data/seed.json
var seedJSON []byte

//go:embed data/ant.jsonl.gz
var antGzip []byte

// Store is what loading the demo reads and writes.
type Store interface {
	CountArticles(ctx context.Context) (int, error)
	SectionBySlug(ctx context.Context, slug string) (news.Section, error)
	AuthorBySlug(ctx context.Context, slug string) (news.Author, error)
	TagBySlug(ctx context.Context, slug string) (news.Tag, error)
	ArticleBySlug(ctx context.Context, slug string) (news.Article, error)
	CreateSection(ctx context.Context, s *news.Section) error
	CreateAuthor(ctx context.Context, a *news.Author) error
	CreateTag(ctx context.Context, t *news.Tag) error
	CreateArticle(ctx context.Context, a *news.Article) error
	PageBySlug(ctx context.Context, slug string) (news.StaticPage, error)
	CreatePage(ctx context.Context, p *news.StaticPage) error
	SaveSettings(ctx context.Context, s news.Settings) error
	Meta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error
}

// LoadIfEmpty loads the demo into an empty database, or finishes a load
// that was cut short (the process killed half-way); a database that holds
// the newsroom's own articles is left alone. It reports whether it loaded.
func LoadIfEmpty(ctx context.Context, st Store) (bool, error) {
	state, err := st.Meta(ctx, "demo")
	if err != nil {
		return false, err
	}
	n, err := st.CountArticles(ctx)
	if err != nil {
		return false, err
	}
	if n > 0 && state != "loading" {
		return false, nil
	}
	return true, Load(ctx, st)
}

// Sections are the demo paper's sections, in order. The ANT corpus's
// categories map onto their slugs.
var Sections = []news.Section{
	{Slug: "first", Name: "الأولى"},
	{Slug: "national", Name: "وطنية"},
	{Slug: "politics", Name: "سياسة"},
	{Slug: "economy", Name: "اقتصاد"},
	{Slug: "society", Name: "مجتمع"},
	{Slug: "world", Name: "دولية"},
	{Slug: "sport", Name: "رياضة"},
	{Slug: "culture", Name: "ثقافة"},
	{Slug: "technology", Name: "تكنولوجيا"},
	{Slug: "misc", Name: "منوعات"},
}

// SeedSlug is the seed article's slug.
var SeedSlug = arabic.Slugify("حموشي في ضيافة رئيس مجلس الوزراء ومدير الأمن العام بقطر", maxSlug)

const maxSlug = 80

// record is one demo article as stored in the embedded files.
type record struct {
	ID         string   `json:"id"`
	Section    string   `json:"section"`
	Kicker     string   `json:"kicker"`
	Headline   string   `json:"headline"`
	Summary    string   `json:"summary"`
	Paragraphs []string `json:"paragraphs"`
	Author     string   `json:"author"`
	Tags       []string `json:"tags"`
	Published  string   `json:"published"`
}

// Load writes the whole demo newspaper. It can run again over a load that
// was cut short: what is there already is kept, the rest is added.
func Load(ctx context.Context, st Store) error {
	if err := st.SetMeta(ctx, "demo", "loading"); err != nil {
		return err
	}
	sections := map[string]news.Section{}
	for i, sec := range Sections {
		sec.Position = i + 1
		if old, err := st.SectionBySlug(ctx, sec.Slug); err == nil {
			sec = old
		} else if err := st.CreateSection(ctx, &sec); err != nil {
			return fmt.Errorf("demo section %s: %w", sec.Slug, err)
		}
		sections[sec.Slug] = sec
	}
	authors := map[string]news.Author{}
	for _, a := range []news.Author{
		{Slug: arabic.Slugify("ياسين قُطيب", maxSlug), Name: "ياسين قُطيب", Bio: "صحافي بجريدة مداد."},
		{Slug: "jawhara-fm", Name: "جوهرة أف أم", Bio: "إذاعة تونسية خاصة مقرّها سوسة. مقالاتها هنا مأخوذة من مدوّنة ANT للنصوص الإخبارية العربية."},
	} {
		if old, err := st.AuthorBySlug(ctx, a.Slug); err == nil {
			a = old
		} else if err := st.CreateAuthor(ctx, &a); err != nil {
			return fmt.Errorf("demo author %s: %w", a.Slug, err)
		}
		authors[a.Name] = a
	}
	tags := map[string]news.Tag{}

	records, err := readRecords()
	if err != nil {
		return err
	}
	slugs := map[string]int{}
	for _, rec := range records {
		a, err := rec.article(sections, authors, slugs)
		if err != nil {
			return err
		}
		if _, err := st.ArticleBySlug(ctx, a.Slug); err == nil {
			continue // loaded before the last load was cut short
		}
		for _, name := range rec.Tags {
			t, ok := tags[name]
			if !ok {
				t = news.Tag{Slug: arabic.Slugify(name, maxSlug), Name: name}
				if old, err := st.TagBySlug(ctx, t.Slug); err == nil {
					t = old
				} else if err := st.CreateTag(ctx, &t); err != nil {
					return fmt.Errorf("demo tag %s: %w", name, err)
				}
				tags[name] = t
			}
			a.Tags = append(a.Tags, t)
		}
		if err := st.CreateArticle(ctx, &a); err != nil {
			return fmt.Errorf("demo article %s: %w", rec.ID, err)
		}
	}

	if err := loadPages(ctx, st); err != nil {
		return err
	}

	set := news.DefaultSettings()
	set.Ads = []news.AdSlot{
		{Position: "header", Image: "midad-digital.svg", Link: "/", Alt: "اشترك في النسخة الرقمية لمداد", Width: 728, Height: 90},
		{Position: "article", Image: "midad-digital.svg", Link: "/", Alt: "اشترك في النسخة الرقمية لمداد", Width: 728, Height: 90},
	}
	if err := st.SaveSettings(ctx, set); err != nil {
		return err
	}
	return st.SetMeta(ctx, "demo", "done")
}

// readRecords returns the seed article first, then the ANT sample.
func readRecords() ([]record, error) {
	var seed record
	if err := json.Unmarshal(seedJSON, &seed); err != nil {
		return nil, fmt.Errorf("demo seed: %w", err)
	}
	seed.ID = "seed"
	out := []record{seed}
	zr, err := gzip.NewReader(bytes.NewReader(antGzip))
	if err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("demo corpus line %d: %w", len(out), err)
		}
		if r.Author == "" {
			r.Author = "جوهرة أف أم"
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	return out, nil
}

func (r record) article(sections map[string]news.Section, authors map[string]news.Author, slugs map[string]int) (news.Article, error) {
	sec, ok := sections[r.Section]
	if !ok {
		return news.Article{}, fmt.Errorf("demo article %s: unknown section %q", r.ID, r.Section)
	}
	au, ok := authors[r.Author]
	if !ok {
		return news.Article{}, fmt.Errorf("demo article %s: unknown author %q", r.ID, r.Author)
	}
	published, err := time.Parse(time.RFC3339, r.Published)
	if err != nil {
		return news.Article{}, fmt.Errorf("demo article %s: %w", r.ID, err)
	}
	slug := arabic.Slugify(r.Headline, maxSlug)
	if slug == "" {
		slug = "article"
	}
	if n := slugs[slug]; n > 0 {
		slugs[slug] = n + 1
		slug += "-" + strconv.Itoa(n+1)
	} else {
		slugs[slug] = 1
	}
	summary := r.Summary
	// The corpus often repeats its lead paragraph as the abstract; shown
	// twice it would read as a mistake.
	if len(r.Paragraphs) > 0 && strings.HasPrefix(r.Paragraphs[0], strings.TrimSuffix(summary, "…")) {
		summary = ""
	}
	var body strings.Builder
	for _, p := range r.Paragraphs {
		body.WriteString("<p>")
		body.WriteString(html.EscapeString(p))
		body.WriteString("</p>\n")
	}
	return news.Article{
		Slug:      slug,
		Kicker:    r.Kicker,
		Headline:  r.Headline,
		Summary:   summary,
		Body:      body.String(),
		Lang:      "ar",
		Status:    news.Published,
		Section:   sec,
		Authors:   []news.Author{au},
		Published: published,
		Updated:   published,
	}, nil
}
