// Command gen builds Midad's demo articles from the ANT Corpus v1.1 (Arabic news
// from Jawhara FM, Apache License 2.0; see NOTICE at the module root).
//
// It reads the corpus as JSON Lines (gzip), keeps well-formed articles, picks about
// the same number per section spread evenly over time, and writes them as gzipped
// JSON Lines. The output depends only on the input: no randomness, stable sorting
// and a zero gzip timestamp make reruns byte-identical.
//
// Run from the module root:
//
//	go run ./internal/demo/gen -in ../shared/data/ant-v1.1/articles.jsonl.gz -out internal/demo/data/ant.jsonl.gz
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	// minParagraphs, minBodyRunes and maxBodyRunes bound the cleaned body so that
	// the demo shows real articles, not one-line briefs or long dossiers.
	minParagraphs = 2
	minBodyRunes  = 300
	maxBodyRunes  = 6000

	// defaultPerSection is how many articles each section gets when it has enough.
	defaultPerSection = 40
	// minTotal guards against a broken input silently producing a thin demo.
	minTotal = 330
	// boilerplateLead is how many candidates may share a first paragraph before
	// it counts as a recurring feature's stock intro (the corpus's daily news
	// round-ups all open with the same sentence) and all of them are left out.
	boilerplateLead = 5

	// maxOutputBytes keeps the embedded demo file small.
	maxOutputBytes = 1_500_000
)

// sections maps the corpus's category keys to Midad section slugs, in the order
// the statistics are printed.
var sections = []struct{ cat, slug string }{
	{"localNews", "national"},
	{"sport", "sport"},
	{"internationalNews", "world"},
	{"society", "society"},
	{"politic", "politics"},
	{"diverse", "misc"},
	{"economy", "economy"},
	{"culture", "culture"},
	{"technology", "technology"},
}

// docnoPattern is the corpus id shape, e.g. JA-sport-12-20170105.
var docnoPattern = regexp.MustCompile(`^JA-[A-Za-z]+-[0-9]+-[0-9]{8}$`)

// record is one line of the corpus file.
type record struct {
	Docno    string `json:"docno"`
	URL      string `json:"url"`
	Src      string `json:"src"`
	Cat      string `json:"cat"`
	Title    string `json:"title"`
	Time     string `json:"time"`
	Author   string `json:"author"`
	Abstract string `json:"abstract"`
	Text     string `json:"text"`
	Path     string `json:"path"`
}

// article is one line of the demo file. Field order is the JSON field order.
type article struct {
	ID         string   `json:"id"`
	Section    string   `json:"section"`
	Headline   string   `json:"headline"`
	Summary    string   `json:"summary"`
	Paragraphs []string `json:"paragraphs"`
	Published  string   `json:"published"`
	SourceURL  string   `json:"source_url"`

	at   time.Time // parsed Published, for ordering
	body string    // cleaned paragraphs joined by "\n", for duplicate checks
}

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(log)
	in := fs.String("in", "", "corpus file (gzipped JSON Lines)")
	out := fs.String("out", "", "demo file to write (gzipped JSON Lines)")
	per := fs.Int("per", defaultPerSection, "articles per section")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || *out == "" {
		return errors.New("both -in and -out are required")
	}
	if *per < 1 {
		return errors.New("-per must be positive")
	}

	f, err := os.Open(*in)
	if err != nil {
		return err
	}
	defer f.Close()
	cands, skipped, err := readCandidates(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", *in, err)
	}
	fmt.Fprintf(log, "candidates: %d; skipped:", len(cands))
	for _, reason := range slices.Sorted(maps.Keys(skipped)) {
		fmt.Fprintf(log, " %s=%d", reason, skipped[reason])
	}
	fmt.Fprintln(log)
	chosen := selectArticles(cands, *per)
	if len(chosen) < minTotal {
		return fmt.Errorf("only %d articles selected, want at least %d", len(chosen), minTotal)
	}
	data, err := encode(chosen)
	if err != nil {
		return err
	}
	if len(data) > maxOutputBytes {
		return fmt.Errorf("output is %d bytes, over the %d-byte budget", len(data), maxOutputBytes)
	}
	if err := writeFileAtomic(*out, data); err != nil {
		return err
	}

	perSection := map[string]int{}
	for _, a := range chosen {
		perSection[a.Section]++
	}
	for _, s := range sections {
		fmt.Fprintf(log, "%-10s %3d\n", s.slug, perSection[s.slug])
	}
	fmt.Fprintf(log, "total      %3d articles, %s: %d bytes\n", len(chosen), *out, len(data))
	return nil
}

// readCandidates decodes the corpus and returns the articles fit for the demo,
// with a count of the others by reason.
func readCandidates(r io.Reader) ([]article, map[string]int, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, err
	}
	defer zr.Close()
	dec := json.NewDecoder(zr)
	var cands []article
	skipped := map[string]int{}
	for n := 1; ; n++ {
		var rec record
		if err := dec.Decode(&rec); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("record %d: %w", n, err)
		}
		a, reason := convert(rec)
		if reason != "" {
			skipped[reason]++
			continue
		}
		cands = append(cands, a)
	}
	return cands, skipped, nil
}

// convert cleans one corpus record into an article, or says why it is unfit.
func convert(rec record) (article, string) {
	section, ok := sectionFor(rec.Cat)
	if !ok {
		return article{}, "no-category"
	}
	if !docnoPattern.MatchString(rec.Docno) {
		return article{}, "bad-docno"
	}
	// Over half the corpus carries only a date (dd/mm/yyyy); those records are
	// left out rather than given an invented time and offset.
	at, err := time.Parse(time.RFC3339, rec.Time)
	if err != nil {
		return article{}, "time-not-rfc3339"
	}
	if !strings.HasPrefix(rec.URL, "http://") && !strings.HasPrefix(rec.URL, "https://") {
		return article{}, "bad-url"
	}
	a := article{
		ID:         rec.Docno,
		Section:    section,
		Headline:   cleanLine(rec.Title),
		Summary:    cleanLine(rec.Abstract),
		Paragraphs: splitParagraphs(rec.Text),
		Published:  rec.Time,
		SourceURL:  rec.URL,
		at:         at,
	}
	a.body = strings.Join(a.Paragraphs, "\n")
	if a.Headline == "" {
		return article{}, "no-headline"
	}
	if reason := bodyProblem(a.Paragraphs); reason != "" {
		return article{}, reason
	}
	if slices.ContainsFunc(append([]string{a.Headline, a.Summary}, a.Paragraphs...), hasHiddenChars) {
		return article{}, "hidden-chars"
	}
	return a, ""
}

// sectionFor returns the Midad section slug for a corpus category.
func sectionFor(cat string) (string, bool) {
	for _, s := range sections {
		if s.cat == cat {
			return s.slug, true
		}
	}
	return "", false
}

// cleanLine trims s and collapses every inner run of white space (spaces, tabs,
// no-break spaces) to one ASCII space. Everything else, harakat and tatweel
// included, is kept as it is.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// splitParagraphs splits text at newlines, cleans each line and drops the empty
// ones.
func splitParagraphs(text string) []string {
	var ps []string
	for line := range strings.SplitSeq(text, "\n") {
		if p := cleanLine(line); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// bodyProblem says why a cleaned body is too short or too long for the demo, or
// returns "". Length is counted in characters (runes) of the paragraphs joined by
// newlines.
func bodyProblem(paragraphs []string) string {
	if len(paragraphs) < minParagraphs {
		return "few-paragraphs"
	}
	n := utf8.RuneCountInString(strings.Join(paragraphs, "\n"))
	switch {
	case n < minBodyRunes:
		return "body-too-short"
	case n > maxBodyRunes:
		return "body-too-long"
	}
	return ""
}

// hasHiddenChars reports invisible characters that would act on the page
// rather than show on it: bidi marks and overrides, zero-width characters, C0/C1
// control codes, and U+FFFD left by a broken encoding. The corpus has a few
// dozen such records; they are left out so the demo text stays verbatim.
func hasHiddenChars(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return true
		}
	}
	return false
}

// selectArticles picks up to per articles for each section, skipping any whose
// headline, body or first paragraph repeats one already taken, and any that
// opens with a stock intro shared by boilerplateLead or more candidates. It
// returns them ordered by
// publication time, then id. Sections with fewer candidates pick first, so an
// article filed under two categories (technology and culture, say) goes to the
// scarcer one. Within a section the picks are evenly spaced over the
// time-ordered candidates, so the demo covers many dates.
func selectArticles(cands []article, per int) []article {
	leads := map[string]int{}
	for _, a := range cands {
		leads[lead(a)]++
	}
	bySection := map[string][]article{}
	for _, a := range cands {
		if leads[lead(a)] >= boilerplateLead {
			continue
		}
		bySection[a.Section] = append(bySection[a.Section], a)
	}
	order := make([]string, 0, len(sections))
	for _, s := range sections {
		order = append(order, s.slug)
	}
	slices.SortStableFunc(order, func(x, y string) int {
		if c := len(bySection[x]) - len(bySection[y]); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})

	seen := newDedup()
	var chosen []article
	for _, slug := range order {
		pool := bySection[slug]
		slices.SortFunc(pool, byTimeThenID)
		// Drop what repeats an article already chosen or an earlier candidate
		// of this section, then space the picks over what is left.
		local := newDedup()
		var unique []article
		for _, a := range pool {
			if seen.has(a) || local.has(a) {
				continue
			}
			local.add(a)
			unique = append(unique, a)
		}
		for _, i := range pickEvenly(len(unique), per) {
			seen.add(unique[i])
			chosen = append(chosen, unique[i])
		}
	}
	slices.SortFunc(chosen, byTimeThenID)
	return chosen
}

// lead returns an article's first paragraph.
func lead(a article) string {
	if len(a.Paragraphs) == 0 {
		return ""
	}
	return a.Paragraphs[0]
}

func byTimeThenID(x, y article) int {
	if c := x.at.Compare(y.at); c != 0 {
		return c
	}
	return strings.Compare(x.ID, y.ID)
}

// dedup remembers the headlines, bodies and first paragraphs of articles,
// compared after cleaning. The first paragraph catches the corpus's reworked
// copies of one story, whose bodies differ by a sentence.
type dedup struct {
	headlines, bodies, leads map[string]bool
}

func newDedup() *dedup {
	return &dedup{headlines: map[string]bool{}, bodies: map[string]bool{}, leads: map[string]bool{}}
}

func (d *dedup) has(a article) bool {
	return d.headlines[a.Headline] || d.bodies[a.body] || d.leads[lead(a)]
}

func (d *dedup) add(a article) {
	d.headlines[a.Headline] = true
	d.bodies[a.body] = true
	d.leads[lead(a)] = true
}

// pickEvenly returns k indexes spread evenly over 0..n-1 (the middle of each of
// k equal slices), or all of them when n <= k.
func pickEvenly(n, k int) []int {
	if n <= 0 || k <= 0 {
		return nil
	}
	if k > n {
		k = n
	}
	idx := make([]int, k)
	for i := range idx {
		idx[i] = (2*i + 1) * n / (2 * k)
	}
	return idx
}

// encode writes the articles as gzipped JSON Lines with a zero timestamp and no
// file name in the gzip header, so equal input gives equal bytes.
func encode(articles []article) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.ModTime = time.Time{}
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	for _, a := range articles {
		if err := enc.Encode(a); err != nil {
			return nil, fmt.Errorf("encode %s: %w", a.ID, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFileAtomic replaces path with data so a failed run never leaves half a
// file behind.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".gen-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
