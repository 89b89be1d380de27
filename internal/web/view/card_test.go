package view

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONLDStaysInItsScript: no text marshalled for a JSON-LD script can
// end the element, open a comment or break a line for a JavaScript reader,
// and every text comes back as it was.
func TestJSONLDStaysInItsScript(t *testing.T) {
	texts := []string{
		`</script><script>alert(1)</script>`, `</SCRIPT >`, `<!-- <script>`, `]]>`, `"quoted" & 'single'`,
		"line\u2028separator\u2029paragraph", "\u202Eمعكوس\u202C \u2067عربي\u2069", "🇲🇦😀", "\\u003c",
	}
	for _, text := range texts {
		js, err := JSONLD(map[string]any{"headline": text})
		if err != nil {
			t.Fatal(err)
		}
		out := string(js)
		if strings.ContainsAny(out, "<>&\u2028\u2029") {
			t.Errorf("%q marshals to %s", text, out)
		}
		var back map[string]string
		if err := json.Unmarshal([]byte(out), &back); err != nil || back["headline"] != text {
			t.Errorf("%q comes back as %q (%v)", text, back["headline"], err)
		}
	}
}
