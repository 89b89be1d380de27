package arabic

// stopWords are function words that carry no search meaning on their own,
// written in folded form (see Fold): أ إ آ as ا, ى and ئ as ي, ة as ه,
// ؤ as و. Tokenize marks them; the index and the query side skip them.
//
// Folding merges some function words with names or content words: على
// (on) and علي (Ali) are both علي, إلى (to) and الي (automatic) are both
// الي. The function word is far more frequent, so the folded form is a stop
// word; a search for the name alone still finds it when the caller falls
// back to stop words for a query that has nothing else.
var stopWords = makeSet(
	// Prepositions and adverbs of place and time.
	"في", "من", "الي", "علي", "عن", "مع", "بين", "بعد", "قبل", "حتي",
	"منذ", "خلال", "حول", "ضد", "نحو", "لدي", "عند", "دون", "فوق", "تحت",
	"امام", "وراء", "خلف", "عبر", "ضمن", "مثل", "سوي", "عدا", "حيال",
	"تجاه", "اثناء", "جراء", "رغم", "لدن", "الا",
	// Conjunctions and particles.
	"و", "ف", "ب", "ل", "ك", "او", "ام", "ثم", "بل", "لكن", "ان", "انما",
	"اذ", "اذا", "اذن", "لو", "لولا", "لا", "لم", "لن", "ما", "ماذا",
	"متي", "اين", "كيف", "لماذا", "هل", "قد", "لقد", "سوف", "حيث", "حين",
	"حينما", "بينما", "عندما", "كما", "كي", "لكي", "لان", "اما", "يا",
	"اي", "ايضا", "فقط", "كل", "بعض", "جميع", "غير", "ليس", "ليست",
	"كذلك", "هكذا", "لذلك", "الان", "عده", "كلا",
	// Pronouns and demonstratives.
	"انا", "نحن", "انت", "انتم", "هو", "هي", "هما", "هم", "هن",
	"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هذين", "هاتين",
	"هولاء", "اوليك", "ذاك", "هناك", "هنا", "هنالك",
	// Relative pronouns.
	"الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين",
	"اللواتي", "اللاتي",
	// كان and its sisters.
	"كان", "كانت", "كانوا", "يكون", "تكون", "يكن", "اصبح", "اصبحت",
	"ظل", "مازال", "لايزال", "صار",
	// Frequent clitic combinations, written as one word.
	"وفي", "ومن", "وما", "ولا", "ولم", "ولن", "وهو", "وهي", "وهم", "وكان",
	"وكانت", "وان", "وقد", "ولكن", "والي", "وعلي", "وعن", "ومع", "واذا",
	"فان", "فقد", "فلا", "فهو", "فهي", "بان", "لانه", "لانها", "انه",
	"انها", "منه", "منها", "فيه", "فيها", "عليه", "عليها", "له", "لها",
	"لهم", "به", "بها", "بهم", "عنه", "عنها", "اليه", "اليها", "معه",
	"معها", "لديه", "لديها", "والتي", "والذي", "والذين", "وانه", "وانها",
	"وحتي", "ومنه", "ومنها", "وبين", "وبعد", "وقبل", "وعند", "وخلال",
	"وحول", "وكل", "وبعض", "وهذا", "وهذه", "وذلك", "وتلك", "وهناك", "فيما",
	"بما", "مما", "عما", "لما", "بشان", "لذا", "لهذا", "لهذه", "بهذا",
	"بهذه", "بانه", "بانها",
	// French and English, for Latin words in Arabic text (accents folded).
	"le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et",
	"en", "au", "aux", "a", "the", "of", "and", "an", "to", "in", "is",
)

// IsStopWord reports whether folded, a word already passed through Fold
// (as Token.Exact is), is a stop word.
func IsStopWord(folded string) bool {
	_, ok := stopWords[folded]
	return ok
}

func makeSet(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}
