package i18n

// pagesArabic holds the messages of static pages: the newsroom's page
// screens and the footer's links.
func pagesArabic() map[string]string {
	return map[string]string{
		"error.field.page_slug_taken":  "هذا الاسم في الرابط مستعمل لصفحة أخرى.",
		"error.field.invalid_position": "الترتيب رقم صحيح بين 0 و10000.",
		"nav.footer_pages":             "صفحات الموقع",
	}
}

// pagesFrench is pagesArabic in French.
func pagesFrench() map[string]string {
	return map[string]string{
		"error.field.page_slug_taken":  "Cette adresse est déjà celle d’une autre page.",
		"error.field.invalid_position": "L’ordre est un nombre entier de 0 à 10 000.",
		"nav.footer_pages":             "Pages du site",
	}
}
