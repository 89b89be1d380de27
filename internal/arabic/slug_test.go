package arabic

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSlugify(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"arabic headline", "حموشي في ضيافة رئيس مجلس الوزراء", 0, "حموشي-في-ضيافة-رئيس-مجلس-الوزراء"},
		{"diacritics stripped", "ياسين قُطيب", 0, "ياسين-قطيب"},
		{"ascii digits", "ميليبول قطر 2022", 0, "ميليبول-قطر-2022"},
		{"french accents and apostrophe", "Coupe du Monde: l'équipe", 0, "coupe-du-monde-l-equipe"},
		{"arabic digits and guillemets", "٢٠٢٢ «كأس»", 0, "2022-كأس"},
		{"persian digits", "سال ۱۴۰۱", 0, "سال-1401"},
		{"hamza forms kept", "أمن إدارة آمال مؤتمر رئيس", 0, "أمن-إدارة-آمال-مؤتمر-رئيس"},
		{"ta marbuta and alef maqsura kept", "مدرسة على", 0, "مدرسة-على"},
		{"decomposed hamza composes", "ا\u0654من", 0, "أمن"},
		{"tatweel and superscript alef", "هٰذا جـــميل", 0, "هذا-جميل"},
		{"presentation forms fold", "\uFEDF\uFEE8\uFEA0\uFEEE", 0, "لنجو"},
		{"lam-alef ligature keeps hamza", "\uFEF7", 0, "لأ"},
		{"arabic punctuation", "نعم، لا؛ لماذا؟", 0, "نعم-لا-لماذا"},
		{"curly quotes", "“قال” ‘ok’", 0, "قال-ok"},
		{"zwnj splits", "می\u200cخواهم", 0, "می-خواهم"},
		{"bidi controls", "\u202Bعربي\u202C \u2067x\u2069", 0, "عربي-x"},
		{"emoji", "هدف ⚽🔥 رائع", 0, "هدف-رائع"},
		{"emoji only", "🎉🎉", 0, ""},
		{"empty", "", 0, ""},
		{"only punctuation", " -- !! ", 0, ""},
		{"leading and trailing separators", "  ...مرحبا...  ", 0, "مرحبا"},
		{"uppercase latin", "RABAT Ville", 0, "rabat-ville"},
		{"latin folding", "Ça déçoit à Marrakech", 0, "ca-decoit-a-marrakech"},
		{"latin ligatures", "Œuvre Straße Ærø", 0, "oeuvre-strasse-aero"},
		{"fullwidth latin", "ＡＢＣ１２", 0, "abc12"},
		{"greek lowercased", "ΑΘΗΝΑ", 0, "αθηνα"},
		{"devanagari vowel signs kept", "हिन्दी", 0, "हिन्दी"},
		{"quranic annotation dropped", "الرحيم\u06D6 قال", 0, "الرحيم-قال"},
		{"stray combining mark dropped", "\u0301abc", 0, "abc"},
		{"invalid utf-8 is a separator", "a\xffb", 0, "a-b"},
		{"invalid byte does not hide a compatibility form", "\xf0\u037Aب", 0, "ب"},
		{"cut at last dash", "حموشي في ضيافة رئيس مجلس الوزراء", 20, "حموشي-في-ضيافة-رئيس"},
		{"cut exactly on a boundary", "abc def ghi", 7, "abc-def"},
		{"cut leaves whole slug when it fits", "abc def", 7, "abc-def"},
		{"hard cut without dash", "abcdefghij", 4, "abcd"},
		{"hard cut arabic runes", "الوزراء", 3, "الو"},
		{"cut then trim", "ab cdefgh", 4, "ab"},
		{"limit one", "a b", 1, "a"},
		{"negative limit means none", "a b c", -1, "a-b-c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slugify(tt.in, tt.max); got != tt.want {
				t.Errorf("Slugify(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// FuzzSlugify checks the properties every slug must have, whatever the
// input: URL routing relies on them.
func FuzzSlugify(f *testing.F) {
	seeds := []struct {
		s   string
		max uint8
	}{
		{"حموشي في ضيافة رئيس مجلس الوزراء", 20},
		{"ياسين قُطيب", 0},
		{"ميليبول قطر 2022", 80},
		{"Coupe du Monde: l'équipe", 10},
		{"٢٠٢٢ «كأس»", 3},
		{"\uFEF7\uFDF2 ﷺ", 5},
		{"हिन्दी ᄀ\u0640ᅡ", 2},
		{"α\u0640\u0301 a\xff\u200c-b", 1},
		{"", 1},
	}
	for _, s := range seeds {
		f.Add(s.s, s.max)
	}
	f.Fuzz(func(t *testing.T, s string, max uint8) {
		limit := int(max) // 0 means no limit
		got := Slugify(s, limit)
		if !utf8.ValidString(got) {
			t.Fatalf("Slugify(%q, %d) = %q: invalid UTF-8", s, limit, got)
		}
		if again := Slugify(got, limit); again != got {
			t.Fatalf("not idempotent: Slugify(%q, %d) = %q, then %q", s, limit, got, again)
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") {
			t.Fatalf("Slugify(%q, %d) = %q: dash at an end", s, limit, got)
		}
		if strings.Contains(got, "--") {
			t.Fatalf("Slugify(%q, %d) = %q: double dash", s, limit, got)
		}
		if n := utf8.RuneCountInString(got); limit > 0 && n > limit {
			t.Fatalf("Slugify(%q, %d) = %q: %d runes", s, limit, got, n)
		}
		for _, r := range got {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r) {
				t.Fatalf("Slugify(%q, %d) = %q: unexpected rune %U", s, limit, got, r)
			}
		}
	})
}
