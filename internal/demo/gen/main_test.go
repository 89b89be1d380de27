package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCleanLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t \u00a0 ", ""},
		{"trim and collapse", "  تونس   العاصمة\t\tاليوم  ", "تونس العاصمة اليوم"},
		{"keeps harakat", "كَتَبَ   الوَلَدُ", "كَتَبَ الوَلَدُ"},
		{"keeps shadda and sukun", " مُدَرِّسٌ\t\tمَدْرَسَة ", "مُدَرِّسٌ مَدْرَسَة"},
		{"keeps tatweel", "جـــــميل  جدا", "جـــــميل جدا"},
		{"keeps quotes and punctuation", `مخرج "غدوة حيّ"  :  الفيلم «جديد»`, `مخرج "غدوة حيّ" : الفيلم «جديد»`},
		{"no-break space becomes a space", "فخر\u00a0الدين  -\u00a0\u00a0الجزيري", "فخر الدين - الجزيري"},
		{"latin inside arabic", "لطفي عاشور  Demain Dès l'Aube", "لطفي عاشور Demain Dès l'Aube"},
		{"bidi mark is not white space", "حادث مرور \u200e", "حادث مرور \u200e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanLine(tt.in); got != tt.want {
				t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"only blank lines", "\n \n\t\n", nil},
		{"one", "فقرة واحدة", []string{"فقرة واحدة"}},
		{"drops empty and trims", "  الأولى  \n\n \u00a0\n الثانية   هنا \n", []string{"الأولى", "الثانية هنا"}},
		{"carriage returns", "الأولى\r\nالثانية\r\n", []string{"الأولى", "الثانية"}},
		{"double spaces stay inside one paragraph", "جملة أولى.  جملة ثانية.", []string{"جملة أولى. جملة ثانية."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitParagraphs(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("splitParagraphs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSectionFor(t *testing.T) {
	tests := []struct {
		cat, want string
		ok        bool
	}{
		{"localNews", "national", true},
		{"sport", "sport", true},
		{"internationalNews", "world", true},
		{"society", "society", true},
		{"politic", "politics", true},
		{"diverse", "misc", true},
		{"economy", "economy", true},
		{"culture", "culture", true},
		{"technology", "technology", true},
		{"", "", false},
		{"Sport", "", false},
		{"politics", "", false},
	}
	for _, tt := range tests {
		got, ok := sectionFor(tt.cat)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sectionFor(%q) = %q, %v; want %q, %v", tt.cat, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBodyProblem(t *testing.T) {
	// The body length counts the runes of the paragraphs joined by one newline.
	b := func(n int) string { return strings.Repeat("ب", n) }
	tests := []struct {
		name       string
		paragraphs []string
		want       string
	}{
		{"none", nil, "few-paragraphs"},
		{"one long paragraph", []string{b(1000)}, "few-paragraphs"},
		{"299 runes", []string{b(149), b(149)}, "body-too-short"},
		{"300 runes", []string{b(149), b(150)}, ""},
		{"6000 runes", []string{b(3000), b(2999)}, ""},
		{"6001 runes", []string{b(3000), b(3000)}, "body-too-long"},
		{"harakat count as characters", []string{strings.Repeat("بَ", 75), strings.Repeat("تُ", 75)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bodyProblem(tt.paragraphs); got != tt.want {
				t.Errorf("bodyProblem = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHasHiddenChars(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"كَتَبَ الوَلَدُ الدَّرْسَ", false},
		{"جـــميل", false},
		{"TU 216 « نص » “quote”", false},
		{"حادث مرور\u200e", true},        // left-to-right mark
		{"بالجهة.\u200f", true},          // right-to-left mark
		{"\u202eنص\u202c", true},         // right-to-left override, pop
		{"\u200bقام الاتحاد", true},      // zero-width space
		{"الرحلة TU 216\u008f", true},    // C1 control code
		{"line\nbreak", true},            // paragraphs never keep one
		{"broken \ufffd encoding", true}, // replacement character
	}
	for _, tt := range tests {
		if got := hasHiddenChars(tt.in); got != tt.want {
			t.Errorf("hasHiddenChars(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPickEvenly(t *testing.T) {
	tests := []struct {
		n, k int
		want []int
	}{
		{0, 3, nil},
		{5, 0, nil},
		{3, 5, []int{0, 1, 2}},
		{5, 5, []int{0, 1, 2, 3, 4}},
		{10, 3, []int{1, 5, 8}},
		{10, 1, []int{5}},
		{100, 4, []int{12, 37, 62, 87}},
	}
	for _, tt := range tests {
		if got := pickEvenly(tt.n, tt.k); !slices.Equal(got, tt.want) {
			t.Errorf("pickEvenly(%d, %d) = %v, want %v", tt.n, tt.k, got, tt.want)
		}
	}
}

// body returns a valid article body whose first paragraph starts with tag.
func body(tag string) string {
	return tag + " " + strings.Repeat("أعلنت الوزارة اليوم عن برنامج جديد ", 5) +
		"\n" + strings.Repeat("وأضاف المصدر أن التنفيذ سيبدأ قريبا ", 5)
}

func rec(docno, cat, title, when, text string) record {
	return record{
		Docno: docno, URL: "http://www.jawharafm.net/ar/article/x/1/" + docno,
		Src: "Jawhara FM", Cat: cat, Title: title, Time: when, Text: text,
	}
}

// cand converts a record that must be a valid candidate.
func cand(t *testing.T, r record) article {
	t.Helper()
	a, reason := convert(r)
	if reason != "" {
		t.Fatalf("convert(%s): %s", r.Docno, reason)
	}
	return a
}

func TestConvert(t *testing.T) {
	good := rec("JA-sport-12-20170105", "sport", "  النَّجم   الساحلي\tيفوز ", "2017-01-05T14:20:00+01:00",
		"  الفقرة   الأولى "+strings.Repeat("نص ", 100)+"\n\n\u00a0\nالفقرة الثانية")
	good.Abstract = " ملخّص   الخبر "
	a := cand(t, good)
	want := article{
		ID: "JA-sport-12-20170105", Section: "sport", Headline: "النَّجم الساحلي يفوز",
		Summary:    "ملخّص الخبر",
		Paragraphs: []string{"الفقرة الأولى " + strings.TrimSpace(strings.Repeat("نص ", 100)), "الفقرة الثانية"},
		Published:  "2017-01-05T14:20:00+01:00",
		SourceURL:  "http://www.jawharafm.net/ar/article/x/1/JA-sport-12-20170105",
	}
	if a.ID != want.ID || a.Section != want.Section || a.Headline != want.Headline || a.Summary != want.Summary ||
		!slices.Equal(a.Paragraphs, want.Paragraphs) || a.Published != want.Published || a.SourceURL != want.SourceURL {
		t.Errorf("convert = %+v\nwant %+v", a, want)
	}
	if wantAt := time.Date(2017, 1, 5, 13, 20, 0, 0, time.UTC); !a.at.Equal(wantAt) {
		t.Errorf("at = %v, want %v", a.at, wantAt)
	}

	long := body("x")
	tests := []struct {
		name string
		edit func(*record)
		want string
	}{
		{"no category", func(r *record) { r.Cat = "" }, "no-category"},
		{"unknown category", func(r *record) { r.Cat = "weather" }, "no-category"},
		{"malformed docno", func(r *record) { r.Docno = "92" }, "bad-docno"},
		{"date only", func(r *record) { r.Time = "05/01/2017" }, "time-not-rfc3339"},
		{"no offset", func(r *record) { r.Time = "2017-01-22T185600" }, "time-not-rfc3339"},
		{"no url", func(r *record) { r.URL = "" }, "bad-url"},
		{"blank headline", func(r *record) { r.Title = " \u00a0 " }, "no-headline"},
		{"one paragraph", func(r *record) { r.Text = strings.ReplaceAll(long, "\n", " ") }, "few-paragraphs"},
		{"short body", func(r *record) { r.Text = "قصير\nجدا" }, "body-too-short"},
		{"bidi mark in headline", func(r *record) { r.Title += "\u200e" }, "hidden-chars"},
		{"zero-width space in summary", func(r *record) { r.Abstract = "\u200bقام" }, "hidden-chars"},
		{"override in body", func(r *record) { r.Text = "\u202e" + long }, "hidden-chars"},
		{"valid", func(r *record) {}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rec("JA-sport-12-20170105", "sport", "عنوان", "2017-01-05T14:20:00+01:00", long)
			tt.edit(&r)
			if _, got := convert(r); got != tt.want {
				t.Errorf("convert reason = %q, want %q", got, tt.want)
			}
		})
	}
}

func ids(as []article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestSelectArticlesDuplicates(t *testing.T) {
	c := func(docno, cat, title, when, text string) article {
		return cand(t, rec(docno, cat, title, when, text))
	}
	cands := []article{
		// The same story filed under culture and technology goes to technology,
		// the section with fewer candidates.
		c("JA-culture-38-20170121", "culture", "خصائص يتفوق فيها أندرويد", "2017-01-21T10:00:00+01:00", body("c38")),
		c("JA-technology-1-20170121", "technology", "خصائص يتفوق فيها أندرويد", "2017-01-21T10:00:00+01:00", body("t1")),
		c("JA-culture-50-20170221", "culture", "مهرجان قرطاج", "2017-02-21T09:00:00+01:00", body("c50")),
		c("JA-culture-51-20170225", "culture", "معرض الكتاب", "2017-02-25T09:00:00+01:00", body("c51")),
		// Same body under another headline, later: skipped.
		c("JA-culture-52-20170304", "culture", "عنوان آخر لمعرض الكتاب", "2017-03-04T09:00:00+01:00", body("c51")),
		// Same headline within a section (a recurring weather item): the first stays.
		c("JA-localNews-17-20170121", "localNews", "طقس اليوم السبت", "2017-01-21T07:00:00+01:00", body("w1")),
		c("JA-localNews-231-20170128", "localNews", "طقس اليوم السبت", "2017-01-28T07:00:00+01:00", body("w2")),
		// Same first paragraph, body reworked: the first stays.
		c("JA-politic-1-20170301", "politic", "اعتذار النائب", "2017-03-01T12:00:00+01:00", body("p1")),
		c("JA-politic-2-20170301", "politic", "النائب يعتذر", "2017-03-01T13:00:00+01:00", body("p1")+"\nفقرة مضافة"),
		// Time ties are ordered by id.
		c("JA-economy-2-20170301", "economy", "البنك المركزي", "2017-03-01T12:00:00+01:00", body("e2")),
	}
	got := ids(selectArticles(cands, 40))
	want := []string{
		"JA-localNews-17-20170121",
		"JA-technology-1-20170121",
		"JA-culture-50-20170221",
		"JA-culture-51-20170225",
		"JA-economy-2-20170301",
		"JA-politic-1-20170301",
	}
	if !slices.Equal(got, want) {
		t.Errorf("selectArticles =\n%q\nwant\n%q", got, want)
	}
}

func TestSelectArticlesBoilerplateAndSpread(t *testing.T) {
	var cands []article
	start := time.Date(2017, 1, 1, 8, 0, 0, 0, time.FixedZone("", 3600))
	// Ten sport articles a day apart, given out of order.
	for _, i := range []int{7, 2, 9, 0, 4, 1, 8, 3, 6, 5} {
		when := start.AddDate(0, 0, i)
		docno := fmt.Sprintf("JA-sport-%d-%s", i, when.Format("20060102"))
		cands = append(cands, cand(t, rec(docno, "sport", fmt.Sprintf("مباراة رقم %d", i),
			when.Format(time.RFC3339), body(docno))))
	}
	// Five round-ups opening with the same stock sentence: all left out.
	for i := range boilerplateLead {
		when := start.AddDate(0, 0, i)
		docno := fmt.Sprintf("JA-localNews-%d-%s", i, when.Format("20060102"))
		text := "موعد يومي مع أبرز الأحداث والمستجدات على الساحة الوطنية\n" + body(docno)
		cands = append(cands, cand(t, rec(docno, "localNews", fmt.Sprintf("أبرز أخبار اليوم %d", i),
			when.Format(time.RFC3339), text)))
	}
	got := ids(selectArticles(cands, 3))
	want := []string{"JA-sport-1-20170102", "JA-sport-5-20170106", "JA-sport-8-20170109"}
	if !slices.Equal(got, want) {
		t.Errorf("selectArticles = %q, want %q", got, want)
	}
}

func TestEncode(t *testing.T) {
	a := cand(t, rec("JA-culture-1-20170120", "culture", `مخرج "غدوة حيّ" : <الفيلم> & الموسيقى`,
		"2017-01-20T21:43:00+01:00", body("c1")))
	first, err := encode([]article{a})
	if err != nil {
		t.Fatal(err)
	}
	second, err := encode([]article{a})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("encode is not deterministic")
	}
	zr, err := gzip.NewReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("gzip header ModTime = %v, Name = %q; want zero and empty", zr.ModTime, zr.Name)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	line := string(raw)
	wantPrefix := `{"id":"JA-culture-1-20170120","section":"culture","headline":"مخرج \"غدوة حيّ\" : <الفيلم> & الموسيقى","summary":"","paragraphs":["c1 `
	if !strings.HasPrefix(line, wantPrefix) {
		t.Errorf("line starts %q,\nwant %q", line[:min(len(line), len(wantPrefix))], wantPrefix)
	}
	wantSuffix := `"],"published":"2017-01-20T21:43:00+01:00","source_url":"http://www.jawharafm.net/ar/article/x/1/JA-culture-1-20170120"}` + "\n"
	if !strings.HasSuffix(line, wantSuffix) {
		t.Errorf("line ends %q, want %q", line[max(0, len(line)-len(wantSuffix)):], wantSuffix)
	}
}

// TestRun builds a small corpus with every section and checks that two runs
// write the same bytes with the expected counts.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var src bytes.Buffer
	zw := gzip.NewWriter(&src)
	enc := json.NewEncoder(zw)
	start := time.Date(2016, 12, 1, 9, 0, 0, 0, time.FixedZone("", 3600))
	for _, s := range sections {
		for i := range 45 {
			when := start.Add(time.Duration(i) * 26 * time.Hour)
			docno := fmt.Sprintf("JA-%s-%d-%s", s.cat, i+1, when.Format("20060102"))
			r := rec(docno, s.cat, "خبر "+docno, when.Format(time.RFC3339), body(docno))
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A record without a category and one with a date only are skipped.
	for _, r := range []record{
		rec("92", "", "بلا قسم", "2017-02-01T23:08:00+01:00", body("92")),
		rec("JA-sport-999-20170105", "sport", "تاريخ فقط", "05/01/2017", body("999")),
	} {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.jsonl.gz")
	if err := os.WriteFile(in, src.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	var outs [][]byte
	for _, name := range []string{"a/out.jsonl.gz", "b/out.jsonl.gz"} {
		out := filepath.Join(dir, name)
		var log bytes.Buffer
		if err := run([]string{"-in", in, "-out", out}, &log); err != nil {
			t.Fatalf("run: %v\n%s", err, log.String())
		}
		if !strings.Contains(log.String(), "total      360 articles") ||
			!strings.Contains(log.String(), "no-category=1") ||
			!strings.Contains(log.String(), "time-not-rfc3339=1") {
			t.Errorf("log:\n%s", log.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs wrote different bytes")
	}
}

func TestRunRejectsThinOutput(t *testing.T) {
	dir := t.TempDir()
	var src bytes.Buffer
	zw := gzip.NewWriter(&src)
	if err := json.NewEncoder(zw).Encode(rec("JA-sport-1-20170105", "sport", "خبر", "2017-01-05T10:00:00+01:00", body("s"))); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.jsonl.gz")
	if err := os.WriteFile(in, src.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl.gz")
	err := run([]string{"-in", in, "-out", out}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "only 1 articles selected") {
		t.Errorf("run error = %v, want a too-few-articles error", err)
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Errorf("output written despite the error: %v", statErr)
	}
}
