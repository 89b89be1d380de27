package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/news"
)

// userCommands manage newsroom accounts from the command line: the first
// administrator is created this way, and a locked-out one gets back in.
var userCommands = []command{
	{name: "add", about: "create an account; the password is read from standard input", run: userAdd},
	{name: "list", about: "list every account", run: userList},
	{name: "disable", args: "ID", about: "stop an account and end its sessions", run: userDisable},
	{name: "enable", args: "ID", about: "allow a disabled account again", run: userDisable},
	{name: "passwd", args: "[ID]", about: "set an account's password, read from standard input, and end its sessions", run: userPasswd},
}

// errPasswordArg is said when --password-stdin is missing.
const errPasswordArg = "--password-stdin is required: a password on the command line ends up in the shell's history"

func accountsService(c *cmdline, st accounts.Store) *accounts.Service {
	return accounts.New(st, newLogger(c.Stderr, slog.LevelWarn, "text"), nil)
}

// readPassword reads the password, the first line of standard input.
func readPassword(c *cmdline) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(c.Stdin, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func userAdd(ctx context.Context, c *cmdline, args []string) error {
	email := c.fs.String("email", "", "the account's email")
	name := c.fs.String("name", "", "the person's name")
	role := c.fs.String("role", "", "contributor, author, editor or admin")
	passwordStdin := c.fs.Bool("password-stdin", false, "read the password from standard input (required)")
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	if !*passwordStdin {
		return c.Usagef("%s", errPasswordArg)
	}
	st, err := c.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	pw, err := readPassword(c)
	if err != nil {
		return err
	}
	u, err := accountsService(c, st).Create(ctx, accounts.NewUser{Email: *email, Name: *name, Role: news.Role(*role), Password: pw})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "account %d created: %s (%s)\n", u.ID, u.Email, u.Role)
	return nil
}

func userList(ctx context.Context, c *cmdline, args []string) error {
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
	list, err := st.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tSTATE\tCREATED")
	for _, u := range list {
		state := "active"
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, state, u.Created.Format(time.DateOnly))
	}
	return tw.Flush()
}

func userDisable(ctx context.Context, c *cmdline, args []string) error {
	st, ids, err := c.OpenWithIDs(ctx, args, 1, 1)
	if err != nil {
		return err
	}
	defer st.Close()
	action := c.cmd.name
	if err := accountsService(c, st).SetUserDisabled(ctx, ids[0], action == "disable"); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "account %d %sd\n", ids[0], action)
	return nil
}

// userPasswd sets a password from the server's shell, for the
// administrator who can no longer sign in: the same checks as the
// newsroom's, and every session of the account ends.
func userPasswd(ctx context.Context, c *cmdline, args []string) error {
	email := c.fs.String("email", "", "the account's email (or give its id)")
	passwordStdin := c.fs.Bool("password-stdin", false, "read the new password from standard input (required)")
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	var id int64
	switch {
	case *email != "" && len(pos) > 0:
		return c.Usagef("give the account's id or --email, not both")
	case *email == "":
		if len(pos) == 0 {
			return c.Usagef("which account? give its id or --email")
		}
		ids, err := c.IDs(pos, 1, 1)
		if err != nil {
			return err
		}
		id = ids[0]
	}
	if !*passwordStdin {
		return c.Usagef("%s", errPasswordArg)
	}
	st, err := c.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	var u news.User
	if id == 0 {
		u, err = st.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(*email)))
	} else {
		u, err = st.UserByID(ctx, id)
	}
	if errors.Is(err, news.ErrNotFound) {
		return errors.New("no such account (see 'midad user list')")
	}
	if err != nil {
		return err
	}
	pw, err := readPassword(c)
	if err != nil {
		return err
	}
	if err := accountsService(c, st).SetPassword(ctx, u.ID, pw); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "password of account %d (%s) changed; its sessions have ended\n", u.ID, u.Email)
	if u.Disabled {
		fmt.Fprintf(c.Stdout, "the account is disabled: 'midad user enable %d' allows it again\n", u.ID)
	}
	return nil
}
