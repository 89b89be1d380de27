package bench

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// These tests check the benchmarks' helpers; they need no corpus and run
// with the rest of `go test ./...`.

func TestPublishedTime(t *testing.T) {
	tests := []struct {
		field, docno string
		want         time.Time
	}{
		{"2017-01-20T21:43:00+01:00", "JA-culture-1-20170120", time.Date(2017, 1, 20, 20, 43, 0, 0, time.UTC)},
		{"09/06/2016", "JA-diverse-41-09062016", time.Date(2016, 6, 9, 11, 0, 0, 0, time.UTC)},
		{"2017-01-22T185600", "JA-diverse-31-20170122", time.Date(2017, 1, 22, 17, 56, 0, 0, time.UTC)},
		{"", "JA-sport-3-20161231", time.Date(2016, 12, 31, 11, 0, 0, 0, time.UTC)},
		{"", "JA-sport-3-17122015", time.Date(2015, 12, 17, 11, 0, 0, 0, time.UTC)},
		{"soon", "nodate", time.Time{}},
	}
	for _, tt := range tests {
		if got := publishedTime(tt.field, tt.docno); !got.Equal(tt.want) {
			t.Errorf("publishedTime(%q, %q) = %v, want %v", tt.field, tt.docno, got, tt.want)
		}
	}
}

func TestTypeLetters(t *testing.T) {
	tests := map[string]string{
		"أُسْبُوع": "اسبوع",
		"الـمدرسة": "المدرسه",
		"مسؤول":    "مسوول",
		"رئيس":     "رييس",
		"مصطفى":    "مصطفي",
		"إيقاف":    "ايقاف",
		"آخر":      "اخر",
		"ة":        "ه",
		"تونس2017": "تونس2017",
		"Jawhara":  "Jawhara",
		"القاهرةَ": "القاهره", // a haraka after the final ة
	}
	for in, want := range tests {
		if got := typeLetters(in); got != want {
			t.Errorf("typeLetters(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRewrite(t *testing.T) {
	title := `مخرج "غدوة حيّ" : الفيلم يجمع التشويق و المغامرة و الفرجة و الموسيقى`
	a := Query(Rewrite(title, rand.New(rand.NewPCG(1, 2))))
	b := Query(Rewrite(title, rand.New(rand.NewPCG(1, 2))))
	if a != b {
		t.Fatalf("same seed, different rewrites: %q and %q", a, b)
	}
	for _, r := range a {
		if r == '"' || r == ':' || r == 'ّ' || r == 'ة' || r == 'ى' {
			t.Errorf("rewrite %q keeps %q", a, r)
		}
	}
	// Over many headlines about a third of the changeable words change.
	var changeableWords, changed int
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		for _, w := range Rewrite("الحكومة التونسية تعلن عن برنامج جديد للتنمية في ولاية سوسة", rng) {
			if changeable(stripMarks(w.Orig)) {
				changeableWords++
			}
			if w.Changed {
				changed++
			}
		}
	}
	if share := float64(changed) / float64(changeableWords); share < 0.25 || share > 0.4 {
		t.Errorf("%.2f of the words changed, want about a third", share)
	}
}

func TestRewriteKeepsWordsWhole(t *testing.T) {
	// إلغاء's ال is not the article, and ومدني's و may be a clitic: neither
	// is ever cut or given an article.
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		for _, w := range Rewrite("إلغاء مقتل أمنيين ومدني بقانون", rng) {
			switch w.Orig {
			case "إلغاء":
				if !slices.Contains([]string{"الغاء", "الالغاء", "والغاء", "بالغاء", "لالغاء", "فالغاء", "كالغاء"}, w.Typed) {
					t.Fatalf("إلغاء typed %q", w.Typed)
				}
			case "ومدني", "بقانون":
				if w.Typed != w.Orig {
					t.Fatalf("%s typed %q", w.Orig, w.Typed)
				}
			}
		}
	}
}

func TestChangeAffix(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	allowed := map[string][]string{
		"والحكومه": {"الحكومه"},
		"للحكومه":  {"الحكومه"},
		"الحكومه":  {"حكومه", "والحكومه", "بالحكومه", "للحكومه", "فالحكومه", "كالحكومه"},
		"حكومه":    {"الحكومه", "وحكومه", "بحكومه", "لحكومه", "فحكومه", "كحكومه"},
	}
	for in, want := range allowed {
		for range 50 {
			got, ok := changeAffix(in, rng)
			if !ok || !slices.Contains(want, got) {
				t.Fatalf("changeAffix(%q) = %q, %v; want one of %v", in, got, ok, want)
			}
		}
	}
}

func TestBaselineMatch(t *testing.T) {
	tests := map[string]string{
		`وزير الداخلية`:          `"وزير" "الداخلية"`,
		`مخرج "غدوة حيّ" : فيلم`: `"مخرج" """غدوة" "حيّ""" "فيلم"`,
		`NEAR OR - *`:            `"NEAR" "OR"`,
		`:: --`:                  ``,
	}
	for in, want := range tests {
		if got := BaselineMatch(in); got != want {
			t.Errorf("BaselineMatch(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestPercentileAndRank(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	if p := Percentile(ds, 0.5); p != 50*time.Millisecond {
		t.Errorf("p50 = %v", p)
	}
	if p := Percentile(ds, 0.95); p != 95*time.Millisecond {
		t.Errorf("p95 = %v", p)
	}
	if p := Percentile(ds, 1); p != 100*time.Millisecond {
		t.Errorf("max = %v", p)
	}
	if r := Rank([]int64{4, 7, 9}, map[int64]bool{9: true, 7: true}); r != 2 {
		t.Errorf("rank = %d", r)
	}
	var s Score
	s.Add(1, 5)
	s.Add(4, 5)
	s.Add(0, 0)
	if s.MRR() != (1+0.25)/3 || s.Recall() != 2.0/3 || s.EmptyRate() != 1.0/3 {
		t.Errorf("score %+v: MRR %v recall %v empty %v", s, s.MRR(), s.Recall(), s.EmptyRate())
	}
}
