package arabic

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stem returns the light stem of folded, a word already passed through Fold
// (as Token.Exact is). It follows Larkey's light10 as Lucene's ArabicStemmer
// implements it, with protections for the words light10 destroys:
//
//  1. Words of two runes or fewer and words with any rune that is not an
//     Arabic letter (Latin words, numbers) are returned as they are.
//  2. A protected word (see protected) is returned as it is; so is one
//     behind one or two one-letter clitics (ولبنان, وبلبنان → لبنان) or
//     followed by light10's suffixes (بيانات → بيان, مكانها → مكان).
//  3. The first of وال بال كال فال لل ال that leaves at least two runes is
//     removed; if none applies, a leading و is removed when three runes
//     remain and the word does not begin with a root whose first letter is
//     و (وزير, وزارة, وطن, …: see rootWaw).
//  4. If what is left is protected, it is returned.
//  5. Each of the suffixes ها ان ات ون ين يه ه ي is removed in that order,
//     once, when the word ends with it and at least two runes remain;
//     removal stops as soon as the word left is protected
//     (الفلسطينيون → فلسطيني → فلسطين).
//
// The result is never empty, never longer than folded and always a part of
// it. Stem is not a fixed point in general: light10 removes one layer of
// affixes, and a stem may itself look as if it had one (والالعاب → العاب,
// then عاب, were العاب not protected). The index and the query go through
// the same single pass, so they agree.
func Stem(folded string) string {
	n := utf8.RuneCountInString(folded)
	if n <= 2 || !isArabicWord(folded) {
		return folded
	}
	if w, ok := protectedBase(folded); ok {
		return w
	}
	w, n := stemPrefix(folded, n)
	if protected[w] {
		return w
	}
	return stemSuffix(w, n)
}

// Alternatives returns the stems folded may stand for when its first letter
// is a one-letter clitic (ب ل ك ف و) rather than part of the word: for
// بقطر (in Qatar) that is [قطر], which Stem cannot know since light10 does
// not remove a lone ب. A word beginning with لل also gets the stem of the
// same word written with ال, since ل + ال is written لل. Only stems that
// differ from Stem(folded) are returned, at most two; nil when none, and
// nil when Stem(folded) is a protected word (لبنان, فلسطين, بيان), whose
// first letter belongs to it.
//
// A word whose leading و, taken for "and", leaves a stem of under three
// runes also gets the stem that keeps the و (ورغي → ورغ beside رغ).
//
// Alternatives are guesses (كتاب gives تاب), meant to be matched with less
// weight than Exact and Stem.
func Alternatives(folded string) []string {
	return alternatives(folded, Stem(folded))
}

// alternatives is Alternatives for a word whose stem is already known.
func alternatives(folded, stem string) []string {
	n := utf8.RuneCountInString(folded)
	if n < 3 || protected[stem] {
		// A protected stem (فلسطين, بيانات → بيان) means the first letter
		// belongs to the word, not to a clitic.
		return nil
	}
	r, size := utf8.DecodeRuneInString(folded)
	ll := strings.HasPrefix(folded, "لل")
	if !ll && (n < 4 || !isClitic(r)) {
		return nil
	}
	var alts []string
	add := func(a string) {
		if a != stem && !slices.Contains(alts, a) {
			alts = append(alts, a)
		}
	}
	if n >= 4 && isClitic(r) {
		add(Stem(folded[size:]))
	}
	if r == 'و' && utf8.RuneCountInString(stem) < 3 && !strings.HasPrefix(stem, "و") {
		// Taking the و for "and" left less than a root: it was more likely
		// the word's own first letter, as in the family name ورغي, which
		// written الورغي stems to ورغ.
		add(stemSuffix(folded, n))
	}
	if ll {
		// لل is ل + ال (للمعرض) or, before a word beginning with ل, ل + ال
		// with one ل dropped (لله, لليل).
		rest := folded[len("لل"):]
		if utf8.RuneCountInString(rest) >= 2 {
			add(Stem("ال" + rest))
		}
		add(Stem("ا" + folded))
	}
	if len(alts) > 2 {
		alts = alts[:2]
	}
	return alts
}

// isArabicWord reports whether every rune of w is an Arabic letter. Stem
// leaves everything else (Latin words, numbers, mixed tokens) alone.
func isArabicWord(w string) bool {
	for _, r := range w {
		if r >= 'ء' && r <= 'ي' && r != 'ـ' { // the common case
			continue
		}
		if !unicode.Is(unicode.Arabic, r) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isClitic reports whether r can be a one-letter proclitic: the
// conjunctions و ف and the prepositions ب ل ك.
func isClitic(r rune) bool {
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
		return true
	}
	return false
}

// protectedBase looks for a protected word in w as it stands or behind one
// or two one-letter clitics (وبلبنان), followed by any of light10's
// suffixes (بيانات, اللبنانيه without the article is handled by Stem's
// later steps), and returns it. A clitic is only taken off when the word
// left has at least four runes: فعلي (actual) must not become علي.
func protectedBase(w string) (string, bool) {
	n := utf8.RuneCountInString(w)
	for range 3 {
		if p, ok := protectedSuffixed(w, n); ok {
			return p, true
		}
		r, size := utf8.DecodeRuneInString(w)
		if !isClitic(r) || n-1 < 4 {
			break
		}
		w, n = w[size:], n-1
	}
	return "", false
}

// protectedSuffixed reports whether w, of n runes, is a protected word, or
// becomes one as light10's suffixes are removed from it in order.
func protectedSuffixed(w string, n int) (string, bool) {
	if protected[w] {
		return w, true
	}
	for _, s := range suffixes {
		if n-s.runes >= 2 && strings.HasSuffix(w, s.text) {
			w, n = w[:len(w)-len(s.text)], n-s.runes
			if protected[w] {
				return w, true
			}
		}
	}
	return "", false
}

// suffixes are light10's suffixes in the order it removes them, folded (so
// ة is ه and ية is يه).
var suffixes = makeAffixes("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

// articlePrefixes are light10's prefixes made of the article ال, with or
// without a clitic before it, longest first.
var articlePrefixes = makeAffixes("وال", "بال", "كال", "فال", "لل", "ال")

type affix struct {
	text  string
	runes int
}

func makeAffixes(list ...string) []affix {
	out := make([]affix, len(list))
	for i, a := range list {
		out[i] = affix{a, utf8.RuneCountInString(a)}
	}
	return out
}

func stemPrefix(w string, n int) (string, int) {
	for _, p := range articlePrefixes {
		if n-p.runes >= 2 && strings.HasPrefix(w, p.text) {
			return w[len(p.text):], n - p.runes
		}
	}
	if n-1 >= 3 && strings.HasPrefix(w, "و") && !startsWithRootWaw(w) {
		return w[len("و"):], n - 1
	}
	return w, n
}

func stemSuffix(w string, n int) string {
	for _, s := range suffixes {
		if n-s.runes >= 2 && strings.HasSuffix(w, s.text) {
			w, n = w[:len(w)-len(s.text)], n-s.runes
			if protected[w] {
				return w
			}
		}
	}
	return w
}

func startsWithRootWaw(w string) bool {
	for _, p := range rootWaw {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// rootWaw are the beginnings, folded, of frequent words whose و is the
// first letter of the root, not the conjunction: a word starting with one
// of them keeps its و (وزير, وزارة, وطني, وقت). A conjunction before such a
// word is still removed (ووزير → وزير) because ووز… starts with none of
// them. The cost is words in which the conjunction happens to be followed
// by the same letters (وعدد, "and a number", keeps its و); Alternatives
// offers the stem without it.
var rootWaw = []string{
	"وزير", "وزار", "وزر", "وطن", "وضع", "وقت", "وصل", "ولاي", "ولد", "وفد",
	"وكال", "واقع", "وجه", "ورق", "وسط", "وعد", "وقف", "وحد", "وثيق", "ورد",
	"وفا", "وجود", "وسيل", "وظيف", "وقع", "وفق", "وجب", "ولي", "وزن", "وصف",
	"وحي", "واد", "وسايل", "وثايق", "وكيل", "وقود", "وصول", "وقوع", "وباء",
	"والد", "وفيات",
}

// protected are folded words that light10 would cut into another word or
// into nothing: names of places and people, months, and common nouns whose
// last letters look like a suffix (لبنان → لبن, فلسطين → فلسط, بيان → بي,
// قانون → قان). A protected word keeps those letters; with a protected
// stem, plurals and adjectives meet their singular (بيانات → بيان,
// الفلسطينيون → فلسطين, اللبنانية → لبنان). Adjectives are not listed: the
// suffix rules bring them to the protected noun.
var protected = makeProtected(
	// Countries, regions and cities.
	"فلسطين", "لبنان", "ايران", "عمان", "بحرين", "سودان", "اردن", "يونان",
	"تونس", "باكستان", "افغانستان", "اذربيجان", "طاجيكستان", "كازاخستان",
	"اوزبكستان", "قرغيزستان", "تركمانستان", "كردستان", "يابان", "صين",
	"المانيا", "البانيا", "الاسكا", "فاتيكان", "تطوان", "تلمسان", "وهران",
	"طهران", "اصفهان", "ميلان", "واشنطن", "برلين", "بكين", "جنين", "دبي",
	"ظبي",
	// People's names.
	"الله", "عبدالله", "علي", "ياسين", "حسين", "امين", "بنيامين", "ياسمين",
	"عثمان", "سليمان", "سلمان", "رمضان", "شعبان", "عدنان", "مروان", "حسان",
	"غسان", "رضوان", "سفيان", "لقمان", "عمران", "نعمان", "حمدان", "زيدان",
	"هارون", "خلدون", "فرعون", "بوتين", "ماكرون", "اردوغان", "مصطفي", "موسي",
	"عيسي", "يحيي",
	// Months (Levantine, and Maghreb ماي and جوان: May and June).
	"نيسان", "حزيران", "تشرين", "كانون", "ماي", "جوان",
	// Common nouns.
	"ميدان", "برلمان", "سلطان", "انسان", "بيان", "امان", "ايمان", "مكان",
	"زمان", "لسان", "ديوان", "بركان", "ميزان", "عنوان", "حيوان", "طيران",
	"قانون", "مليون", "مليار", "الاف", "لجان", "سكان", "اركان", "قران",
	"ضمان", "كيان", "دخان", "اعلان", "امتحان", "تلفزيون", "زيتون", "ليمون",
	"صالون", "مضمون", "طاعون", "شوون", "ديون", "يمين", "ميادين", "قوانين",
	"ملايين", "عناوين", "براكين", "موازين", "تمرين", "تامين", "تعيين",
	"تكوين", "تحسين", "تدشين", "تمكين", "قضيه", "ضحيه", "رويه", "والده",
	"مايه", "هييه", "بييه",
	// Words whose first letters, once hamza is folded (ألعاب, إلغاء), look
	// like the article: light10 would cut العاب to عاب but الالعاب to
	// العاب.
	"العاب", "الوان", "الغام", "القاب", "التزام", "الغاء", "الزام", "القاء",
	"الحاق", "التحاق", "التقاء", "التماس",
)

func makeProtected(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// StemKeepingAl is the light stem of a folded word that begins with ال
// which is not the article: once hamza is folded, ألمانية (المانيه) looks
// like ال + مانيه, yet its ال is the word's own, as in الألمانية, whose stem
// is المان. It removes suffixes only, and returns "" when the word does not
// begin with ال or the result would be the word's Stem anyway.
func StemKeepingAl(folded string) string {
	n := utf8.RuneCountInString(folded)
	if n < 4 || !strings.HasPrefix(folded, "ال") || !isArabicWord(folded) {
		return ""
	}
	w := stemSuffix(folded, n)
	if w == Stem(folded) {
		return ""
	}
	return w
}
