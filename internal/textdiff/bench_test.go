package textdiff_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/midad/midad/internal/textdiff"
)

// antCorpus is the ANT corpus (Arabic news from Jawhara FM, Apache License
// 2.0; see NOTICE) beside the repository, as ../shared/data/README says;
// $MIDAD_ANT overrides it. Without it the benchmarks use generated words.
const antCorpus = "../../../shared/data/ant-v1.1/articles.jsonl.gz"

// benchWords is the length of the benchmark texts, a long feature article
// several times over.
const benchWords = 5000

// BenchmarkWords diffs a ~5,000-word Arabic text against itself with 20
// scattered edits: typos, replaced, inserted and deleted words, commas.
func BenchmarkWords(b *testing.B) {
	old, edited := benchTexts(b, 0)
	b.SetBytes(int64(len(old) + len(edited)))
	b.ReportAllocs()
	var ops []textdiff.Op
	for b.Loop() {
		ops = textdiff.Words(old, edited)
	}
	b.ReportMetric(float64(changes(ops)), "changes")
}

// BenchmarkLines is BenchmarkWords through Lines.
func BenchmarkLines(b *testing.B) {
	old, edited := benchTexts(b, 0)
	b.SetBytes(int64(len(old) + len(edited)))
	b.ReportAllocs()
	var ops []textdiff.Op
	for b.Loop() {
		ops = textdiff.Lines(old, edited)
	}
	b.ReportMetric(float64(changes(ops)), "changes")
}

// BenchmarkWordsRewritten diffs two unrelated ~5,000-word texts: the worst
// case, which the edit bound keeps in check.
func BenchmarkWordsRewritten(b *testing.B) {
	old, _ := benchTexts(b, 0)
	other, _ := benchTexts(b, 1)
	b.SetBytes(int64(len(old) + len(other)))
	b.ReportAllocs()
	for b.Loop() {
		textdiff.Words(old, other)
	}
}

// changes counts the Delete and Insert ops.
func changes(ops []textdiff.Op) int {
	n := 0
	for _, op := range ops {
		if op.Kind != textdiff.Equal {
			n++
		}
	}
	return n
}

// benchTexts returns a text of about benchWords words, the part-th such
// slice of the corpus, and the same text with 20 scattered edits.
func benchTexts(b *testing.B, part int) (old, edited string) {
	b.Helper()
	paras, err := corpusParagraphs(benchWords * (part + 1))
	if err != nil {
		b.Logf("using generated words: %v", err)
		paras = generatedParagraphs(benchWords*(part+1), uint64(part))
	}
	var sb strings.Builder
	words := 0
	for _, p := range paras {
		n := len(strings.Fields(p))
		words += n
		if words-n < benchWords*part {
			continue
		}
		sb.WriteString(p)
		sb.WriteByte('\n')
	}
	old = strings.TrimSuffix(sb.String(), "\n")
	return old, scatterEdits(old, 20, uint64(part))
}

// corpusParagraphs reads paragraphs of the corpus until they hold at least
// words words.
func corpusParagraphs(words int) ([]string, error) {
	path := antCorpus
	if p := os.Getenv("MIDAD_ANT"); p != "" {
		path = p
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	var paras []string
	n := 0
	for n < words && sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for p := range strings.SplitSeq(rec.Text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
				n += len(strings.Fields(p))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if n < words {
		return nil, fmt.Errorf("%s: only %d words", path, n)
	}
	return paras, nil
}

// generatedParagraphs makes Arabic-looking paragraphs of 40–80 words from a
// small vocabulary, with commas and full stops.
func generatedParagraphs(words int, seed uint64) []string {
	vocab := strings.Fields("قال أعلن الوزير الحكومة في من على إلى أن المغرب تونس الرئيس اليوم أمس المعرض الأمن الوطني الدولي المدير العام مجلس الوزراء زيارة رسمية الشقيقة مباريات كرة القدم المونديال السلطات الجهوية الولاية المحكمة الابتدائية المواطنين الخميس الجمعة")
	rng := rand.New(rand.NewPCG(seed, 7))
	var paras []string
	for n := 0; n < words; {
		m := 40 + rng.IntN(41)
		ws := make([]string, m)
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
			if rng.IntN(12) == 0 {
				ws[i] += "،"
			}
		}
		paras = append(paras, strings.Join(ws, " ")+".")
		n += m
	}
	return paras
}

// scatterEdits makes n edits at evenly spread words of s, cycling through
// a typo (two letters swapped), a replaced word, an inserted word, a
// deleted word and an added comma.
func scatterEdits(s string, n int, seed uint64) string {
	type span struct{ start, end int }
	var spans []span
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				spans = append(spans, span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		spans = append(spans, span{start, len(s)})
	}
	rng := rand.New(rand.NewPCG(seed, 11))
	step := len(spans) / n
	out := s
	for k := n - 1; k >= 0; k-- { // from the end, so earlier offsets stay put
		w := spans[k*step+rng.IntN(step)]
		word := s[w.start:w.end]
		switch k % 5 {
		case 0:
			rs := []rune(word)
			if len(rs) >= 3 && rs[1] != rs[2] {
				rs[1], rs[2] = rs[2], rs[1]
				word = string(rs)
			} else {
				word = "خطأ"
			}
		case 1:
			word = "تعديل"
		case 2:
			word += " إضافة"
		case 3:
			word = ""
		case 4:
			word += "،"
		}
		end := w.end
		if word == "" && end < len(out) {
			_, size := utf8.DecodeRuneInString(out[end:])
			end += size // the space after the deleted word
		}
		out = out[:w.start] + word + out[end:]
	}
	return out
}
