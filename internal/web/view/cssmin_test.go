package view

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
)

// cssTokens splits a style sheet into strings, the punctuation that
// shapes rules ({ } ( ) ; , :), runs of anything else, and " " for a run
// of whitespace or comments: the minifier must keep every other token as
// it is, in order, and may only drop whitespace where one side is
// punctuation that needs none.
func cssTokens(t *testing.T, src string) []string {
	t.Helper()
	var out []string
	ws := func() {
		if len(out) > 0 && out[len(out)-1] != " " {
			out = append(out, " ")
		}
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				t.Fatalf("unclosed comment at %d", i)
			}
			i += end + 4
			ws()
		case strings.ContainsRune(" \t\n\r\f", rune(c)):
			i++
			ws()
		case c == '"' || c == '\'':
			j := i + 1
			for src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, src[i:j+1])
			i = j + 1
		case strings.ContainsRune("{}();,:", rune(c)):
			out = append(out, string(c))
			i++
		default:
			j := i
			for j < len(src) && !strings.ContainsRune("{}();,:\"' \t\n\r\f", rune(src[j])) && !strings.HasPrefix(src[j:], "/*") {
				j++
			}
			out = append(out, src[i:j])
			i = j
		}
	}
	return out
}

// sameRules checks that min is src with only comments, needless
// whitespace and a block's last ";" taken out.
func sameRules(t *testing.T, name, src, minified string) {
	t.Helper()
	a, b := cssTokens(t, src), cssTokens(t, minified)
	// The expected tokens: src's, without a ";" that closes a block, and
	// without the whitespace beside punctuation.
	var want []string
	for i, tok := range a {
		next := ""
		for _, n := range a[i+1:] {
			if n != " " {
				next = n
				break
			}
		}
		if tok == ";" && next == "}" {
			continue
		}
		if tok == " " {
			prev := ""
			if len(want) > 0 {
				prev = want[len(want)-1]
			}
			if prev == "" || next == "" || strings.Contains("{};,:", prev) || strings.Contains("{};,", next) {
				continue
			}
		}
		want = append(want, tok)
	}
	if !slices.Equal(want, b) {
		for i := range min(len(want), len(b)) {
			if want[i] != b[i] {
				t.Fatalf("%s: token %d is %q, want %q (context %q)", name, i, b[i], want[i], want[max(0, i-5):i+1])
			}
		}
		t.Fatalf("%s: %d tokens, want %d", name, len(b), len(want))
	}
}

func TestMinifyCSSKeepsRules(t *testing.T) {
	samples := map[string]string{
		"descendant pseudo": "nav  a :hover , p > b{ color : red ; }",
		"calc":              ".x{ width: calc( 100% - 2px ); margin-inline: calc(1px + 2px) }",
		"strings":           `a::before { content: "a  /* not a comment */ ;}" ; font-family: 'x y' }`,
		"url":               `.y{background:url("a;b.svg") no-repeat}`,
		"media":             "/* c */ @media (min-width: 600px) and (max-width:900px) {\n  a { b: c }\n}\n",
		"escapes":           `a[title="x\"y"] { content: '\'' }`,
	}
	for name, src := range samples {
		sameRules(t, name, src, minifyCSS(src))
	}
	err := fs.WalkDir(staticFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || path.Ext(p) != ".css" {
			return err
		}
		b, err := fs.ReadFile(staticFS, p)
		if err != nil {
			return err
		}
		min := minifyCSS(string(b))
		sameRules(t, p, string(b), min)
		if len(min) >= len(b) {
			t.Errorf("%s: %d bytes minified, from %d", p, len(min), len(b))
		}
		t.Logf("%s: %d → %d bytes", p, len(b), len(min))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := minifyCSS("a { color: red ; }\n/* x */ b  c{}"); got != "a{color:red}b c{}" {
		t.Errorf("minified: %q", got)
	}
}
