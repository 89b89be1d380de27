package textdiff_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/midad/midad/internal/textdiff"
)

// seed is the paragraph of the demo's seed article with the typo an editor
// fixes: الخيمس for الخميس.
const seed = "وحظي حموشي، أول أمس (الأربعاء)، باستقبال رسمي من قبل رئيس مجلس الوزراء القطري، ومدير الأمن العام القطري، على هامش المعرض، وأجرى المدير العام للأمن الوطني ومراقبة التراب الوطني سلسلة لقاءات رفيعة المستوى لمناسبة مشاركة المغرب في “ميليبول قطر 2022” المخصص للأمن الداخلي للدول، الذي انتهت فعالياته أمس (الخيمس)."

func eq(s string) textdiff.Op  { return textdiff.Op{Kind: textdiff.Equal, Text: s} }
func ins(s string) textdiff.Op { return textdiff.Op{Kind: textdiff.Insert, Text: s} }
func del(s string) textdiff.Op { return textdiff.Op{Kind: textdiff.Delete, Text: s} }

func TestWords(t *testing.T) {
	fixed := strings.Replace(seed, "الخيمس", "الخميس", 1)
	head := strings.TrimSuffix(seed, "الخيمس).")
	tests := []struct {
		name string
		a, b string
		want []textdiff.Op
	}{
		{"typo fixed in the seed sentence", seed, fixed,
			[]textdiff.Op{eq(head), del("الخيمس"), ins("الخميس"), eq(").")}},
		{"inserted word takes the space after it", "قال الوزير إن الحكومة", "قال الوزير الأول إن الحكومة",
			[]textdiff.Op{eq("قال الوزير "), ins("الأول "), eq("إن الحكومة")}},
		{"word inserted before a full stop", "قال الوزير.", "قال الوزير الأول.",
			[]textdiff.Op{eq("قال الوزير"), ins(" الأول"), eq(".")}},
		{"deleted word", "أعلنت الحكومة اليوم عن خطة", "أعلنت الحكومة عن خطة",
			[]textdiff.Op{eq("أعلنت الحكومة "), del("اليوم "), eq("عن خطة")}},
		{"deleted sentence runs from its first word to the next one",
			"جملة أولى. جملة ثانية. جملة ثالثة.", "جملة أولى. جملة ثالثة.",
			[]textdiff.Op{eq("جملة أولى. "), del("جملة ثانية. "), eq("جملة ثالثة.")}},
		{"deleted last sentence", "وصل الوفد. ثم غادر.", "وصل الوفد.",
			[]textdiff.Op{eq("وصل الوفد."), del(" ثم غادر.")}},
		{"added comma is just the comma", "قال الوزير إن الحكومة", "قال الوزير، إن الحكومة",
			[]textdiff.Op{eq("قال الوزير"), ins("،"), eq(" إن الحكومة")}},
		{"Latin comma made Arabic", "الرباط, المغرب", "الرباط، المغرب",
			[]textdiff.Op{eq("الرباط"), del(","), ins("،"), eq(" المغرب")}},
		{"question mark", "هل وصل الوفد?", "هل وصل الوفد؟",
			[]textdiff.Op{eq("هل وصل الوفد"), del("?"), ins("؟")}},
		{"quotes changed", "قال «نعم» أمس", "قال \"نعم\" أمس",
			[]textdiff.Op{eq("قال "), del("«"), ins("\""), eq("نعم"), del("»"), ins("\""), eq(" أمس")}},
		{"double prime used as a quote", "“ميليبول قطر 2022″ المخصص", "“ميليبول قطر 2022” المخصص",
			[]textdiff.Op{eq("“ميليبول قطر 2022"), del("″"), ins("”"), eq(" المخصص")}},
		{"Latin name inserted inside Arabic", "استقبل الملك Macron في الرباط", "استقبل الملك Emmanuel Macron في الرباط",
			[]textdiff.Op{eq("استقبل الملك "), ins("Emmanuel "), eq("Macron في الرباط")}},
		{"Latin name misspelt inside Arabic", "استقبل الملك Macorn في الرباط", "استقبل الملك Macron في الرباط",
			[]textdiff.Op{eq("استقبل الملك "), del("Macorn"), ins("Macron"), eq(" في الرباط")}},
		{"a changed haraka replaces the whole word", "كَتَبَ الطالبُ الدرسَ", "كَتَبَ الطالبَ الدرسَ",
			[]textdiff.Op{eq("كَتَبَ "), del("الطالبُ"), ins("الطالبَ"), eq(" الدرسَ")}},
		{"harakat added", "كتب الطالب", "كتب الطالبُ",
			[]textdiff.Op{eq("كتب "), del("الطالب"), ins("الطالبُ")}},
		{"consecutive changed words read as one change", "أ ب ج د هـ", "أ س ص ع هـ",
			[]textdiff.Op{eq("أ "), del("ب ج د"), ins("س ص ع"), eq(" هـ")}},
		{"two separate changes", "ذهب الولد إلى المدرسة صباحا", "ذهبت البنت إلى المدرسة مساء",
			[]textdiff.Op{del("ذهب الولد"), ins("ذهبت البنت"), eq(" إلى المدرسة "), del("صباحا"), ins("مساء")}},
		{"a number stays one word", "بلغ السعر 2.5 دينار", "بلغ السعر 2.75 دينار",
			[]textdiff.Op{eq("بلغ السعر "), del("2.5"), ins("2.75"), eq(" دينار")}},
		{"Arabic-Indic digits", "في ١٠:٣٠ صباحا", "في ١١:٣٠ صباحا",
			[]textdiff.Op{eq("في "), del("١٠:٣٠"), ins("١١:٣٠"), eq(" صباحا")}},
		{"identical", seed, seed, []textdiff.Op{eq(seed)}},
		{"both empty", "", "", nil},
		{"empty to text", "", "خبر عاجل", []textdiff.Op{ins("خبر عاجل")}},
		{"text to empty", "خبر عاجل", "", []textdiff.Op{del("خبر عاجل")}},
		{"space only", "خبر  عاجل", "خبر عاجل", []textdiff.Op{eq("خبر"), del("  "), ins(" "), eq("عاجل")}},
		{"line break kept apart", "فقرة أولى\nفقرة ثانية", "فقرة أولى\nفقرة ثالثة",
			[]textdiff.Op{eq("فقرة أولى\nفقرة "), del("ثانية"), ins("ثالثة")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := textdiff.Words(tt.a, tt.b)
			check(t, tt.a, tt.b, got)
			checkGrouped(t, got)
			if !sameOps(got, tt.want) {
				t.Errorf("Words:\n got %s\nwant %s", show(got), show(tt.want))
			}
			if changed(got) != (tt.a != tt.b) {
				t.Errorf("changed = %v for a != b = %v", changed(got), tt.a != tt.b)
			}
		})
	}
}

func TestLines(t *testing.T) {
	p1 := "واكبت الصحافة القطرية زيارة عبد اللطيف حموشي للمعرض الدولي للأمن الداخلي.\n"
	p3 := "ونشرت وزارة الداخلية القطرية على حسابها الرسمي مراسم الاستقبال.\n"
	p4 := "وأكد رئيس الوزراء القطري حرص بلاده على تنظيم المونديال في أرفع مستويات الأمن."
	fixed := strings.Replace(seed, "الخيمس", "الخميس", 1)
	body := p1 + seed + "\n" + p3 + p4
	tests := []struct {
		name string
		a, b string
		want []textdiff.Op
	}{
		{"typo in one paragraph", body, p1 + fixed + "\n" + p3 + p4,
			[]textdiff.Op{eq(p1 + strings.TrimSuffix(seed, "الخيمس).")), del("الخيمس"), ins("الخميس"), eq(").\n" + p3 + p4)}},
		{"paragraph deleted", body, p1 + seed + "\n" + p4,
			[]textdiff.Op{eq(p1 + seed + "\n"), del(p3), eq(p4)}},
		{"paragraph inserted", p1 + p3, p1 + "فقرة جديدة تماما.\n" + p3,
			[]textdiff.Op{eq(p1), ins("فقرة جديدة تماما.\n"), eq(p3)}},
		{"paragraph rewritten shows whole", p1 + p3 + p4, p1 + "كلام آخر لا علاقة له بما سبق.\n" + p4,
			[]textdiff.Op{eq(p1), del(p3), ins("كلام آخر لا علاقة له بما سبق.\n"), eq(p4)}},
		{"new paragraph before an edited one", p1 + p3 + p4, p1 + "فقرة جديدة تماما.\n" + strings.Replace(p3, "الرسمي", "الخاص", 1) + p4,
			[]textdiff.Op{eq(p1), ins("فقرة جديدة تماما.\n"), eq("ونشرت وزارة الداخلية القطرية على حسابها "), del("الرسمي"), ins("الخاص"), eq(" مراسم الاستقبال.\n" + p4)}},
		{"sentence added to a short paragraph", "وصل الوفد.\n" + p4, "وصل الوفد. وكان في استقباله وزير الخارجية وعدد من المسؤولين في المطار الدولي.\n" + p4,
			[]textdiff.Op{eq("وصل الوفد."), ins(" وكان في استقباله وزير الخارجية وعدد من المسؤولين في المطار الدولي."), eq("\n" + p4)}},
		{"trailing newline added", p1 + p4, p1 + p4 + "\n", []textdiff.Op{eq(p1 + p4), ins("\n")}},
		{"identical", body, body, []textdiff.Op{eq(body)}},
		{"both empty", "", "", nil},
		{"empty to text", "", body, []textdiff.Op{ins(body)}},
		{"text to empty", body, "", []textdiff.Op{del(body)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := textdiff.Lines(tt.a, tt.b)
			check(t, tt.a, tt.b, got)
			if !sameOps(got, tt.want) {
				t.Errorf("Lines:\n got %s\nwant %s", show(got), show(tt.want))
			}
		})
	}
}

// TestWordsFarApart checks the guard: texts too far apart for the token
// search fall back to one Delete and one Insert per changed paragraph.
func TestWordsFarApart(t *testing.T) {
	words := func(prefix string, n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = fmt.Sprintf("%s%d", prefix, i)
		}
		return strings.Join(ws, " ")
	}
	x1, x2 := words("قديم", 1500), words("سابق", 1500)
	y1, y2 := words("جديد", 1500), words("لاحق", 1500)
	a := "مقدمة ثابتة\n" + x1 + "\nفقرة وسطى لا تتغير\n" + x2 + "\nخاتمة"
	b := "مقدمة ثابتة\n" + y1 + "\nفقرة وسطى لا تتغير\n" + y2 + "\nخاتمة"
	got := textdiff.Words(a, b)
	check(t, a, b, got)
	want := []textdiff.Op{eq("مقدمة ثابتة\n"), del(x1 + "\n"), ins(y1 + "\n"), eq("فقرة وسطى لا تتغير\n"), del(x2), ins(y2), eq("\nخاتمة")}
	if !sameOps(got, want) {
		t.Errorf("Words: got %d ops %s, want the changed paragraphs whole", len(got), abbreviate(got))
	}

	// Under the bound the same texts differ by words.
	a2 := "مقدمة ثابتة\n" + words("كلمة", 1500) + "\nخاتمة"
	b2 := "مقدمة ثابتة\n" + strings.Replace(words("كلمة", 1500), "كلمة700 ", "", 1) + "\nخاتمة"
	got = textdiff.Words(a2, b2)
	check(t, a2, b2, got)
	if len(got) != 3 || got[1] != del("كلمة700 ") {
		t.Errorf("Words under the bound: %s, want one deleted word", abbreviate(got))
	}
}

// changed reports whether any op is not Equal.
func changed(ops []textdiff.Op) bool {
	for _, op := range ops {
		if op.Kind != textdiff.Equal {
			return true
		}
	}
	return false
}

func FuzzWords(f *testing.F) {
	f.Add(seed, strings.Replace(seed, "الخيمس", "الخميس", 1))
	f.Add("قال الوزير إن", "قال الوزير، إن")
	f.Add("كَتَبَ الطالبُ", "كَتَبَ الطالبَ\n")
	f.Add("a b c\n\nd e", "a x c\nd e f")
	f.Add("", "نص")
	f.Add("\u064e\nأ", "\n\u0651ب")
	f.Add("2.5, 3", "2,5. 3")
	f.Add("\xff\xfeأ", "أ\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		ops := textdiff.Words(a, b)
		check(t, a, b, ops)
		checkGrouped(t, ops)
		check(t, a, b, textdiff.Lines(a, b))
	})
}

// check asserts what every diff promises: the old and new texts come back
// exactly, no op is empty, no two ops in a row have the same kind, ops of
// valid text are valid text, no op begins with a combining mark (so none
// split a letter from its harakat), and the ops tell equal from unequal.
func check(t *testing.T, a, b string, ops []textdiff.Op) {
	t.Helper()
	var olds, news strings.Builder
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d is empty: %s", i, abbreviate(ops))
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d are both %s: %s", i-1, i, kind(op.Kind), abbreviate(ops))
		}
		switch op.Kind {
		case textdiff.Equal:
			olds.WriteString(op.Text)
			news.WriteString(op.Text)
		case textdiff.Delete:
			olds.WriteString(op.Text)
		case textdiff.Insert:
			news.WriteString(op.Text)
		default:
			t.Fatalf("op %d has kind %d", i, op.Kind)
		}
		if utf8.ValidString(a) && utf8.ValidString(b) && !utf8.ValidString(op.Text) {
			t.Fatalf("op %d is not valid UTF-8: %q", i, op.Text)
		}
		if r, _ := utf8.DecodeRuneInString(op.Text); unicode.Is(unicode.Mn, r) && !startsText(a, b, ops[:i], op) {
			t.Fatalf("op %d begins with combining mark %U: %s", i, r, abbreviate(ops))
		}
	}
	if olds.String() != a {
		t.Fatalf("old side does not concatenate back:\n got %q\nwant %q", olds.String(), a)
	}
	if news.String() != b {
		t.Fatalf("new side does not concatenate back:\n got %q\nwant %q", news.String(), b)
	}
	if changed(ops) != (a != b) {
		t.Fatalf("changed = %v with a != b = %v", changed(ops), a != b)
	}
}

// checkGrouped asserts the shape Words promises: between two Equal ops at
// most one Delete, then at most one Insert.
func checkGrouped(t *testing.T, ops []textdiff.Op) {
	t.Helper()
	for i := 1; i < len(ops); i++ {
		if ops[i-1].Kind == textdiff.Insert && ops[i].Kind == textdiff.Delete {
			t.Fatalf("op %d: Delete after Insert: %s", i, abbreviate(ops))
		}
	}
}

// startsText reports whether op begins its side's text, where a leading
// combining mark has nothing to stay with.
func startsText(a, b string, before []textdiff.Op, op textdiff.Op) bool {
	n := 0
	for _, p := range before {
		if p.Kind == textdiff.Equal || p.Kind == op.Kind {
			n++
		}
	}
	if op.Kind == textdiff.Equal {
		// An Equal op is at the start of both sides only if no op came before.
		return len(before) == 0
	}
	return n == 0
}

func sameOps(a, b []textdiff.Op) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func kind(k textdiff.Kind) string {
	switch k {
	case textdiff.Equal:
		return "="
	case textdiff.Insert:
		return "+"
	case textdiff.Delete:
		return "-"
	}
	return fmt.Sprint(int(k))
}

func show(ops []textdiff.Op) string {
	var sb strings.Builder
	for _, op := range ops {
		fmt.Fprintf(&sb, "%s%q ", kind(op.Kind), op.Text)
	}
	return sb.String()
}

// abbreviate is show for ops too long to print whole.
func abbreviate(ops []textdiff.Op) string {
	var sb strings.Builder
	for _, op := range ops {
		text := op.Text
		if utf8.RuneCountInString(text) > 40 {
			text = string([]rune(text)[:20]) + "…" + string([]rune(text)[utf8.RuneCountInString(text)-20:])
		}
		fmt.Fprintf(&sb, "%s%q ", kind(op.Kind), text)
	}
	return sb.String()
}
