package i18n

// addressesArabic holds the messages of earlier addresses and of the
// newsroom's tag, author and search-appearance screens.
func addressesArabic() map[string]string {
	return map[string]string{
		"error.gone.title":                     "لم يعد هذا المقال متاحاً",
		"error.gone.text":                      "سُحب هذا المقال من النشر، ولن يعود إلى هذا الرابط.",
		"newsroom.rename.slug":                 "الاسم في الرابط",
		"newsroom.rename.note":                 "إذا غيّرت الاسم في الرابط، يبقى الرابط القديم يقود القارئ إلى العنوان الجديد.",
		"newsroom.rename.filter":               "ابحث بالاسم",
		"newsroom.rename.none":                 "لا شيء يطابق هذا البحث.",
		"newsroom.rename.more":                 "تظهر أول 100 نتيجة فقط: ضيّق البحث للعثور على الباقي.",
		"newsroom.tags.title":                  "الوسوم",
		"newsroom.tags.name":                   "اسم الوسم",
		"newsroom.authors.title":               "الكتّاب",
		"newsroom.authors.name":                "اسم الكاتب",
		"newsroom.authors.bio":                 "نبذة",
		"tag.error.name":                       "اسم الوسم مطلوب، ولا يتجاوز 100 حرف.",
		"tag.error.exists":                     "يوجد وسم آخر بهذا الاسم في الرابط.",
		"author.error.name":                    "اسم الكاتب مطلوب، ولا يتجاوز 120 حرفاً.",
		"author.error.bio":                     "النبذة لا تتجاوز 2000 حرف.",
		"author.error.exists":                  "يوجد كاتب آخر بهذا الاسم في الرابط.",
		"article.share.title":                  "الظهور في محركات البحث ومواقع التواصل",
		"article.share.hint":                   "اختياري: إن تُركت فارغة فالعنوان والملخص والصورة البارزة هي ما يظهر.",
		"article.share.length":                 "الطول",
		"article.share.advice":                 "يُستحسن ألا يتجاوز",
		"article.share.same_image":             "الصورة البارزة نفسها",
		"article.share.card":                   "عند المشاركة",
		"article.share.search":                 "في نتائج البحث",
		"article.field.seo_title":              "عنوان البحث",
		"article.field.seo_description":        "وصف البحث",
		"article.field.social_image":           "صورة المشاركة",
		"error.field.seo_title_too_long":       "عنوان البحث لا يتجاوز 120 حرفاً، ويُستحسن ألا يتجاوز 60.",
		"error.field.seo_description_too_long": "وصف البحث لا يتجاوز 320 حرفاً، ويُستحسن ألا يتجاوز 160.",
	}
}

// addressesFrench is addressesArabic in French.
func addressesFrench() map[string]string {
	return map[string]string{
		"error.gone.title":                     "Cet article n’est plus disponible",
		"error.gone.text":                      "Cet article a été retiré de la publication et ne reviendra pas à cette adresse.",
		"newsroom.rename.slug":                 "Nom dans l’adresse",
		"newsroom.rename.note":                 "Si vous changez le nom dans l’adresse, l’ancienne adresse mène toujours le lecteur à la nouvelle.",
		"newsroom.rename.filter":               "Chercher par nom",
		"newsroom.rename.none":                 "Rien ne correspond à cette recherche.",
		"newsroom.rename.more":                 "Seuls les 100 premiers résultats sont affichés : affinez la recherche pour trouver les autres.",
		"newsroom.tags.title":                  "Mots-clés",
		"newsroom.tags.name":                   "Nom du mot-clé",
		"newsroom.authors.title":               "Auteurs",
		"newsroom.authors.name":                "Nom de l’auteur",
		"newsroom.authors.bio":                 "Présentation",
		"tag.error.name":                       "Nom obligatoire, 100 caractères au plus.",
		"tag.error.exists":                     "Un autre mot-clé a déjà cette adresse.",
		"author.error.name":                    "Nom obligatoire, 120 caractères au plus.",
		"author.error.bio":                     "La présentation ne dépasse pas 2 000 caractères.",
		"author.error.exists":                  "Un autre auteur a déjà cette adresse.",
		"article.share.title":                  "Apparence dans les moteurs de recherche et les réseaux sociaux",
		"article.share.hint":                   "Facultatif : laissés vides, le titre, le chapeau et l’image à la une sont utilisés.",
		"article.share.length":                 "Longueur",
		"article.share.advice":                 "Conseillé : au plus",
		"article.share.same_image":             "L’image à la une",
		"article.share.card":                   "En partage",
		"article.share.search":                 "Dans les résultats de recherche",
		"article.field.seo_title":              "Titre pour la recherche",
		"article.field.seo_description":        "Description pour la recherche",
		"article.field.social_image":           "Image de partage",
		"error.field.seo_title_too_long":       "Le titre pour la recherche ne dépasse pas 120 caractères ; 60 au plus sont conseillés.",
		"error.field.seo_description_too_long": "La description ne dépasse pas 320 caractères ; 160 au plus sont conseillés.",
	}
}
