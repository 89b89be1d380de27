package textdiff

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"أمس (الخميس).", []string{"أمس", " ", "(", "الخميس", ")", "."}},
		{"قال، ثم؛ لماذا؟", []string{"قال", "،", " ", "ثم", "؛", " ", "لماذا", "؟"}},
		{"«نعم» “لا” \"ربما\"", []string{"«", "نعم", "»", " ", "“", "لا", "”", " ", "\"", "ربما", "\""}},
		{"أولا — ثانيا", []string{"أولا", " ", "—", " ", "ثانيا"}},
		{"كَتَبَ  الطّالِبُ\n\nالدرسَ", []string{"كَتَبَ", "  ", "الطّالِبُ", "\n\n", "الدرسَ"}},
		{"قرآنٰ", []string{"قرآنٰ"}},
		{"Jean-Luc l’homme", []string{"Jean-Luc", " ", "l’homme"}},
		{"2.5 1,000 10:30 ٣.١٤", []string{"2.5", " ", "1,000", " ", "10:30", " ", "٣.١٤"}},
		{"2. 3,a b.", []string{"2", ".", " ", "3", ",", "a", " ", "b", "."}},
		{"...", []string{".", ".", "."}},
		{"(\u064e) \u0651", []string{"(\u064e", ")", " \u0651"}},
		{"\u064eأ", []string{"\u064eأ"}},
	}
	for _, tt := range tests {
		if got := tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"أ", []string{"أ"}},
		{"أ\nب\n", []string{"أ\n", "ب\n"}},
		{"أ\n\nب", []string{"أ\n", "\n", "ب"}},
		{"أ\n\u064eب", []string{"أ\n\u064e", "ب"}},
	}
	for _, tt := range tests {
		if got := paragraphs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShortestIsMinimal compares the Myers script with the edit distance
// from the textbook dynamic programme on many small random sequences, and
// checks that the script transforms a into b.
func TestShortestIsMinimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		a := randomSeq(rng, rng.IntN(14), 1+rng.IntN(4))
		b := randomSeq(rng, rng.IntN(14), 1+rng.IntN(4))
		script, ok := shortest(a, b, 1000)
		if !ok {
			t.Fatalf("shortest(%v, %v) gave up", a, b)
		}
		got := replay(t, a, b, script)
		if want := distance(a, b); got != want {
			t.Fatalf("shortest(%v, %v) = %v: %d edits, want %d", a, b, script, got, want)
		}
	}
}

// TestShortestLimit checks that the search gives up exactly when the texts
// are too far apart, and that a limit it does not reach changes nothing.
func TestShortestLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		a := randomSeq(rng, 20+rng.IntN(40), 6)
		b := randomSeq(rng, 20+rng.IntN(40), 6)
		d := distance(a, b)
		limit := 1 + rng.IntN(30)
		script, ok := shortest(a, b, limit)
		// A middle snake at step k means a distance of 2k−1 or 2k.
		if (d+1)/2 < limit && !ok {
			t.Fatalf("distance %d, limit %d: gave up", d, limit)
		}
		if ok {
			if got := replay(t, a, b, script); got != d {
				t.Fatalf("distance %d, limit %d: %d edits", d, limit, got)
			}
		}
	}
}

func randomSeq(rng *rand.Rand, n, alphabet int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(rng.IntN(alphabet))
	}
	return s
}

// replay applies script to a, fails unless it yields b, and returns the
// number of insertions and deletions.
func replay(t *testing.T, a, b []int32, script []run) int {
	t.Helper()
	var out []int32
	i, j, edits := 0, 0, 0
	for _, x := range script {
		switch x.kind {
		case Equal:
			if !slices.Equal(a[i:i+x.n], b[j:j+x.n]) {
				t.Fatalf("script %v: Equal run at %d/%d is not equal", script, i, j)
			}
			out = append(out, a[i:i+x.n]...)
			i, j = i+x.n, j+x.n
		case Delete:
			i += x.n
			edits += x.n
		case Insert:
			out = append(out, b[j:j+x.n]...)
			j += x.n
			edits += x.n
		}
	}
	if i != len(a) || !slices.Equal(out, b) {
		t.Fatalf("script %v turns %v into %v, not %v", script, a, out, b)
	}
	return edits
}

// distance is the insert/delete edit distance, len(a)+len(b)−2·LCS.
func distance(a, b []int32) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return len(a) + len(b) - 2*prev[len(b)]
}
