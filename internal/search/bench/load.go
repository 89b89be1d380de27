package bench

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// Newsroom is what the corpus needs in a fresh store before its articles:
// the sections and the one author, Jawhara FM.
type Newsroom struct {
	Sections map[string]news.Section // by corpus category key
	Author   news.Author
}

// NewNewsroom creates the demo's sections and the Jawhara FM byline.
func NewNewsroom(ctx context.Context, st *store.Store) (Newsroom, error) {
	nr := Newsroom{Sections: map[string]news.Section{}}
	for i, s := range Sections {
		sec := news.Section{Slug: s.Slug, Name: s.Name, Position: i + 1}
		if err := st.CreateSection(ctx, &sec); err != nil {
			return nr, fmt.Errorf("section %s: %w", s.Slug, err)
		}
		nr.Sections[s.Cat] = sec
	}
	nr.Author = news.Author{Slug: "jawhara-fm", Name: "جوهرة أف أم"}
	if err := st.CreateAuthor(ctx, &nr.Author); err != nil {
		return nr, fmt.Errorf("author: %w", err)
	}
	return nr, nil
}

// Section returns the section of a corpus category; an unknown or empty
// category goes to the front page.
func (nr Newsroom) Section(cat string) news.Section {
	if s, ok := nr.Sections[cat]; ok {
		return s
	}
	return nr.Sections[""]
}

// Article builds the published article for rec. Copy numbers the corpus's
// repetitions in the speed benchmark; the slug carries it and seq (a number
// unique within the load), because headlines repeat in the corpus and
// slugs must not.
func (nr Newsroom) Article(rec Record, seq int) news.Article {
	slug := arabic.Slugify(rec.Title, 80)
	if slug == "" {
		slug = "article"
	}
	slug += "-" + strconv.Itoa(seq)
	return news.Article{
		Slug:      slug,
		Headline:  rec.Title,
		Summary:   rec.Summary,
		Body:      rec.Body(),
		Lang:      "ar",
		Status:    news.Published,
		Section:   nr.Section(rec.Cat),
		Authors:   []news.Author{nr.Author},
		Published: rec.Published,
		Updated:   rec.Published,
	}
}

// LoadStats is how a load went.
type LoadStats struct {
	Articles int
	Elapsed  time.Duration
}

// PerSecond is the load's throughput in articles per second.
func (l LoadStats) PerSecond() float64 {
	if l.Elapsed <= 0 {
		return 0
	}
	return float64(l.Articles) / l.Elapsed.Seconds()
}

// Load writes the records copies times over through CreateArticle, the
// path every article of the newsroom takes: one transaction (and one
// fsync, as the store runs SQLite with synchronous=FULL) per article, the
// search index updated inside it. ids[i] is the article id of the i-th
// record of the first copy. progress, when not nil, is called every 10,000
// articles. The slugs are numbered from 1 in each call, so Load fills a
// fresh store once.
func Load(ctx context.Context, st *store.Store, nr Newsroom, recs []Record, copies int, progress func(done int, elapsed time.Duration)) (ids []int64, stats LoadStats, err error) {
	start := time.Now()
	seq := 0
	for c := range copies {
		for _, rec := range recs {
			seq++
			a := nr.Article(rec, seq)
			if err := st.CreateArticle(ctx, &a); err != nil {
				return nil, stats, fmt.Errorf("article %s (copy %d): %w", rec.Docno, c+1, err)
			}
			if c == 0 {
				ids = append(ids, a.ID)
			}
			if progress != nil && seq%10000 == 0 {
				progress(seq, time.Since(start))
			}
		}
	}
	return ids, LoadStats{Articles: seq, Elapsed: time.Since(start)}, nil
}
