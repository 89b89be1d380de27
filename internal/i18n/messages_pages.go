package i18n

// pagesArabic holds the messages of static pages: the newsroom's page
// screens and the footer's links.
func pagesArabic() map[string]string {
	return map[string]string{
		"error.field.page_slug_taken":  "هذا الاسم في الرابط مستعمل لصفحة أخرى.",
		"error.field.invalid_position": "الترتيب رقم صحيح بين 0 و10000.",
		"nav.footer_pages":             "صفحات الموقع",
		"newsroom.pages.title":         "الصفحات الثابتة",
		"newsroom.pages.new":           "صفحة جديدة",
		"newsroom.pages.edit":          "تعديل الصفحة",
		"newsroom.pages.none":          "لا صفحات بعد.",
		"newsroom.pages.forbidden":     "الصفحات الثابتة من صلاحيات المحررين والمديرين، ولا تملك هذه الصلاحية. لم يُحفظ شيء.",
		"page.field.title":             "عنوان الصفحة",
		"page.field.body":              "نص الصفحة",
		"page.field.lang":              "لغة الصفحة",
		"page.field.position":          "الترتيب في أسفل الموقع",
		"page.field.in_footer":         "رابط إليها في أسفل كل صفحة من الموقع",
		"page.status.draft":            "مسودة",
		"page.status.published":        "منشورة",
		"page.list.footer":             "في أسفل الموقع",
		"page.list.address":            "الرابط",
		"page.view":                    "عرض الصفحة",
		"page.action.save":             "حفظ",
		"page.saved":                   "حُفظت الصفحة.",
		"page.error.fields":            "لم تُحفظ الصفحة: صحّح الحقول المشار إليها.",
		"page.error.conflict":          "حفظ شخص آخر هذه الصفحة بعد أن فتحتها، فلم يُحفظ تعديلك كي لا يضيع تعديله. نسخته هي المحفوظة الآن؛ إن حفظت مجدداً حلّت نسختك محلها.",
	}
}

// pagesFrench is pagesArabic in French.
func pagesFrench() map[string]string {
	return map[string]string{
		"error.field.page_slug_taken":  "Cette adresse est déjà celle d’une autre page.",
		"error.field.invalid_position": "L’ordre est un nombre entier de 0 à 10 000.",
		"nav.footer_pages":             "Pages du site",
		"newsroom.pages.title":         "Pages fixes",
		"newsroom.pages.new":           "Nouvelle page",
		"newsroom.pages.edit":          "Modifier la page",
		"newsroom.pages.none":          "Aucune page pour l’instant.",
		"newsroom.pages.forbidden":     "Les pages fixes sont réservées aux éditeurs et aux administrateurs ; vous n’en avez pas le droit. Rien n’a été enregistré.",
		"page.field.title":             "Titre de la page",
		"page.field.body":              "Texte de la page",
		"page.field.lang":              "Langue de la page",
		"page.field.position":          "Ordre en bas du site",
		"page.field.in_footer":         "Lien vers elle en bas de chaque page du site",
		"page.status.draft":            "Brouillon",
		"page.status.published":        "Publiée",
		"page.list.footer":             "En bas du site",
		"page.list.address":            "Adresse",
		"page.view":                    "Voir la page",
		"page.action.save":             "Enregistrer",
		"page.saved":                   "Page enregistrée.",
		"page.error.fields":            "Page non enregistrée : corrigez les champs signalés.",
		"page.error.conflict":          "Quelqu’un a enregistré cette page depuis que vous l’avez ouverte ; votre modification n’a pas été enregistrée pour ne pas effacer la sienne. Sa version est celle qui est enregistrée ; enregistrer à nouveau la remplacera par la vôtre.",
	}
}
