package i18n

// identityArabic holds the messages of the site's identity settings and of
// the images' focal point.
func identityArabic() map[string]string {
	return map[string]string{
		"media.error.focus":               "النقطة المحورية يجب أن تكون داخل الصورة: نسبة بين 0 و100 في الاتجاهين.",
		"newsroom.media.focus":            "النقطة المحورية",
		"newsroom.media.focus_hint":       "انقر على الصورة عند أهم ما فيها: تُقصّ الصور بمقاسات 16:9 و4:3 و1:1 حولها.",
		"newsroom.media.focus_x":          "أفقياً (٪ من اليسار)",
		"newsroom.media.focus_y":          "عمودياً (٪ من الأعلى)",
		"newsroom.media.focus_save":       "حفظ النقطة المحورية",
		"newsroom.media.focus_done":       "حُفظت النقطة المحورية وقُصّت الصور من جديد.",
		"newsroom.media.crops":            "المقاسات المقصوصة",
		"newsroom.settings.identity":      "هوية الموقع",
		"newsroom.settings.logo":          "الشعار",
		"newsroom.settings.icon":          "أيقونة الموقع (تُصنع منها أيقونة المتصفح وأيقونات الهاتف)",
		"newsroom.settings.share_image":   "صورة المشاركة الافتراضية",
		"newsroom.settings.image_none":    "بلا صورة",
		"newsroom.settings.social":        "روابط حسابات الموقع على الشبكات الاجتماعية (رابط https في كل سطر، حتى 10)",
		"newsroom.settings.twitter":       "حساب تويتر/إكس (مثل ‎@midad)",
		"newsroom.settings.locale":        "لغة بطاقات المشاركة (مثل ar_MA)",
		"newsroom.settings.theme_color":   "لون الموقع في المتصفح",
		"newsroom.settings.invalid_field": "لم تُحفظ الإعدادات: صحّح الحقول المشار إليها.",
		"settings.error.social":           "روابط الحسابات: يُقبل حتى 10 روابط، كل رابط يبدأ بـ https://.",
		"settings.error.twitter":          "حساب تويتر/إكس: اكتب @ ثم الاسم، حتى 15 حرفاً لاتينياً أو رقماً أو _.",
		"settings.error.locale":           "لغة بطاقات المشاركة: اكتبها على شكل ar_MA (حرفان صغيران ثم _ ثم حرفان كبيران).",
		"settings.error.theme_color":      "لون الموقع: اكتبه على شكل ‎#b3121f (علامة # وستة أرقام ست عشرية).",
		"settings.error.image":            "الصورة المختارة غير موجودة في مكتبة الصور.",
		"newsroom.settings.feeds":         "الخلاصات (RSS وAtom وJSON Feed)",
		"newsroom.settings.feed_items":    "عدد المقالات في كل خلاصة (من 1 إلى 500)",
		"newsroom.settings.feed_full":     "النص الكامل للمقالات في الخلاصات (وإلا فالملخص وحده)",
		"settings.error.feed_items":       "عدد المقالات في الخلاصة: رقم من 1 إلى 500.",
	}
}

// identityFrench is identityArabic in French.
func identityFrench() map[string]string {
	return map[string]string{
		"media.error.focus":               "Le point focal doit être dans l’image : un pourcentage entre 0 et 100 dans chaque sens.",
		"newsroom.media.focus":            "Point focal",
		"newsroom.media.focus_hint":       "Cliquez sur l’image à l’endroit essentiel : les recadrages 16:9, 4:3 et 1:1 se font autour.",
		"newsroom.media.focus_x":          "Horizontal (% depuis la gauche)",
		"newsroom.media.focus_y":          "Vertical (% depuis le haut)",
		"newsroom.media.focus_save":       "Enregistrer le point focal",
		"newsroom.media.focus_done":       "Point focal enregistré, recadrages refaits.",
		"newsroom.media.crops":            "Recadrages",
		"newsroom.settings.identity":      "Identité du site",
		"newsroom.settings.logo":          "Logo",
		"newsroom.settings.icon":          "Icône du site (favicon et icônes des téléphones)",
		"newsroom.settings.share_image":   "Image de partage par défaut",
		"newsroom.settings.image_none":    "Aucune",
		"newsroom.settings.social":        "Profils sur les réseaux sociaux (une adresse https par ligne, 10 au plus)",
		"newsroom.settings.twitter":       "Compte Twitter/X (par exemple @midad)",
		"newsroom.settings.locale":        "Langue des cartes de partage (par exemple ar_MA)",
		"newsroom.settings.theme_color":   "Couleur du site dans le navigateur",
		"newsroom.settings.invalid_field": "Réglages non enregistrés : corrigez les champs signalés.",
		"settings.error.social":           "Profils : 10 adresses au plus, chacune commençant par https://.",
		"settings.error.twitter":          "Compte Twitter/X : @ puis le nom, 15 lettres latines, chiffres ou _ au plus.",
		"settings.error.locale":           "Langue des cartes : sous la forme ar_MA (deux minuscules, _, deux majuscules).",
		"settings.error.theme_color":      "Couleur : sous la forme #b3121f (# et six chiffres hexadécimaux).",
		"settings.error.image":            "L’image choisie n’est pas dans la photothèque.",
		"newsroom.settings.feeds":         "Flux (RSS, Atom, JSON Feed)",
		"newsroom.settings.feed_items":    "Nombre d’articles par flux (de 1 à 500)",
		"newsroom.settings.feed_full":     "Texte intégral des articles dans les flux (sinon le résumé seul)",
		"settings.error.feed_items":       "Nombre d’articles par flux : un nombre de 1 à 500.",
	}
}
