package i18n

import (
	"sort"
	"testing"
)

func TestCatalogT(t *testing.T) {
	c := NewCatalog()
	c.msgs["ar"]["test.ar_only"] = "نص عربي فقط"
	tests := []struct {
		name, lang, key, want string
	}{
		{"arabic", "ar", "error.not_found.title", "الصفحة غير موجودة"},
		{"arabic with region", "ar-MA", "error.home", "العودة إلى الصفحة الرئيسية"},
		{"french", "fr", "error.not_found.title", "Page introuvable"},
		{"french with region", "fr-MA", "error.id", "Numéro d’erreur"},
		{"french uppercase tag", "FR", "error.bad_request.title", "Requête invalide"},
		{"unknown language falls back to arabic", "en", "error.method.title", "طريقة غير مسموح بها"},
		{"empty language falls back to arabic", "", "error.uri_too_long.title", "الرابط طويل جداً"},
		{"missing french falls back to arabic", "fr", "test.ar_only", "نص عربي فقط"},
		{"unknown key returns key", "fr", "no.such.key", "no.such.key"},
	}
	for _, tt := range tests {
		if got := c.T(tt.lang, tt.key); got != tt.want {
			t.Errorf("%s: T(%q, %q) = %q, want %q", tt.name, tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestCatalogHas(t *testing.T) {
	c := NewCatalog()
	c.msgs["ar"]["test.ar_only"] = "نص"
	tests := []struct {
		lang, key string
		want      bool
	}{
		{"ar", "error.internal.text", true},
		{"fr", "error.internal.text", true},
		{"fr-FR", "error.internal.text", true},
		{"fr", "test.ar_only", false},
		{"en", "error.internal.text", false},
		{"ar", "no.such.key", false},
	}
	for _, tt := range tests {
		if got := c.Has(tt.lang, tt.key); got != tt.want {
			t.Errorf("Has(%q, %q) = %v, want %v", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestNewCatalogIsolated(t *testing.T) {
	a := NewCatalog()
	a.msgs["ar"]["error.home"] = "changed"
	if got := NewCatalog().T("ar", "error.home"); got != "العودة إلى الصفحة الرئيسية" {
		t.Errorf("a change to one catalog leaked into another: %q", got)
	}
}

func TestNilCatalog(t *testing.T) {
	var c *Catalog
	if got := c.T("ar", "error.home"); got != "error.home" {
		t.Errorf("nil T = %q, want the key", got)
	}
	if c.Has("ar", "error.home") {
		t.Error("nil Has = true, want false")
	}
}

func TestCatalogComplete(t *testing.T) {
	c := NewCatalog()
	ar, fr := c.msgs["ar"], c.msgs["fr"]
	if len(ar) == 0 {
		t.Fatal("no Arabic messages")
	}
	for _, k := range sortedKeys(ar) {
		if fr[k] == "" {
			t.Errorf("key %q has no French translation", k)
		}
		if ar[k] == "" {
			t.Errorf("key %q has an empty Arabic text", k)
		}
	}
	for _, k := range sortedKeys(fr) {
		if ar[k] == "" {
			t.Errorf("key %q has no Arabic text", k)
		}
	}
}

func TestCatalogRequiredKeys(t *testing.T) {
	c := NewCatalog()
	want := map[string]string{
		"error.not_found.title":    "الصفحة غير موجودة",
		"error.not_found.text":     "عذراً، لم نعثر على الصفحة التي تبحث عنها. ربما نُقلت أو حُذفت.",
		"error.bad_request.title":  "طلب غير صالح",
		"error.bad_request.text":   "تعذّر فهم هذا الطلب. تحقّق من الرابط وحاول مجدداً.",
		"error.uri_too_long.title": "الرابط طويل جداً",
		"error.uri_too_long.text":  "الرابط الذي طلبته أطول من المسموح به.",
		"error.method.title":       "طريقة غير مسموح بها",
		"error.method.text":        "لا يمكن تنفيذ هذا الطلب على هذه الصفحة.",
		"error.internal.title":     "حدث خطأ غير متوقع",
		"error.internal.text":      "نعتذر، حدث خطأ أثناء عرض هذه الصفحة. حاول مجدداً بعد قليل، وإن تكرّر الخطأ فأبلغنا برقمه.",
		"error.id":                 "رقم الخطأ",
		"error.home":               "العودة إلى الصفحة الرئيسية",
	}
	for _, k := range sortedKeys(want) {
		if got := c.T("ar", k); got != want[k] {
			t.Errorf("T(ar, %q) = %q, want %q", k, got, want[k])
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
