package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/news"
)

const userUsage = `Usage: midad user <action> [flags]

Actions:
  add --email E --name N --role contributor|author|editor|admin --password-stdin
        create an account; the password is read from standard input
  list  every account
  disable ID / enable ID   stop or allow an account (disabling ends its sessions)
`

// user manages newsroom accounts from the command line: the first
// administrator is created this way.
func user(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, userUsage)
		return errUsage
	}
	action, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+action, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, userUsage) }
	email := fs.String("email", "", "with add: the account's email")
	name := fs.String("name", "", "with add: the person's name")
	role := fs.String("role", "", "with add: contributor, author, editor or admin")
	passwordStdin := fs.Bool("password-stdin", false, "with add: read the password from standard input")
	st, err := openStore(ctx, env, fs, args)
	if err != nil {
		return err
	}
	defer st.Close()

	switch action {
	case "add":
		if !*passwordStdin {
			return fmt.Errorf("add needs --password-stdin: a password on the command line ends up in the shell's history")
		}
		line, err := bufio.NewReader(io.LimitReader(env.Stdin, 4096)).ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		svc := accounts.New(st, newLogger(env.Stderr, slog.LevelWarn, "text"), nil)
		u, err := svc.Create(ctx, accounts.NewUser{Email: *email, Name: *name, Role: news.Role(*role),
			Password: strings.TrimRight(line, "\r\n")})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "account %d created: %s (%s)\n", u.ID, u.Email, u.Role)
		return nil
	case "list":
		list, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tSTATE\tCREATED")
		for _, u := range list {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, state, u.Created.Format(time.DateOnly))
		}
		return tw.Flush()
	case "disable", "enable":
		ids, err := parseIDs(fs.Args())
		if err != nil || len(ids) != 1 {
			return fmt.Errorf("%s takes one account id", action)
		}
		if err := st.SetUserDisabled(ctx, ids[0], action == "disable"); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "account %d %sd\n", ids[0], action)
		return nil
	}
	fmt.Fprint(env.Stderr, userUsage)
	return errUsage
}
