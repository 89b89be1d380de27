package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/midad/midad/internal/arabic"
)

// MonthStyle names a set of Arabic month names. Arab countries name the
// Gregorian months differently, and readers notice a foreign set at once.
type MonthStyle string

// The month name sets in use across the Arab world.
const (
	// Maghreb is used in Morocco and is the default: يناير … ماي … يوليوز غشت شتنبر … نونبر دجنبر.
	Maghreb MonthStyle = "maghreb"
	// Tunisia is used in Tunisia and Algeria, from French: جانفي فيفري … أوت.
	Tunisia MonthStyle = "tunisia"
	// Egypt is the standard Arabic set used in Egypt and the Gulf: يناير … مايو يوليو أغسطس.
	Egypt MonthStyle = "egypt"
	// Levant uses the Syriac names of Syria, Lebanon, Jordan, Palestine and Iraq: كانون الثاني … شباط … آذار.
	Levant MonthStyle = "levant"
)

// ParseMonthStyle reads a month style from configuration, ignoring case and
// surrounding spaces. The empty string selects the default, Maghreb.
func ParseMonthStyle(s string) (MonthStyle, error) {
	switch m := MonthStyle(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return Maghreb, nil
	case Maghreb, Tunisia, Egypt, Levant:
		return m, nil
	}
	return "", fmt.Errorf("unknown month style %q (want maghreb, tunisia, egypt or levant)", s)
}

// monthName returns the name of m in style; an unknown style falls back to
// Maghreb so that a zero or misconfigured Dates still renders.
func monthName(style MonthStyle, m time.Month) string {
	var names [12]string
	switch style {
	case Tunisia:
		names = [12]string{"جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	case Egypt:
		names = [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	case Levant:
		names = [12]string{"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"}
	default:
		names = [12]string{"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"}
	}
	return names[m-1]
}

// weekdayName returns the Arabic name of d, the same in every region.
func weekdayName(d time.Weekday) string {
	return [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}[d]
}

// DigitStyle names the digits numbers are written with.
type DigitStyle string

// The two digit styles Midad renders.
const (
	// Latin writes 0–9 and is the default, as Moroccan and Maghrebi
	// media do.
	Latin DigitStyle = "latin"
	// ArabicIndic writes ٠١٢٣٤٥٦٧٨٩, as Mashreq and Gulf media do.
	ArabicIndic DigitStyle = "arabic"
)

// ParseDigitStyle reads a digit style from configuration, ignoring case and
// surrounding spaces. It also accepts the CLDR numbering system ids "latn"
// and "arab"; the empty string selects the default, Latin.
func ParseDigitStyle(s string) (DigitStyle, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "latin", "latn":
		return Latin, nil
	case "arabic", "arab":
		return ArabicIndic, nil
	}
	return "", fmt.Errorf("unknown digit style %q (want latin or arabic)", s)
}

// digits rewrites the ASCII digits of s in style d; anything but
// ArabicIndic leaves them Latin.
func digits(s string, d DigitStyle) string {
	if d == ArabicIndic {
		return arabic.ArabicIndicDigits(s)
	}
	return s
}

// formatNumber writes n without thousands separators, since dates, counts
// and years must not show them, with an ASCII '-' when negative.
func formatNumber(n int, d DigitStyle) string {
	return digits(strconv.Itoa(n), d)
}

// Dates formats dates in Arabic for one edition. The zero value is ready to
// use: Maghreb month names, Latin digits and UTC.
type Dates struct {
	Months MonthStyle
	Digits DigitStyle
	// Loc is the time zone dates are shown in; nil means UTC.
	Loc *time.Location
}

// in converts t to the edition's time zone, because the calendar day of a
// late-evening story depends on where the reader is.
func (d Dates) in(t time.Time) time.Time {
	if d.Loc == nil {
		return t.UTC()
	}
	return t.In(d.Loc)
}

// short formats an already converted time as "4 نونبر 2022".
func (d Dates) short(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthName(d.Months, t.Month()) + " " + strconv.Itoa(t.Year())
}

// Date formats t with its weekday, as "الجمعة 4 نونبر 2022".
func (d Dates) Date(t time.Time) string {
	t = d.in(t)
	return digits(weekdayName(t.Weekday())+" "+d.short(t), d.Digits)
}

// Short formats t without its weekday, as "4 نونبر 2022", for lists where
// the weekday would be noise.
func (d Dates) Short(t time.Time) string {
	return digits(d.short(d.in(t)), d.Digits)
}

// DateTime formats t with weekday and 24-hour time, as
// "الجمعة 4 نونبر 2022 - 10:05"; hours and minutes are two digits each.
func (d Dates) DateTime(t time.Time) string {
	t = d.in(t)
	s := weekdayName(t.Weekday()) + " " + d.short(t) + " - " + t.Format("15:04")
	return digits(s, d.Digits)
}

// Number formats n in the edition's digit style, without thousands
// separators.
func (d Dates) Number(n int) string {
	return formatNumber(n, d.Digits)
}
