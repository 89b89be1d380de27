package bench

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/midad/midad/internal/arabic"
)

// Word is one word of a rewritten title: as the headline has it (vowels
// and all) and as the reader types it.
type Word struct {
	Orig, Typed string
	Changed     bool // an article or clitic was added or removed
}

// Words cuts text into words: maximal runs of letters, digits and
// combining marks (harakat), with tatweel. Everything else, punctuation and
// quotes among it, separates words and is dropped, as a reader typing a
// headline into a search box drops it.
func Words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 'ـ')
	})
}

// Rewrite spells a headline the way readers type it: without harakat and
// tatweel; with أ إ آ as ا, ؤ as و, ئ as ي, ى as ي and a final ة as ه; with
// no punctuation; and, for about a third of the words that can take one,
// with the article ال or a one-letter clitic (و ب ل ف ك) added or removed.
// The choices come from rng, so a fixed seed gives the same queries every
// run.
//
// The article and clitics are added or removed on the headline's spelling,
// before hamza is dropped, so that the ال of إلغاء, which is not the
// article, stays. Only Arabic words of three letters or more that are not
// stop words change (readers do not type وفي for في, and changing stop
// words would only hurt the baseline, which indexes them), and not those
// that begin with a letter that may be a clitic (وزير, بنزرت, but also
// ومدني), since whether it is one is for the analyzer to guess: الومدني is
// not something a reader types.
func Rewrite(title string, rng *rand.Rand) []Word {
	var out []Word
	for _, w := range Words(title) {
		plain := stripMarks(w)
		if plain == "" {
			continue
		}
		word := Word{Orig: w, Typed: dropHamza(plain)}
		if changeable(plain) && rng.IntN(3) == 0 {
			if ch, ok := changeAffix(plain, rng); ok {
				word.Typed, word.Changed = dropHamza(ch), true
			}
		}
		out = append(out, word)
	}
	return out
}

// Query is the words' typed forms, separated by spaces.
func Query(words []Word) string {
	typed := make([]string, len(words))
	for i, w := range words {
		typed[i] = w.Typed
	}
	return strings.Join(typed, " ")
}

// typeLetters is the letter-level part of Rewrite for one word.
func typeLetters(w string) string { return dropHamza(stripMarks(w)) }

// stripMarks removes harakat, superscript alef and tatweel.
func stripMarks(w string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 'ـ' {
			return -1
		}
		return r
	}, w)
}

// dropHamza writes أ إ آ as ا, ؤ as و, ئ and ى as ي, and a final ة as ه.
func dropHamza(w string) string {
	s := strings.Map(func(r rune) rune {
		switch r {
		case 'أ', 'إ', 'آ':
			return 'ا'
		case 'ؤ':
			return 'و'
		case 'ئ', 'ى':
			return 'ي'
		}
		return r
	}, w)
	if strings.HasSuffix(s, "ة") {
		s = strings.TrimSuffix(s, "ة") + "ه"
	}
	return s
}

// changeable reports whether a word, without its marks, may get or lose an
// article or a clitic: an Arabic word of three letters or more, not a stop
// word, that begins with the article or with a letter that cannot be a
// clitic.
func changeable(w string) bool {
	if utf8.RuneCountInString(w) < 3 || arabic.IsStopWord(arabic.Fold(w)) {
		return false
	}
	for _, r := range w {
		if r < 'ء' || r > 'ي' {
			return false
		}
	}
	if strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "لل") {
		return true
	}
	for _, c := range clitics {
		if rest, ok := strings.CutPrefix(w, c); ok {
			return strings.HasPrefix(rest, "ال")
		}
	}
	return true
}

var clitics = []string{"و", "ب", "ل", "ف", "ك"}

// changeAffix adds or removes an article or a clitic, choosing with rng
// among the changes that make sense for w:
//
//   - a clitic before the article (والحكومة, بالحكومة, للحكومة) is
//     removed, leaving the article (الحكومة);
//   - the article alone (الحكومة) is removed (حكومة), or a clitic is put
//     before it (والحكومة; with ل that is للحكومة);
//   - a bare word (حكومة) gets the article (الحكومة) or a clitic (وحكومة).
//
// A clitic is never taken off a bare word: whether the first letter of
// وزير or بنزرت is a clitic is for the analyzer to guess, not for the
// benchmark to decide. The article is only taken off a word that keeps
// three letters. A word whose own letters begin with ال, like التزام, is
// taken for one with the article: the rules cannot tell, and a few such
// queries (تزام) are nonsense that no analyzer should be blamed for.
func changeAffix(w string, rng *rand.Rand) (string, bool) {
	rest, hasArticle := strings.CutPrefix(w, "ال")
	if !hasArticle {
		if r, ok := strings.CutPrefix(w, "لل"); ok {
			if utf8.RuneCountInString(r) >= 2 {
				return "ال" + r, true
			}
			return "", false
		}
		for _, c := range []string{"و", "ب", "ف", "ك"} {
			if r, ok := strings.CutPrefix(w, c+"ال"); ok && utf8.RuneCountInString(r) >= 2 {
				return "ال" + r, true
			}
		}
	}
	c := clitics[rng.IntN(len(clitics))]
	switch {
	case hasArticle && rng.IntN(2) == 0:
		if utf8.RuneCountInString(rest) < 3 {
			return "", false
		}
		return rest, true
	case hasArticle && c == "ل":
		return "لل" + rest, true
	case hasArticle:
		return c + w, true
	case rng.IntN(2) == 0:
		return "ال" + w, true
	default:
		return c + w, true
	}
}

// SampleTitles picks n records, deterministically from seed, among those
// whose headline has at least three words, one record per distinct
// headline (the corpus repeats some), and returns their indexes in file
// order.
func SampleTitles(recs []Record, n int, seed uint64) []int {
	seen := map[string]bool{}
	var eligible []int
	for i, r := range recs {
		if len(Words(r.Title)) < 3 || seen[r.Title] {
			continue
		}
		seen[r.Title] = true
		eligible = append(eligible, i)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	rng.Shuffle(len(eligible), func(i, j int) { eligible[i], eligible[j] = eligible[j], eligible[i] })
	picked := eligible[:min(n, len(eligible))]
	slices.Sort(picked)
	return picked
}
