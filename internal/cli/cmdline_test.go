package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// runIn runs a command line with stdin as its standard input.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), Env{
		Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" },
	})
	return code, out.String(), errOut.String()
}

// walk calls f with the path of every command and action ("comments
// approve"), and whether it is a group.
func walk(prefix string, list []command, f func(path string, c command)) {
	for _, c := range list {
		path := strings.TrimSpace(prefix + " " + c.name)
		f(path, c)
		walk(path, c.subs, f)
	}
}

// TestHelpEverywhere: every command and action answers --help, -h and
// "midad help …" with its usage on standard output, in one shape, and exit
// 0; an unknown flag anywhere is one clear line and exit 2.
func TestHelpEverywhere(t *testing.T) {
	n := 0
	walk("", commands, func(path string, c command) {
		n++
		args := strings.Fields(path)
		for _, line := range [][]string{append(args, "--help"), append(args, "-h"), append([]string{"help"}, args...)} {
			code, out, errOut := runIn(t, "", line...)
			if code != 0 || errOut != "" || !strings.HasPrefix(strings.ReplaceAll(out, "\n", " "), "Usage: midad "+path+" ") {
				t.Errorf("midad %s: exit %d, stdout %q, stderr %q", strings.Join(line, " "), code, out, errOut)
				continue
			}
			if about := capitalize(c.about) + "."; !strings.Contains(out, "\n\n"+about+"\n") {
				t.Errorf("midad %s: no %q in %q", strings.Join(line, " "), about, out)
			}
			for _, s := range c.subs {
				if !strings.Contains(out, "\n  "+s.name) {
					t.Errorf("midad %s: action %s not listed in %q", strings.Join(line, " "), s.name, out)
				}
			}
		}
		if c.subs != nil {
			code, _, errOut := runIn(t, "", append(args, "frob")...)
			if want := `midad ` + path + `: unknown action "frob"`; code != 2 || !strings.Contains(errOut, want) {
				t.Errorf("midad %s frob: exit %d, %q; want 2, %q", path, code, errOut, want)
			}
			return
		}
		code, out, errOut := runIn(t, "", append(args, "--nope")...)
		want := "midad " + path + ": unknown flag --nope\nRun 'midad " + path + " --help' for usage.\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("midad %s --nope: exit %d, stdout %q, stderr %q; want 2, %q", path, code, out, errOut, want)
		}
	})
	if n < 20 {
		t.Errorf("only %d commands walked", n)
	}
	code, out, _ := runIn(t, "", "--help")
	if code != 0 || !strings.HasPrefix(out, "Usage: midad <command>") || !strings.Contains(out, "\n  comments ") {
		t.Errorf("midad --help: exit %d, %q", code, out)
	}
	// The flags' own usage, and the configuration a store command uses.
	_, out, _ = runIn(t, "", "comments", "list", "--help")
	for _, want := range []string{"Usage: midad comments list [flags]\n", "  --status string", "default pending", "  --data string", "(env MIDAD_DATA; default ./midad-data)"} {
		if !strings.Contains(out, want) {
			t.Errorf("comments list --help: no %q in %q", want, out)
		}
	}
	if strings.Contains(out, "--addr") {
		t.Errorf("comments list --help lists serve's --addr: %q", out)
	}
	if _, out, _ = runIn(t, "", "serve", "--help"); !strings.Contains(out, "--addr string") || !strings.Contains(out, "--trusted-proxies") {
		t.Errorf("serve --help: %q", out)
	}
}

// seed stores a published article with two pending comments, for the
// moderation commands.
func seed(t *testing.T, data string) (article int64, comments [2]int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sec := news.Section{Slug: "first", Name: "الأولى", Position: 1}
	au := news.Author{Slug: "sara", Name: "سارة"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.CreateSection(ctx, &sec))
	must(st.CreateAuthor(ctx, &au))
	a := news.Article{Slug: "khabar", Headline: "خبر", Body: "<p>نص</p>", Lang: "ar", Status: news.Published,
		Section: sec, Authors: []news.Author{au}, Published: time.Now().Add(-time.Hour)}
	must(st.CreateArticle(ctx, &a))
	for i, key := range []string{"a", "b"} {
		c := news.Comment{ArticleID: a.ID, Name: "قارئ", Email: key + "@example.ma", Body: "تعليق " + key,
			Status: news.CommentPending, IP: "192.0.2.1", UserAgent: "test", Key: key}
		_, err := st.AddComment(ctx, &c, news.CommentLimits{})
		must(err)
		comments[i] = c.ID
	}
	return a.ID, comments
}

// TestFlagsAnywhere: in every command family, flags come before, between
// or after the ids ("midad comments approve 7 --data D" used to fail with
// '"--data" is not an id'), "--" ends the flags, and a bad id is said in
// one line with exit 2.
func TestFlagsAnywhere(t *testing.T) {
	data := t.TempDir()
	art, cm := seed(t, data)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	tests := []struct {
		name string
		args []string
		code int
		out  string // on stdout, or stderr if code is 2
	}{
		{"approve, flag after the id", []string{"comments", "approve", id(cm[0]), "--data", data}, 0, "approve: 1 of 1 comments changed"},
		{"spam, flag between ids", []string{"comments", "spam", id(cm[0]), "--data", data, id(cm[1])}, 0, "spam: 2 of 2 comments changed"},
		{"trash, after --", []string{"comments", "trash", "--data", data, "--", id(cm[1])}, 0, "trash: 1 of 1"},
		{"edit, flags around the id", []string{"comments", "edit", "--name", "قارئة", id(cm[0]), "--data", data}, 0, "comment " + id(cm[0]) + " edited"},
		{"list, flags in any order", []string{"comments", "list", "--json", "--data", data, "--status", "all"}, 0, `"name":"قارئة"`},
		{"close, flag after the id", []string{"comments", "close", id(art), "--data", data}, 0, "closed"},
		{"refusals", []string{"comments", "refusals", "--data", data, "--limit", "5"}, 0, "TIME"},
		{"add a user", []string{"user", "add", "--email", "a@example.ma", "--data", data, "--name", "أمينة", "--role", "admin", "--password-stdin"}, 0, "account 1 created"},
		{"disable, flag after the id", []string{"user", "disable", "1", "--data", data}, 0, "account 1 disabled"},
		{"enable, flag before the id", []string{"user", "enable", "--data", data, "1"}, 0, "account 1 enabled"},
		{"list users", []string{"user", "list", "--data", data}, 0, "a@example.ma"},
		{"settings get", []string{"settings", "get", "--data", data}, 0, `"feed_items"`},
		{"reindex", []string{"reindex", "--data", data}, 0, "search index rebuilt: 1 articles"},
		{"migrate", []string{"migrate", "--data", data}, 0, "schema version"},
		{"media crops", []string{"media", "crops", "--data", data}, 0, "crops made for 0 images"},

		{"a word for an id", []string{"comments", "approve", "seven", "--data", data}, 2, `midad comments approve: "seven" is not an id`},
		{"zero", []string{"comments", "delete", "0", "--data", data}, 2, `"0" is not an id`},
		{"a negative id", []string{"comments", "approve", "-3", "--data", data}, 2, `"-3" is not an id`},
		{"no id", []string{"comments", "approve", "--data", data}, 2, "midad comments approve: an id is required"},
		{"two ids for one", []string{"comments", "close", "1", "2", "--data", data}, 2, "2 ids given, at most 1 taken"},
		{"an id where none is taken", []string{"reindex", "5", "--data", data}, 2, `midad reindex: unexpected argument "5"`},
		{"a bad status", []string{"comments", "list", "--status", "lost", "--data", data}, 2, `unknown status "lost"`},
		{"a flag without its value", []string{"user", "disable", "1", "--data"}, 2, "flag needs an argument: -data"},
		{"a bad number", []string{"comments", "refusals", "--limit", "many"}, 2, `invalid value "many" for flag -limit`},
		{"settings with an id", []string{"settings", "get", "1"}, 2, `unexpected argument "1"`},
		{"media crops with an id", []string{"media", "crops", "1"}, 2, `unexpected argument "1"`},
		{"migrate with a bad flag", []string{"migrate", "--data", data, "--force"}, 2, "unknown flag --force"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runIn(t, "a long enough password\n", tt.args...)
			got := out
			if tt.code == 2 {
				got = errOut
				if !strings.Contains(errOut, "Run 'midad ") {
					t.Errorf("no pointer to --help in %q", errOut)
				}
			}
			if code != tt.code || !strings.Contains(got, tt.out) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q", code, out, errOut, tt.code, tt.out)
			}
		})
	}
}
