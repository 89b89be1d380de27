package web_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/midad/midad/internal/i18n"
)

// keyUse finds message keys written literally in Go code (cat.T(lang,
// "key"), Key: "key", a FieldError's key) and in templates (t .Lang "key").
var keyUse = regexp.MustCompile(`(?:\.T\([^,()]+,\s*|\bt \$?\.Lang\s+|Key:\s*|FieldError\{"[a-z_]+",\s*)"([a-z_]+(?:\.[a-z_0-9]+)+)"`)

// TestEveryMessageExists: a key used in the code or a template but missing
// from the catalog would show as the key itself, in English letters, to an
// Arabic reader.
func TestEveryMessageExists(t *testing.T) {
	cat := i18n.NewCatalog()
	seen := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			seen++
			for _, lang := range []string{"ar", "fr"} {
				if !cat.Has(lang, m[1]) {
					t.Errorf("%s uses %q, missing in %s", path, m[1], lang)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 100 {
		t.Fatalf("only %d uses of message keys found: the pattern no longer matches the code", seen)
	}
	// Keys made from a prefix and a value.
	for _, key := range []string{"revisions.breaking.true", "revisions.breaking.false", "revisions.image",
		"status.draft", "status.review", "status.scheduled", "status.published", "status.unpublished",
		"article.lang.ar", "article.lang.fr", "revisions.note.autosave", "revisions.note.scheduled", "revisions.note.restored"} {
		if !cat.Has("ar", key) || !cat.Has("fr", key) {
			t.Errorf("missing %q", key)
		}
	}
}
