// Package i18n holds the language-dependent pieces of Midad's pages: text
// direction, Arabic dates in the month names each readership expects,
// digit styles, CLDR plural selection for Arabic and translated messages.
// Everything here is immutable after construction and safe for concurrent
// use.
package i18n

import "strings"

// Dir returns the HTML dir attribute value for a language tag: "rtl" for
// Arabic, Persian, Urdu, Hebrew and Pashto (with or without a region or
// script suffix such as "ar-MA"), "ltr" for everything else, so templates
// never hard-code a direction.
func Dir(lang string) string {
	switch baseLang(lang) {
	case "ar", "fa", "ur", "he", "ps":
		return "rtl"
	}
	return "ltr"
}

// baseLang reduces a tag such as "AR-ma" or "fr_FR" to its lowercase
// primary language subtag, which is all the lookups here depend on.
func baseLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
