package i18n

import (
	"testing"
	"time"
	_ "time/tzdata" // the Casablanca test must not depend on the host's zoneinfo
)

func TestParseMonthStyle(t *testing.T) {
	tests := []struct {
		in      string
		want    MonthStyle
		wantErr bool
	}{
		{"maghreb", Maghreb, false},
		{"tunisia", Tunisia, false},
		{"egypt", Egypt, false},
		{"levant", Levant, false},
		{" Levant ", Levant, false},
		{"EGYPT", Egypt, false},
		{"", Maghreb, false},
		{"morocco", "", true},
		{"syriac", "", true},
	}
	for _, tt := range tests {
		got, err := ParseMonthStyle(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseMonthStyle(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseDigitStyle(t *testing.T) {
	tests := []struct {
		in      string
		want    DigitStyle
		wantErr bool
	}{
		{"latin", Latin, false},
		{"arabic", ArabicIndic, false},
		{"Arabic", ArabicIndic, false},
		{"latn", Latin, false},
		{"arab", ArabicIndic, false},
		{"", Latin, false},
		{"persian", "", true},
		{"hindi", "", true},
	}
	for _, tt := range tests {
		got, err := ParseDigitStyle(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDigitStyle(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestMonthNames(t *testing.T) {
	want := map[MonthStyle][12]string{
		Maghreb: {"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"},
		Tunisia: {"جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		Egypt:   {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		Levant:  {"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"},
	}
	for style, names := range want {
		for i, name := range names {
			// The 15th avoids any time zone edge; Short shows the month name.
			tm := time.Date(2023, time.Month(i+1), 15, 12, 0, 0, 0, time.UTC)
			wantShort := "15 " + name + " 2023"
			if got := (Dates{Months: style}).Short(tm); got != wantShort {
				t.Errorf("%s month %d: Short = %q, want %q", style, i+1, got, wantShort)
			}
		}
	}
}

func TestDates(t *testing.T) {
	friday := time.Date(2022, 11, 4, 10, 5, 0, 0, time.UTC)
	morning := time.Date(2023, 8, 7, 9, 3, 0, 0, time.UTC) // a Monday
	tests := []struct {
		name                  string
		d                     Dates
		t                     time.Time
		date, short, dateTime string
	}{
		{"zero value", Dates{}, friday,
			"الجمعة 4 نونبر 2022", "4 نونبر 2022", "الجمعة 4 نونبر 2022 - 10:05"},
		{"maghreb latin", Dates{Months: Maghreb, Digits: Latin}, friday,
			"الجمعة 4 نونبر 2022", "4 نونبر 2022", "الجمعة 4 نونبر 2022 - 10:05"},
		{"maghreb arabic-indic", Dates{Months: Maghreb, Digits: ArabicIndic}, friday,
			"الجمعة ٤ نونبر ٢٠٢٢", "٤ نونبر ٢٠٢٢", "الجمعة ٤ نونبر ٢٠٢٢ - ١٠:٠٥"},
		{"tunisia latin", Dates{Months: Tunisia}, friday,
			"الجمعة 4 نوفمبر 2022", "4 نوفمبر 2022", "الجمعة 4 نوفمبر 2022 - 10:05"},
		{"tunisia august", Dates{Months: Tunisia}, morning,
			"الاثنين 7 أوت 2023", "7 أوت 2023", "الاثنين 7 أوت 2023 - 09:03"},
		{"tunisia arabic-indic", Dates{Months: Tunisia, Digits: ArabicIndic}, morning,
			"الاثنين ٧ أوت ٢٠٢٣", "٧ أوت ٢٠٢٣", "الاثنين ٧ أوت ٢٠٢٣ - ٠٩:٠٣"},
		{"egypt latin", Dates{Months: Egypt}, morning,
			"الاثنين 7 أغسطس 2023", "7 أغسطس 2023", "الاثنين 7 أغسطس 2023 - 09:03"},
		{"egypt arabic-indic", Dates{Months: Egypt, Digits: ArabicIndic}, friday,
			"الجمعة ٤ نوفمبر ٢٠٢٢", "٤ نوفمبر ٢٠٢٢", "الجمعة ٤ نوفمبر ٢٠٢٢ - ١٠:٠٥"},
		{"levant latin", Dates{Months: Levant}, friday,
			"الجمعة 4 تشرين الثاني 2022", "4 تشرين الثاني 2022", "الجمعة 4 تشرين الثاني 2022 - 10:05"},
		{"levant arabic-indic", Dates{Months: Levant, Digits: ArabicIndic}, morning,
			"الاثنين ٧ آب ٢٠٢٣", "٧ آب ٢٠٢٣", "الاثنين ٧ آب ٢٠٢٣ - ٠٩:٠٣"},
		{"maghreb august", Dates{}, morning,
			"الاثنين 7 غشت 2023", "7 غشت 2023", "الاثنين 7 غشت 2023 - 09:03"},
		{"unknown styles fall back to defaults", Dates{Months: "x", Digits: "y"}, friday,
			"الجمعة 4 نونبر 2022", "4 نونبر 2022", "الجمعة 4 نونبر 2022 - 10:05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Date(tt.t); got != tt.date {
				t.Errorf("Date = %q, want %q", got, tt.date)
			}
			if got := tt.d.Short(tt.t); got != tt.short {
				t.Errorf("Short = %q, want %q", got, tt.short)
			}
			if got := tt.d.DateTime(tt.t); got != tt.dateTime {
				t.Errorf("DateTime = %q, want %q", got, tt.dateTime)
			}
		})
	}
}

func TestWeekdays(t *testing.T) {
	// Dates whose weekday is known independently of this code.
	tests := []struct {
		y       int
		m       time.Month
		d       int
		weekday string
	}{
		{1970, time.January, 1, "الخميس"},
		{2000, time.January, 1, "السبت"},
		{2022, time.November, 20, "الأحد"}, // World Cup opening match
		{2023, time.January, 2, "الاثنين"},
		{2022, time.November, 22, "الثلاثاء"}, // Saudi Arabia 2–1 Argentina
		{2022, time.December, 14, "الأربعاء"}, // France–Morocco semi-final
		{2024, time.February, 29, "الخميس"},
		{2022, time.November, 4, "الجمعة"},
		{2022, time.December, 10, "السبت"}, // Morocco–Portugal quarter-final
	}
	for _, tt := range tests {
		tm := time.Date(tt.y, tt.m, tt.d, 12, 0, 0, 0, time.UTC)
		want := tt.weekday + " " + (Dates{}).Short(tm)
		if got := (Dates{}).Date(tm); got != want {
			t.Errorf("Date(%s) = %q, want %q", tm.Format(time.DateOnly), got, want)
		}
	}
}

func TestDatesTimeZone(t *testing.T) {
	casablanca, err := time.LoadLocation("Africa/Casablanca")
	if err != nil {
		t.Fatal(err)
	}
	tm := time.Date(2022, 11, 3, 23, 30, 0, 0, time.UTC) // Thursday in UTC
	tests := []struct {
		name string
		d    Dates
		want string
	}{
		{"casablanca is UTC+1", Dates{Loc: casablanca}, "الجمعة 4 نونبر 2022 - 00:30"},
		{"casablanca arabic-indic", Dates{Loc: casablanca, Digits: ArabicIndic}, "الجمعة ٤ نونبر ٢٠٢٢ - ٠٠:٣٠"},
		{"nil location is UTC", Dates{}, "الخميس 3 نونبر 2022 - 23:30"},
		{"explicit UTC", Dates{Loc: time.UTC}, "الخميس 3 نونبر 2022 - 23:30"},
	}
	for _, tt := range tests {
		if got := tt.d.DateTime(tm); got != tt.want {
			t.Errorf("%s: DateTime = %q, want %q", tt.name, got, tt.want)
		}
	}
	// A time already carrying another zone is converted to Loc too.
	plus5 := time.FixedZone("UTC+5", 5*3600)
	if got, want := (Dates{}).Short(tm.In(plus5)), "3 نونبر 2022"; got != want {
		t.Errorf("Short of a UTC+5 time = %q, want %q", got, want)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		n      int
		digits DigitStyle
		want   string
	}{
		{0, Latin, "0"},
		{0, ArabicIndic, "٠"},
		{1234567, Latin, "1234567"},
		{1234567, ArabicIndic, "١٢٣٤٥٦٧"},
		{-45, Latin, "-45"},
		{-45, ArabicIndic, "-٤٥"},
		{2022, "", "2022"},
	}
	for _, tt := range tests {
		if got := (Dates{Digits: tt.digits}).Number(tt.n); got != tt.want {
			t.Errorf("Number(%d) with %q = %q, want %q", tt.n, tt.digits, got, tt.want)
		}
	}
}
