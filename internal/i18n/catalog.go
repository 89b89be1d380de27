package i18n

import "maps"

// Catalog holds the interface messages of each language by key. It is
// read-only once built, so one Catalog can serve all requests.
type Catalog struct {
	msgs map[string]map[string]string
}

// fallbackLang is the language every key must exist in: Midad is
// Arabic-first, so an untranslated message shows in Arabic.
const fallbackLang = "ar"

// NewCatalog returns a catalog with Midad's Arabic and French messages.
// Each call builds fresh maps, so callers cannot affect one another.
func NewCatalog() *Catalog {
	return &Catalog{msgs: map[string]map[string]string{
		"ar": merged(arabicMessages(), deskArabic(), pagesArabic(), addressesArabic(), identityArabic(), importArabic()),
		"fr": merged(frenchMessages(), deskFrench(), pagesFrench(), addressesFrench(), identityFrench(), importFrench()),
	}}
}

// merged adds the messages of more to base.
func merged(base map[string]string, more ...map[string]string) map[string]string {
	for _, m := range more {
		maps.Copy(base, m)
	}
	return base
}

// T returns the message for key in lang (a tag such as "fr" or "fr-MA"),
// falling back to Arabic and then to the key itself, so a missing
// translation shows something readable instead of an empty string.
func (c *Catalog) T(lang, key string) string {
	if c == nil {
		return key
	}
	if s, ok := c.msgs[baseLang(lang)][key]; ok {
		return s
	}
	if s, ok := c.msgs[fallbackLang][key]; ok {
		return s
	}
	return key
}

// Has reports whether lang itself has a message for key, without the
// fallbacks of T, so callers can tell a real translation from a fallback.
func (c *Catalog) Has(lang, key string) bool {
	if c == nil {
		return false
	}
	_, ok := c.msgs[baseLang(lang)][key]
	return ok
}
