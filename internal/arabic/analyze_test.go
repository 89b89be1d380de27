package arabic

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// word is what a test expects of one token: the word as written in the
// input (text[Start:End]), its Exact form and whether it is a stop word.
type word struct {
	orig, exact string
	stop        bool
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []word
	}{
		{"empty", "", nil},
		{"byline with damma", "ياسين قُطيب", []word{{"ياسين", "ياسين", false}, {"قُطيب", "قطيب", false}}},
		{"full harakat kept in the original", "كَتَبَ الطالبُ", []word{{"كَتَبَ", "كتب", false}, {"الطالبُ", "الطالب", false}}},
		{"arabic punctuation separates", "نعم، لا؛ لماذا؟ «قطر» “الدوحة”", []word{
			{"نعم", "نعم", false}, {"لا", "لا", true}, {"لماذا", "لماذا", true},
			{"قطر", "قطر", false}, {"الدوحة", "الدوحه", false},
		}},
		{"latin punctuation separates", "l'équipe a/b c.d e:f g_h i–j", []word{
			{"l", "l", true}, {"équipe", "equipe", false}, {"a", "a", true}, {"b", "b", false},
			{"c", "c", false}, {"d", "d", true}, {"e", "e", false}, {"f", "f", false},
			{"g", "g", false}, {"h", "h", false}, {"i", "i", false}, {"j", "j", false},
		}},
		{"tatweel inside a word", "كـــتاب جميـــل", []word{{"كـــتاب", "كتاب", false}, {"جميـــل", "جميل", false}}},
		{"tatweel at the edges", "ـــقطرـــ", []word{{"ـــقطرـــ", "قطر", false}}},
		{"tatweel alone is dropped", "ـــ قطر", []word{{"قطر", "قطر", false}}},
		{"only diacritics", "َ ُ ّ", nil},
		{"only punctuation", "!! ... ؟ ، - «»", nil},
		{"presentation forms", "\uFEB3\uFEE0\uFEE3 \uFEF7 \uFDF2", []word{
			{"\uFEB3\uFEE0\uFEE3", "سلم", false}, {"\uFEF7", "لا", true}, {"\uFDF2", "الله", false},
		}},
		{"isolated haraka form inside a word", "ك\uFE70تاب", []word{{"ك\uFE70تاب", "كتاب", false}}},
		{"ligature that folds to a phrase", "محمد ﷺ", []word{{"محمد", "محمد", false}, {"ﷺ", "صلياللهعليهوسلم", false}}},
		{"ornate parentheses separate", "﴿الحمد لله﴾", []word{{"الحمد", "الحمد", false}, {"لله", "لله", false}}},
		{"mixed arabic latin digits", "ميليبول قطر 2022", []word{{"ميليبول", "ميليبول", false}, {"قطر", "قطر", false}, {"2022", "2022", false}}},
		{"hyphenated latin", "COVID-19", []word{{"COVID", "covid", false}, {"19", "19", false}}},
		{"arabic-indic digits", "٢٠٢٢م و۱۴۰۱", []word{{"٢٠٢٢م", "2022م", false}, {"و۱۴۰۱", "و1401", false}}},
		{"arabic decimal separator separates", "٣٫٥", []word{{"٣", "3", false}, {"٥", "5", false}}},
		{"stop words marked", "قال إن الوزير في الرباط على الفور", []word{
			{"قال", "قال", false}, {"إن", "ان", true}, {"الوزير", "الوزير", false}, {"في", "في", true},
			{"الرباط", "الرباط", false}, {"على", "علي", true}, {"الفور", "الفور", false},
		}},
		{"french and english stop words", "Le Maroc et the Kingdom", []word{
			{"Le", "le", true}, {"Maroc", "maroc", false}, {"et", "et", true}, {"the", "the", true}, {"Kingdom", "kingdom", false},
		}},
		{"latin accents folded", "Équipe ÇA déçoit Straße Œuvre", []word{
			{"Équipe", "equipe", false}, {"ÇA", "ca", false}, {"déçoit", "decoit", false},
			{"Straße", "strasse", false}, {"Œuvre", "oeuvre", false},
		}},
		{"decomposed latin accent", "e\u0301quipe", []word{{"e\u0301quipe", "equipe", false}}},
		{"mark that does not compose with a latin letter", "a\u0308\u0323b", []word{{"a\u0308\u0323b", "ab", false}}},
		{"hamza forms folded, not decomposed", "أحمد إبراهيم مؤتمر رئيس مستشفى", []word{
			{"أحمد", "احمد", false}, {"إبراهيم", "ابراهيم", false}, {"مؤتمر", "موتمر", false},
			{"رئيس", "رييس", false}, {"مستشفى", "مستشفي", false},
		}},
		{"other scripts lowercased", "ΑΘΗΝΑ Москва", []word{{"ΑΘΗΝΑ", "αθηνα", false}, {"Москва", "москва", false}}},
		{"marks of other scripts stay in the word", "हिन्दी", []word{{"हिन्दी", "हिन्दी", false}}},
		{"zwnj inside a word joins", "می\u200cخواهم", []word{{"می\u200cخواهم", "ميخواهم", false}}},
		{"zwnj at the edges separates", "\u200cقطر\u200c \u200c", []word{{"قطر", "قطر", false}}},
		{"soft hyphen inside a word", "infor\u00ADmation", []word{{"infor\u00ADmation", "information", false}}},
		{"bidi marks separate", "\u200Fقطر\u200F", []word{{"قطر", "قطر", false}}},
		{"emoji separates", "هدف⚽رائع 🎉", []word{{"هدف", "هدف", false}, {"رائع", "رايع", false}}},
		{"fts and sql operators are separators", `"قطر" OR x* -y NEAR(a) '; DROP`, []word{
			{"قطر", "قطر", false}, {"OR", "or", false}, {"x", "x", false}, {"y", "y", false},
			{"NEAR", "near", false}, {"a", "a", true}, {"DROP", "drop", false},
		}},
		{"newlines and tabs", "قطر\n\tمغرب\r\n", []word{{"قطر", "قطر", false}, {"مغرب", "مغرب", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in)
			var words []word
			for _, tok := range got {
				words = append(words, word{tt.in[tok.Start:tok.End], tok.Exact, tok.Stop})
			}
			if !reflect.DeepEqual(words, tt.want) {
				t.Errorf("Tokenize(%q)\n got %+v\nwant %+v", tt.in, words, tt.want)
			}
		})
	}
}

func TestTokenizeOffsets(t *testing.T) {
	tests := []struct {
		in   string
		want [][2]int
	}{
		{"قطر\xffمغرب", [][2]int{{0, 6}, {7, 15}}},
		{"\xff\xfeقطر", [][2]int{{2, 8}}},
		{"قط\xd8", [][2]int{{0, 4}}}, // a truncated rune at the end
		{"ab \xe2\x80 cd", [][2]int{{0, 2}, {6, 8}}},
		{"ياسين قُطيب", [][2]int{{0, 10}, {11, 21}}},
		{"  COVID-19  ", [][2]int{{2, 7}, {8, 10}}},
		{"a\u200cb", [][2]int{{0, 5}}},
		{"a\u200c\u200c", [][2]int{{0, 1}}},
	}
	for _, tt := range tests {
		var got [][2]int
		for _, tok := range Tokenize(tt.in) {
			got = append(got, [2]int{tok.Start, tok.End})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) offsets = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTokenizeFields checks Stem, Alts and Stop on whole tokens.
func TestTokenizeFields(t *testing.T) {
	got := Tokenize("بقطر، والوزيرُ في لبنان COVID")
	want := []Token{
		{Start: 0, End: 8, Exact: "بقطر", Stem: "بقطر", Alts: []string{"قطر"}},
		{Start: 11, End: 27, Exact: "والوزير", Stem: "وزير"},
		{Start: 28, End: 32, Exact: "في", Stem: "في", Stop: true},
		{Start: 33, End: 43, Exact: "لبنان", Stem: "لبنان"},
		{Start: 44, End: 49, Exact: "covid", Stem: "covid"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokenize:\n got %+v\nwant %+v", got, want)
	}
}

// TestFoldSimple checks the shortcut against the general path on the
// words it takes and that it leaves the others to it.
func TestFoldSimple(t *testing.T) {
	for _, w := range []string{
		"قطر", "قُطيب", "كـــتاب", "أإآ", "مستشفى", "مؤتمر", "رئيس", "مدرسة", "هٰذا",
		"٢٠٢٢م", "COVID", "abc123", "ـــ", "ً", "", "ا\u0654", "و\u0654ي\u0655",
	} {
		got, ok := foldSimple(w)
		if !ok {
			t.Errorf("foldSimple(%q) declined", w)
			continue
		}
		if want := exactFormSlow(w); got != want {
			t.Errorf("foldSimple(%q) = %q, want %q", w, got, want)
		}
	}
	for _, w := range []string{"équipe", "ٱلله", "ﻻ", "a\u200cb", "a-b", "ی", "۱۴", "α"} {
		if got, ok := foldSimple(w); ok {
			t.Errorf("foldSimple(%q) = %q, want it left to the general path", w, got)
		}
	}
}

// TestTokenizeExactIsStable checks that analyzing a token's Exact again
// gives back the same token: a query typed in folded form finds the
// indexed word.
func TestTokenizeExactIsStable(t *testing.T) {
	text := "ياسين قُطيب كـــتاب ﷺ ك\uFE70تاب Équipe a\u0308\u0323b ﻷ ٢٠٢٢م والوزراء"
	for _, tok := range Tokenize(text) {
		again := Tokenize(tok.Exact)
		if len(again) != 1 || again[0].Exact != tok.Exact || again[0].Stem != tok.Stem {
			t.Errorf("Tokenize(%q) = %+v, want the one token %q", tok.Exact, again, tok.Exact)
		}
	}
}

func TestIsStopWord(t *testing.T) {
	for _, w := range []string{"في", "من", "الي", "علي", "ان", "الذي", "التي", "هذه", "كانت", "و", "the", "les"} {
		if !IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"قطر", "وزير", "فلسطين", "إلى", "هذة", "maroc", ""} {
		if IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = true, want false", w)
		}
	}
	// The list is written in folded form, so that Exact finds it.
	for w := range stopWords {
		if f := Fold(w); f != w {
			t.Errorf("stop word %q is not folded (Fold gives %q)", w, f)
		}
	}
	if n := len(stopWords); n < 150 {
		t.Errorf("%d stop words, want about 150 or more", n)
	}
}

// FuzzTokenize checks what callers rely on, whatever the text: no panic;
// offsets within bounds, in order and not overlapping; each span is a
// maximal word; Exact is the folded span (Fold itself for plain Arabic, Fold
// with Latin accents and stray spaces removed otherwise, the shortcut for
// common words agreeing with the general path), never empty, valid UTF-8
// and made of word runes only; analysis of Exact gives Exact back; Stem,
// Alts and Stop are those of Exact.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"ياسين قُطيب", "كـــتاب", "ميليبول قطر 2022", "COVID-19", "Équipe", "قطر\xffمغرب",
		"\uFEB3\uFEE0\uFEE3 ﷺ ﴿x﴾", "ك\uFE70تاب", "a\u0308\u0323b", "می\u200cخواهم\u200c",
		"e\uFE70\u0301", "\u0301", "بالمدرسة للمعرض والفلسطينيون", "\xd8", "ǅ ﬁ ẞ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prevEnd := 0
		for _, tok := range Tokenize(s) {
			if tok.Start < prevEnd || tok.Start >= tok.End || tok.End > len(s) {
				t.Fatalf("Tokenize(%q): token [%d,%d) after %d", s, tok.Start, tok.End, prevEnd)
			}
			prevEnd = tok.End
			span := s[tok.Start:tok.End]
			if !utf8.ValidString(span) {
				t.Fatalf("Tokenize(%q): span %q is not valid UTF-8", s, span)
			}
			first, _ := utf8.DecodeRuneInString(span)
			last, _ := utf8.DecodeLastRuneInString(span)
			if isJoiner(first) || isJoiner(last) {
				t.Fatalf("Tokenize(%q): span %q starts or ends with a joiner", s, span)
			}
			if r, size := utf8.DecodeLastRuneInString(s[:tok.Start]); tok.Start > 0 && isWordRune(r, size) {
				t.Fatalf("Tokenize(%q): span %q does not start a word", s, span)
			}
			if r, size := utf8.DecodeRuneInString(s[tok.End:]); tok.End < len(s) && isWordRune(r, size) {
				t.Fatalf("Tokenize(%q): span %q does not end a word", s, span)
			}
			if tok.Exact == "" || !utf8.ValidString(tok.Exact) || !utf8.ValidString(tok.Stem) {
				t.Fatalf("Tokenize(%q): bad token %+v", s, tok)
			}
			// exactFormSlow is the reference without the ASCII/Arabic
			// shortcut that Tokenize takes for most words.
			if want := exactFormSlow(span); tok.Exact != want {
				t.Fatalf("Tokenize(%q): Exact %q, want %q", s, tok.Exact, want)
			}
			if plainArabic(span) && tok.Exact != Fold(span) {
				t.Fatalf("Tokenize(%q): Exact %q, Fold(%q) = %q", s, tok.Exact, span, Fold(span))
			}
			if Fold(tok.Exact) != tok.Exact {
				t.Fatalf("Tokenize(%q): Exact %q is not folded", s, tok.Exact)
			}
			for _, r := range tok.Exact {
				if !isWordRune(r, utf8.RuneLen(r)) {
					t.Fatalf("Tokenize(%q): Exact %q holds %U", s, tok.Exact, r)
				}
			}
			if again := Tokenize(tok.Exact); len(again) != 1 || again[0].Exact != tok.Exact {
				t.Fatalf("Tokenize(%q): Exact %q analyzes to %+v", s, tok.Exact, again)
			}
			wantAlts := Alternatives(tok.Exact)
			if keep := StemKeepingAl(tok.Exact); hamzaAl(s[tok.Start:tok.End]) && keep != "" {
				wantAlts = append(wantAlts, keep)
			}
			if tok.Stem != Stem(tok.Exact) || tok.Stop != IsStopWord(tok.Exact) ||
				!reflect.DeepEqual(tok.Alts, wantAlts) {
				t.Fatalf("Tokenize(%q): token %+v disagrees with Stem/Alternatives/StemKeepingAl/IsStopWord", s, tok)
			}
			if len(tok.Alts) > 3 {
				t.Fatalf("Tokenize(%q): %d alternatives", s, len(tok.Alts))
			}
		}
	})
}

// plainArabic reports whether s holds only Arabic letters, harakat and
// tatweel (U+0621–U+065F), the case where Exact must be Fold's output.
func plainArabic(s string) bool {
	for _, r := range s {
		if r < 0x0621 || r > 0x065F {
			return false
		}
	}
	return true
}
