package i18n

// importArabic holds the messages of the newsroom's import screen.
func importArabic() map[string]string {
	return map[string]string{
		"newsroom.import.title":     "الاستيراد من ووردبريس",
		"newsroom.import.intro":     "ملف التصدير من ووردبريس (أدوات ← تصدير)، بصيغة XML أو مضغوطاً بـ gzip. تُستورد المقالات والتصنيفات والوسوم والكتّاب والتعليقات والصفحات، وتبقى روابط الموقع القديم صالحة. الصور تُستورد من سطر الأوامر: midad import wordpress مع الخيار ‎--uploads.",
		"newsroom.import.file":      "ملف التصدير",
		"newsroom.import.dry_run":   "تجربة: تقرير دون حفظ أي شيء",
		"newsroom.import.start":     "استيراد",
		"newsroom.import.running":   "الاستيراد جارٍ.",
		"newsroom.import.progress":  "العناصر المستوردة حتى الآن:",
		"newsroom.import.refresh":   "تحديث",
		"newsroom.import.busy":      "استيراد آخر جارٍ؛ انتظر حتى ينتهي.",
		"newsroom.import.no_file":   "اختر ملف التصدير.",
		"newsroom.import.too_big":   "الملف أكبر من الحد المسموح (4 غيغابايت). استعمل سطر الأوامر.",
		"newsroom.import.report":    "تقرير آخر استيراد",
		"newsroom.import.dry":       "(تجربة: لم يُحفظ شيء)",
		"newsroom.import.stopped":   "توقف الاستيراد:",
		"newsroom.import.kind":      "النوع",
		"newsroom.import.imported":  "مستورد",
		"newsroom.import.updated":   "محدَّث",
		"newsroom.import.unchanged": "دون تغيير",
		"newsroom.import.skipped":   "متروك",
		"newsroom.import.skips":     "ما لم يُستورد ولماذا",
	}
}

// importFrench is importArabic in French.
func importFrench() map[string]string {
	return map[string]string{
		"newsroom.import.title":     "Importer depuis WordPress",
		"newsroom.import.intro":     "Le fichier d’export de WordPress (Outils → Exporter), en XML ou compressé en gzip. Articles, catégories, étiquettes, auteurs, commentaires et pages sont importés, et les adresses de l’ancien site restent valables. Les images s’importent en ligne de commande : midad import wordpress avec --uploads.",
		"newsroom.import.file":      "Fichier d’export",
		"newsroom.import.dry_run":   "Essai : le rapport, sans rien enregistrer",
		"newsroom.import.start":     "Importer",
		"newsroom.import.running":   "Import en cours.",
		"newsroom.import.progress":  "Éléments importés jusqu’ici :",
		"newsroom.import.refresh":   "Actualiser",
		"newsroom.import.busy":      "Un autre import est en cours ; attendez qu’il se termine.",
		"newsroom.import.no_file":   "Choisissez le fichier d’export.",
		"newsroom.import.too_big":   "Le fichier dépasse la taille permise (4 Go). Utilisez la ligne de commande.",
		"newsroom.import.report":    "Rapport du dernier import",
		"newsroom.import.dry":       "(essai : rien n’a été enregistré)",
		"newsroom.import.stopped":   "L’import s’est arrêté :",
		"newsroom.import.kind":      "Type",
		"newsroom.import.imported":  "Importés",
		"newsroom.import.updated":   "Mis à jour",
		"newsroom.import.unchanged": "Inchangés",
		"newsroom.import.skipped":   "Laissés",
		"newsroom.import.skips":     "Ce qui n’a pas été importé, et pourquoi",
	}
}
