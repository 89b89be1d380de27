package arabic

import "testing"

func TestStripDiacritics(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain arabic unchanged", "الوزراء", "الوزراء"},
		{"damma", "قُطيب", "قطيب"},
		{"full harakat", "كَتَبَ", "كتب"},
		{"tanween fath", "شكراً", "شكرا"},
		{"shadda and kasra", "محمّدٍ", "محمد"},
		{"sukun", "مَدْرَسَة", "مدرسة"},
		{"superscript alef", "هٰذا", "هذا"},
		{"tatweel", "جـــميل", "جميل"},
		{"hamza above U+0654 is a mark", "ا\u0654", "ا"},
		{"precomposed hamza letters kept", "أإآؤئ", "أإآؤئ"},
		{"ta marbuta and alef maqsura kept", "مدرسةٌ على", "مدرسة على"},
		{"latin accents kept", "équipe", "équipe"},
		{"digits and punctuation kept", "٢٠٢٢، نعم؟", "٢٠٢٢، نعم؟"},
		{"quranic mark outside range kept", "ذَٰلِكَ\u06D6", "ذلك\u06D6"},
		{"invalid utf-8 replaced", "a\xffبَ", "a\uFFFDب"},
		{"stray bytes do not splice into a rune", "\xd9\u0654\x80", "\uFFFD\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripDiacritics(tt.in); got != tt.want {
				t.Errorf("StripDiacritics(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLatinDigits(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"arabic-indic", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"persian", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"mixed in text", "ميليبول قطر ٢٠٢٢", "ميليبول قطر 2022"},
		{"ascii unchanged", "2022-11-04", "2022-11-04"},
		{"arabic decimal separator kept", "٣٫٥", "3٫5"},
		{"other scripts untouched", "१२३", "१२३"},
		{"invalid utf-8 replaced", "\xff٤", "\uFFFD4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LatinDigits(tt.in); got != tt.want {
				t.Errorf("LatinDigits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestArabicIndicDigits(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"all digits", "0123456789", "٠١٢٣٤٥٦٧٨٩"},
		{"date", "4 نونبر 2022", "٤ نونبر ٢٠٢٢"},
		{"time and sign", "-10:05", "-١٠:٠٥"},
		{"persian digits untouched", "۴", "۴"},
		{"no digits", "بدون أرقام", "بدون أرقام"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ArabicIndicDigits(tt.in); got != tt.want {
				t.Errorf("ArabicIndicDigits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDigitsRoundTrip(t *testing.T) {
	for _, in := range []string{"0", "2022", "-45", "3.14 و 7"} {
		if got := LatinDigits(ArabicIndicDigits(in)); got != in {
			t.Errorf("LatinDigits(ArabicIndicDigits(%q)) = %q", in, got)
		}
	}
}
