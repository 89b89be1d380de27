package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/midad/midad/internal/config"
	"github.com/midad/midad/internal/store"
)

// A command is a verb of the command line: either a leaf that runs, or a
// group such as "comments" whose actions are commands themselves.
type command struct {
	name  string
	args  string // the positional arguments, for the usage line: "ID…"
	about string // one line, lower-case, no full stop
	run   func(ctx context.Context, c *cmdline, args []string) error
	subs  []command
}

// How a command line can end besides success: help asked for (exit 0), a
// malformed line (exit 2), a failure (exit 1). The message has been printed
// already.
var (
	errHelp  = errors.New("help")
	errUsage = errors.New("usage")
	// errFailed: the command ran and failed (exit 1), and said why.
	errFailed = errors.New("failed")
)

// cmdline parses one leaf command's line, the same way for every command:
// flags before, between or after the positional arguments, "--" ending the
// flags, -h or --help printing the usage to standard output, and any
// mistake said in one line with a pointer to --help.
type cmdline struct {
	Env
	cmd  *command
	path string // "comments approve"
	fs   *flag.FlagSet
	// config names the flags config.Register added, listed apart in the
	// usage, true for those the command uses.
	config map[string]bool
}

func newCmdline(env Env, path string, cmd *command) *cmdline {
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &cmdline{Env: env, cmd: cmd, path: path, fs: fs}
}

// Config adds the configuration flags, for a command that opens the store
// or serves; its usage lists those named in show (all if none), the others
// being accepted for the sake of shared environments and unused.
func (c *cmdline) Config(show ...string) *config.Config {
	before := map[string]bool{}
	c.fs.VisitAll(func(f *flag.Flag) { before[f.Name] = true })
	cfg := config.Register(c.fs, c.Getenv)
	c.config = map[string]bool{}
	c.fs.VisitAll(func(f *flag.Flag) {
		if !before[f.Name] {
			c.config[f.Name] = len(show) == 0 || slices.Contains(show, f.Name)
		}
	})
	return cfg
}

// StoreConfig is Config for a command that opens the store and does not
// serve: its usage shows the data directory and the database only.
func (c *cmdline) StoreConfig() *config.Config { return c.Config("data", "database") }

// Parse parses args into the flags and returns the positional arguments.
// The flag package stops at the first one; Parse goes on past it, so that
// `comments approve 7 --data D` means `comments approve --data D 7`.
func (c *cmdline) Parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := c.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.usage(c.Stdout)
				return nil, errHelp
			}
			msg := err.Error()
			if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
				msg = fmt.Sprintf("unknown flag --%s", name)
				if _, err := strconv.Atoi(name); err == nil {
					msg = fmt.Sprintf("%q is not an id (a whole number from 1)", "-"+name)
				}
			}
			return nil, c.Usagef("%s", msg)
		}
		rest := c.fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := args[:len(args)-len(rest)]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			return append(pos, rest...), nil // everything after "--" is an argument
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// Usagef says what is wrong with the command line, on standard error, and
// returns errUsage.
func (c *cmdline) Usagef(format string, a ...any) error {
	fmt.Fprintf(c.Stderr, "midad %s: %s\nRun 'midad %s --help' for usage.\n", c.path, fmt.Sprintf(format, a...), c.path)
	return errUsage
}

// IDs reads positional arguments as ids, at least min and at most max of
// them (max 0: any number).
func (c *cmdline) IDs(pos []string, min, max int) ([]int64, error) {
	switch {
	case len(pos) < min && min == 1:
		return nil, c.Usagef("an id is required")
	case len(pos) < min:
		return nil, c.Usagef("%d ids are required", min)
	case max > 0 && len(pos) > max:
		return nil, c.Usagef("%d ids given, at most %d taken", len(pos), max)
	}
	ids := make([]int64, 0, len(pos))
	for _, a := range pos {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id < 1 {
			return nil, c.Usagef("%q is not an id (a whole number from 1)", a)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// NoArgs refuses positional arguments, for commands that take none.
func (c *cmdline) NoArgs(pos []string) error {
	if len(pos) > 0 {
		return c.Usagef("unexpected argument %q", pos[0])
	}
	return nil
}

// OpenStore validates the configuration and opens the database.
func (c *cmdline) OpenStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return store.Open(ctx, cfg.Database)
}

// OpenWithIDs is the start of a command that works on ids in the
// database: its store flags, its arguments parsed, between min and max ids
// (max 0: no limit), and the store opened. The caller closes the store.
func (c *cmdline) OpenWithIDs(ctx context.Context, args []string, min, max int) (*store.Store, []int64, error) {
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return nil, nil, err
	}
	ids, err := c.IDs(pos, min, max)
	if err != nil {
		return nil, nil, err
	}
	st, err := c.OpenStore(ctx, cfg)
	return st, ids, err
}

// usage prints a leaf command's help: the usage line, what it does, its
// own flags, then the configuration flags.
func (c *cmdline) usage(w io.Writer) {
	line := "midad " + c.path
	var own, cfg []*flag.Flag
	c.fs.VisitAll(func(f *flag.Flag) {
		used, isConfig := c.config[f.Name]
		switch {
		case !isConfig:
			own = append(own, f)
		case used:
			cfg = append(cfg, f)
		}
	})
	if len(own)+len(cfg) > 0 {
		line += " [flags]"
	}
	if c.cmd.args != "" {
		line += " " + c.cmd.args
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s.\n", line, capitalize(c.cmd.about))
	printFlags(w, "Flags", own)
	printFlags(w, "Configuration (each also read from its MIDAD_* variable)", cfg)
}

func printFlags(w io.Writer, title string, flags []*flag.Flag) {
	if len(flags) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range flags {
		name, text := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			if t, ok := strings.CutSuffix(text, ")"); ok {
				text = fmt.Sprintf("%s; default %s)", t, f.DefValue)
			} else {
				text += fmt.Sprintf(" (default %s)", f.DefValue)
			}
		}
		fmt.Fprintf(tw, "  --%s%s\t%s\n", f.Name, name, text)
	}
	tw.Flush()
}

// groupUsage prints a group's help (or the program's, with path ""): the
// usage line, what it does, and its commands.
func groupUsage(w io.Writer, path, about string, subs []command) {
	prefix, noun := "midad ", "command"
	if path != "" {
		prefix, noun = "midad "+path+" ", "action"
	}
	fmt.Fprintf(w, "Usage: %s<%s> [flags] [arguments]\n\n%s.\n\n%ss:\n", prefix, noun, capitalize(about), capitalize(noun))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, s := range subs {
		fmt.Fprintf(tw, "  %s\t%s\n", strings.TrimSpace(s.name+" "+s.args), s.about)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRun '%s<%s> --help' for its flags.\n", prefix, noun)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// dispatch finds the command args name under a group (or the program,
// with path "") and runs it.
func dispatch(ctx context.Context, env Env, path, about string, subs []command, args []string) error {
	if len(args) == 0 {
		groupUsage(env.Stderr, path, about, subs)
		return errUsage
	}
	if isHelp(args[0]) {
		if len(args) > 1 && args[0] == "help" {
			// "midad help comments approve" is "midad comments approve --help".
			return dispatch(ctx, env, path, about, subs, append(args[1:], "--help"))
		}
		groupUsage(env.Stdout, path, about, subs)
		return errHelp
	}
	for i := range subs {
		s := &subs[i]
		if s.name != args[0] {
			continue
		}
		sub := strings.TrimSpace(path + " " + s.name)
		if s.subs != nil {
			return dispatch(ctx, env, sub, s.about, s.subs, args[1:])
		}
		err := s.run(ctx, newCmdline(env, sub, s), args[1:])
		if err != nil && !errors.Is(err, errHelp) && !errors.Is(err, errUsage) {
			fmt.Fprintf(env.Stderr, "midad %s: %v\n", sub, err)
			return errFailed
		}
		return err
	}
	name, what := "midad", "command"
	if path != "" {
		name, what = "midad "+path, "action"
	}
	fmt.Fprintf(env.Stderr, "%s: unknown %s %q\nRun '%s --help' for the list.\n", name, what, args[0], name)
	return errUsage
}
