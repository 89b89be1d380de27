package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/midad/midad/internal/config"
	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

const commentsUsage = `Usage: midad comments <action> [flags] [ids…]

Actions:
  list [--status pending|approved|spam|trash|all] [--article ID] [--json]
  approve ID…     publish comments
  spam ID…        mark comments as spam
  trash ID…       move comments to the trash
  delete ID…      delete comments for good, with their replies
  edit ID [--name N] [--url U] [--body-stdin]
  refusals [--limit N]   posts the automatic checks refused, newest first
  close ARTICLE_ID / open ARTICLE_ID   stop or allow new comments on an article
`

// openStore parses the common storage flags and opens the database.
func openStore(ctx context.Context, env Env, fs *flag.FlagSet, args []string) (*store.Store, error) {
	cfg := config.Register(fs, env.Getenv)
	if err := fs.Parse(args); err != nil {
		return nil, errors.Join(errUsage, err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return store.Open(ctx, cfg.Database)
}

func comments(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, commentsUsage)
		return errUsage
	}
	action, args := args[0], args[1:]
	fs := flag.NewFlagSet("comments "+action, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, commentsUsage) }
	status := fs.String("status", "pending", "with list: which comments")
	article := fs.Int64("article", 0, "with list: one article's comments")
	asJSON := fs.Bool("json", false, "with list: JSON lines instead of a table")
	name := fs.String("name", "", "with edit: the new name")
	url := fs.String("url", "", "with edit: the new website (\"-\" removes it)")
	bodyStdin := fs.Bool("body-stdin", false, "with edit: read the new text from standard input")
	limit := fs.Int("limit", 50, "with refusals: how many")

	st, err := openStore(ctx, env, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()
	// Moderation is logged like the server's actions, on standard error.
	svc := discussion.New(st, newLogger(env.Stderr, slog.LevelInfo, "text"), nil)

	switch action {
	case "list":
		f := news.CommentFilter{ArticleID: *article}
		if *status != "all" {
			f.Status = news.CommentStatus(*status)
			if !f.Status.Valid() {
				return fmt.Errorf("unknown status %q", *status)
			}
		}
		list, err := svc.List(ctx, f)
		if err != nil {
			return err
		}
		return printComments(env.Stdout, list, *asJSON)
	case "approve", "spam", "trash", "delete":
		ids, err := parseIDs(fs.Args())
		if err != nil {
			return err
		}
		n, err := svc.Moderate(ctx, discussion.Action(action), ids)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: %d of %d comments changed\n", action, n, len(ids))
		if n < len(ids) {
			return fmt.Errorf("%d comments not found", len(ids)-n)
		}
		return nil
	case "edit":
		ids, err := parseIDs(fs.Args())
		if err != nil || len(ids) != 1 {
			return errors.Join(errors.New("edit takes one comment id"), err)
		}
		c, err := st.Comment(ctx, ids[0])
		if err != nil {
			return err
		}
		if *name != "" {
			c.Name = *name
		}
		switch *url {
		case "":
		case "-":
			c.URL = ""
		default:
			c.URL = *url
		}
		if *bodyStdin {
			b, err := io.ReadAll(io.LimitReader(env.Stdin, 1<<20))
			if err != nil {
				return err
			}
			c.Body = string(b)
		}
		if err := svc.Edit(ctx, c.ID, c.Name, c.URL, c.Body); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "comment %d edited\n", c.ID)
		return nil
	case "refusals":
		list, err := st.Refusals(ctx, *limit)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TIME\tARTICLE\tREASON\tIP")
		for _, r := range list {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", r.Created.Format(time.RFC3339), r.ArticleID, r.Reason, r.IP)
		}
		return tw.Flush()
	case "close", "open":
		ids, err := parseIDs(fs.Args())
		if err != nil || len(ids) != 1 {
			return errors.Join(fmt.Errorf("%s takes one article id", action), err)
		}
		if err := st.SetCommentsClosed(ctx, ids[0], action == "close"); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "comments on article %d: %s\n", ids[0], map[string]string{"close": "closed", "open": "open"}[action])
		return nil
	}
	fmt.Fprint(env.Stderr, commentsUsage)
	return errUsage
}

func parseIDs(args []string) ([]int64, error) {
	if len(args) == 0 {
		return nil, errors.New("no ids given")
	}
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id < 1 {
			return nil, fmt.Errorf("%q is not an id", a)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// commentJSON is a comment as `comments list --json` prints it, for
// scripts; the email is there because moderators may see it.
type commentJSON struct {
	ID      int64     `json:"id"`
	Article int64     `json:"article"`
	Parent  int64     `json:"parent,omitempty"`
	Status  string    `json:"status"`
	Reason  string    `json:"reason,omitempty"`
	Name    string    `json:"name"`
	Email   string    `json:"email"`
	URL     string    `json:"url,omitempty"`
	Body    string    `json:"body"`
	IP      string    `json:"ip"`
	Created time.Time `json:"created"`
}

func printComments(w io.Writer, list []news.Comment, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		for _, c := range list {
			if err := enc.Encode(commentJSON{c.ID, c.ArticleID, c.ParentID, string(c.Status), c.Reason,
				c.Name, c.Email, c.URL, c.Body, c.IP, c.Created}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tARTICLE\tSTATUS\tREASON\tNAME\tEMAIL\tTEXT")
	for _, c := range list {
		text := strings.ReplaceAll(c.Body, "\n", " ")
		if r := []rune(text); len(r) > 60 {
			text = string(r[:60]) + "…"
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.ArticleID, c.Status, c.Reason, c.Name, c.Email, text)
	}
	return tw.Flush()
}
