// Package cli is Midad's command line: it parses the subcommand, wires
// configuration, storage and the web server together, and owns shutdown.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X github.com/midad/midad/internal/cli.Version=…".
var Version = ""

// Env is what a command may reach of its surroundings, passed explicitly
// so that tests can run commands in-process.
type Env struct {
	Args   []string // without the program name
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

type command struct {
	name, usage string
	run         func(ctx context.Context, env Env, args []string) error
}

var commands = []command{
	{"serve", "run the web server", serve},
	{"migrate", "bring the database schema up to date", migrate},
	{"comments", "list and moderate readers' comments", comments},
	{"reindex", "rebuild the search index from the articles", reindex},
	{"user", "create, list, disable newsroom accounts", user},
	{"settings", "print or replace the site's settings (JSON)", settings},
	{"media", "make the crops that older images lack", mediaCommand},
	{"import", "import a WordPress site (import wordpress EXPORT.xml)", importCmd},
	{"version", "print the version", version},
}

// errUsage is returned for a malformed command line; the usage has been
// printed already.
var errUsage = errors.New("usage")

// Run runs the command line in env and returns the process's exit code.
func Run(ctx context.Context, env Env) int {
	if len(env.Args) == 0 || env.Args[0] == "-h" || env.Args[0] == "--help" || env.Args[0] == "help" {
		usage(env.Stderr)
		if len(env.Args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == env.Args[0] {
			err := c.run(ctx, env, env.Args[1:])
			switch {
			case err == nil:
				return 0
			case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
				return 2
			default:
				fmt.Fprintf(env.Stderr, "midad %s: %v\n", c.name, err)
				return 1
			}
		}
	}
	fmt.Fprintf(env.Stderr, "midad: unknown command %q\n\n", env.Args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: midad <command> [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'midad <command> -h' for a command's flags.")
}

func version(_ context.Context, env Env, _ []string) error {
	v := Version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(env.Stdout, "midad %s\n", v)
	return nil
}

// Main is what cmd/midad calls.
func Main() {
	ctx := context.Background()
	os.Exit(Run(ctx, Env{Args: os.Args[1:], Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}

func newLogger(w io.Writer, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
