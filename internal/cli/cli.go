// Package cli is Midad's command line: it parses the subcommand, wires
// configuration, storage and the web server together, and owns shutdown.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/midad/midad/internal/web/reqid"
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

// commands is the command line, for dispatch and for --help.
var commands = []command{
	{name: "serve", about: "run the web server", run: serve},
	{name: "migrate", about: "bring the database schema up to date", run: migrate},
	{name: "comments", about: "list and moderate readers' comments", subs: commentsCommands},
	{name: "reindex", about: "rebuild the search index from the articles", run: reindex},
	{name: "user", about: "create, list, disable newsroom accounts, set a password", subs: userCommands},
	{name: "settings", about: "print or replace the site's settings (JSON)", subs: settingsCommands},
	{name: "media", about: "work on the uploaded images", subs: mediaCommands},
	{name: "import", about: "import a site from another system", subs: importCommands},
	{name: "version", about: "print the version", run: version},
}

const about = "midad runs a newspaper: the reader site and the newsroom, in one program"

// Run runs the command line in env and returns the process's exit code:
// 0 on success and for --help, 1 when a command fails, 2 for a malformed
// command line.
func Run(ctx context.Context, env Env) int {
	switch err := dispatch(ctx, env, "", about, commands, env.Args); {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		return 1
	}
}

func version(_ context.Context, c *cmdline, args []string) error {
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	v := Version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(c.Stdout, "midad %s\n", v)
	return nil
}

// Main is what cmd/midad calls.
func Main() {
	ctx := context.Background()
	os.Exit(Run(ctx, Env{Args: os.Args[1:], Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}

func newLogger(w io.Writer, level slog.Level, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	// Lines logged for a request carry its id (reqid.Middleware).
	if format == "json" {
		return slog.New(reqid.Handler{Handler: slog.NewJSONHandler(w, opts)})
	}
	return slog.New(reqid.Handler{Handler: slog.NewTextHandler(w, opts)})
}
