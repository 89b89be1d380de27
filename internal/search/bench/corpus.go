// Package bench measures Midad's search on the ANT corpus (10,161 Arabic
// news articles from the Tunisian broadcaster Jawhara FM, Apache License 2.0;
// see NOTICE): how fast the index is built and queried with the corpus
// loaded ten times over, and how often a reader who types a headline the
// way readers type finds its article, against SQLite FTS5's default
// tokenizer as the baseline.
//
// The measurements are Go benchmarks, so that `go test ./...` (and `make
// test`) does not run them, and they skip unless $MIDAD_BENCH_SEARCH is
// set, so that `make bench` does not either; `make bench-search` sets it,
// runs them once and prints the report. They need the corpus at
// ../shared/data/ant-v1.1 beside the repository, or at the path in
// $MIDAD_ANT, and fail without it.
package bench

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// DefaultCorpus is the corpus file relative to this package's directory,
// which is where `go test` runs the benchmarks: the data sits beside the
// repository, in ../shared/data.
const DefaultCorpus = "../../../../shared/data/ant-v1.1/articles.jsonl.gz"

// CorpusPath is the corpus file to read: $MIDAD_ANT when set, else
// DefaultCorpus.
func CorpusPath() string {
	if p := os.Getenv("MIDAD_ANT"); p != "" {
		return p
	}
	return DefaultCorpus
}

// Record is one corpus article, cleaned for storage: headline and summary
// on one line, the body as paragraphs, and a publication time.
type Record struct {
	Docno      string
	Cat        string // the corpus category key (localNews, sport, …); may be empty
	Title      string // the headline as published, white space collapsed
	Summary    string // the abstract, empty when it only repeats the first paragraph
	Paragraphs []string
	Published  time.Time
}

// rawRecord is one line of articles.jsonl.gz.
type rawRecord struct {
	Docno    string `json:"docno"`
	Cat      string `json:"cat"`
	Title    string `json:"title"`
	Time     string `json:"time"`
	Abstract string `json:"abstract"`
	Text     string `json:"text"`
}

// LoadCorpus reads the corpus and keeps every record with a non-empty title
// and text, in file order; skipped counts the others. Unlike the demo's
// generator it keeps the records that only carry a date, since the
// benchmarks need the whole corpus, not a tidy sample.
func LoadCorpus(path string) (recs []Record, skipped int, err error) {
	f, err := os.Open(path)
	if err != nil {
		abs, _ := filepath.Abs(path)
		return nil, 0, fmt.Errorf("the ANT corpus is needed for the search benchmarks: %w (looked at %s; set $MIDAD_ANT to its articles.jsonl.gz)", err, abs)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 256<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var raw rawRecord
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			return nil, 0, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		rec, ok := clean(raw)
		if !ok {
			skipped++
			continue
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return recs, skipped, nil
}

// clean turns a raw record into a Record, or reports false when it has no
// title or no text.
func clean(raw rawRecord) (Record, bool) {
	rec := Record{
		Docno:   raw.Docno,
		Cat:     raw.Cat,
		Title:   oneLine(raw.Title),
		Summary: oneLine(raw.Abstract),
	}
	for line := range strings.SplitSeq(raw.Text, "\n") {
		if p := oneLine(line); p != "" {
			rec.Paragraphs = append(rec.Paragraphs, p)
		}
	}
	if rec.Title == "" || len(rec.Paragraphs) == 0 {
		return Record{}, false
	}
	// The corpus often repeats the lead paragraph as the abstract; the demo
	// drops such summaries, and so do we, so that the body is not indexed
	// twice.
	if strings.HasPrefix(rec.Paragraphs[0], strings.TrimSuffix(rec.Summary, "…")) {
		rec.Summary = ""
	}
	rec.Published = publishedTime(raw.Time, raw.Docno)
	return rec, true
}

// Body is the record's text as the sanitized HTML that articles store, one
// <p> a paragraph, as the demo builds it.
func (r Record) Body() string {
	var b strings.Builder
	for _, p := range r.Paragraphs {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(p))
		b.WriteString("</p>\n")
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tunis is the corpus's time zone (Tunisia, UTC+1 without daylight saving
// in 2016–2017); date-only records are placed at noon there.
var tunis = time.FixedZone("CET", 3600)

// docnoDate is the date at the end of a docno: YYYYMMDD mostly, DDMMYYYY in
// a few hundred records.
var docnoDate = regexp.MustCompile(`-([0-9]{8})$`)

// publishedTime reads the corpus's time field, which comes in three shapes
// (RFC 3339 for about half the records, DD/MM/YYYY for most of the rest,
// 2006-01-02T150405 for seven), and falls back to the date in the docno.
// It returns the zero time only when nothing parses; no record of v1.1
// does that.
func publishedTime(field, docno string) time.Time {
	if t, err := time.Parse(time.RFC3339, field); err == nil {
		return t
	}
	if t, err := time.ParseInLocation("2006-01-02T150405", field, tunis); err == nil {
		return t
	}
	if t, err := time.ParseInLocation("02/01/2006", field, tunis); err == nil {
		return t.Add(12 * time.Hour)
	}
	if m := docnoDate.FindStringSubmatch(docno); m != nil {
		for _, layout := range []string{"20060102", "02012006"} {
			if t, err := time.ParseInLocation(layout, m[1], tunis); err == nil && t.Year() >= 2000 && t.Year() < 2100 {
				return t.Add(12 * time.Hour)
			}
		}
	}
	return time.Time{}
}

// Sections are the demo newspaper's sections (internal/demo), with the
// corpus category each one takes; the record without a category goes to
// the front page.
var Sections = []struct{ Slug, Name, Cat string }{
	{"first", "الأولى", ""},
	{"national", "وطنية", "localNews"},
	{"politics", "سياسة", "politic"},
	{"economy", "اقتصاد", "economy"},
	{"society", "مجتمع", "society"},
	{"world", "دولية", "internationalNews"},
	{"sport", "رياضة", "sport"},
	{"culture", "ثقافة", "culture"},
	{"technology", "تكنولوجيا", "technology"},
	{"misc", "منوعات", "diverse"},
}
