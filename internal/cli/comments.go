package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

var commentsCommands = []command{
	{name: "list", about: "the comments awaiting moderation (or another status), with each automatic decision's reason", run: commentsList},
	{name: "approve", args: "ID…", about: "publish comments", run: commentsModerate},
	{name: "spam", args: "ID…", about: "mark comments as spam", run: commentsModerate},
	{name: "trash", args: "ID…", about: "move comments to the trash", run: commentsModerate},
	{name: "delete", args: "ID…", about: "delete comments for good, with their replies", run: commentsModerate},
	{name: "edit", args: "ID", about: "edit a comment, with the same checks as a reader's post", run: commentsEdit},
	{name: "refusals", about: "the posts the automatic checks refused, newest first", run: commentsRefusals},
	{name: "close", args: "ARTICLE_ID", about: "stop new comments on an article", run: commentsOpenClose},
	{name: "open", args: "ARTICLE_ID", about: "allow new comments on an article again", run: commentsOpenClose},
}

// moderation returns the comments service; moderation is logged like the
// server's actions, on standard error.
func moderation(c *cmdline, st *store.Store) *discussion.Service {
	return discussion.New(st, newLogger(c.Stderr, slog.LevelInfo, "text"), nil)
}

func commentsList(ctx context.Context, c *cmdline, args []string) error {
	status := c.fs.String("status", "pending", "which comments: pending, approved, spam, trash or all")
	article := c.fs.Int64("article", 0, "only this article's comments")
	asJSON := c.fs.Bool("json", false, "JSON lines instead of a table")
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	f := news.CommentFilter{ArticleID: *article}
	if *status != "all" {
		f.Status = news.CommentStatus(*status)
		if !f.Status.Valid() {
			return c.Usagef("unknown status %q", *status)
		}
	}
	st, err := c.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := moderation(c, st).List(ctx, f)
	if err != nil {
		return err
	}
	return printComments(c.Stdout, list, *asJSON)
}

func commentsModerate(ctx context.Context, c *cmdline, args []string) error {
	st, ids, err := c.OpenWithIDs(ctx, args, 1, 0)
	if err != nil {
		return err
	}
	defer st.Close()
	action := c.cmd.name
	n, err := moderation(c, st).Moderate(ctx, discussion.Action(action), ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "%s: %d of %d comments changed\n", action, n, len(ids))
	if n < len(ids) {
		return fmt.Errorf("%d comments not found", len(ids)-n)
	}
	return nil
}

func commentsEdit(ctx context.Context, c *cmdline, args []string) error {
	name := c.fs.String("name", "", "the new name")
	url := c.fs.String("url", "", "the new website (\"-\" removes it)")
	bodyStdin := c.fs.Bool("body-stdin", false, "read the new text from standard input")
	st, ids, err := c.OpenWithIDs(ctx, args, 1, 1)
	if err != nil {
		return err
	}
	defer st.Close()
	cm, err := st.Comment(ctx, ids[0])
	if err != nil {
		return err
	}
	if *name != "" {
		cm.Name = *name
	}
	switch *url {
	case "":
	case "-":
		cm.URL = ""
	default:
		cm.URL = *url
	}
	if *bodyStdin {
		b, err := io.ReadAll(io.LimitReader(c.Stdin, 1<<20))
		if err != nil {
			return err
		}
		cm.Body = string(b)
	}
	if err := moderation(c, st).Edit(ctx, cm.ID, cm.Name, cm.URL, cm.Body); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "comment %d edited\n", cm.ID)
	return nil
}

func commentsRefusals(ctx context.Context, c *cmdline, args []string) error {
	limit := c.fs.Int("limit", 50, "how many")
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	st, err := c.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Refusals(ctx, *limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tARTICLE\tREASON\tIP")
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", r.Created.Format(time.RFC3339), r.ArticleID, r.Reason, r.IP)
	}
	return tw.Flush()
}

func commentsOpenClose(ctx context.Context, c *cmdline, args []string) error {
	st, ids, err := c.OpenWithIDs(ctx, args, 1, 1)
	if err != nil {
		return err
	}
	defer st.Close()
	closed := c.cmd.name == "close"
	if err := st.SetCommentsClosed(ctx, ids[0], closed); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "comments on article %d: %s\n", ids[0], map[bool]string{true: "closed", false: "open"}[closed])
	return nil
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
