package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/midad/midad/internal/config"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wpimport"
)

const importUsage = `Usage: midad import wordpress EXPORT.xml[.gz] [--uploads DIR] [--dry-run] [--lang ar|fr]

Imports a WordPress export (Tools → Export, WXR 1.1/1.2, gzip-compressed or
not): authors, categories, tags, posts with their comments, pictures from DIR
(a copy of the old site's wp-content/uploads), and every old address as a
redirect. Running it again updates what changed and never duplicates.
--dry-run prints the report and stores nothing.
`

// importCmd runs an import from another system; WordPress is the one
// there is.
func importCmd(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "wordpress" {
		fmt.Fprint(env.Stderr, importUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("import wordpress", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() { fmt.Fprint(env.Stderr, importUsage); fs.PrintDefaults() }
	cfg := config.Register(fs, env.Getenv)
	uploads := fs.String("uploads", "", "a copy of the old site's wp-content/uploads folder")
	dryRun := fs.Bool("dry-run", false, "print the report, store nothing")
	lang := fs.String("lang", "", "the articles' language, ar or fr (default: the export's, else ar)")
	maxField := fs.Int64("max-field", 16<<20, "the longest field read, in bytes; a post with a longer one is skipped")
	// The export's name may come before or after the flags.
	var files []string
	rest := args[1:]
	for {
		if err := fs.Parse(rest); err != nil {
			return errors.Join(errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprint(env.Stderr, importUsage)
		return errUsage
	}
	if *lang != "" && *lang != "ar" && *lang != "fr" {
		return fmt.Errorf("--lang %q: ar or fr", *lang)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	path := files[0]
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	f.Close()
	if *uploads != "" {
		if st, err := os.Stat(*uploads); err != nil || !st.IsDir() {
			return fmt.Errorf("--uploads %s: not a folder", *uploads)
		}
	}
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer st.Close()
	objs, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	images := media.New(st, "", media.Options{Objects: objs})
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	rep, err := wpimport.Run(ctx, st, images, open, wpimport.Options{Uploads: *uploads, DryRun: *dryRun, Lang: *lang, MaxField: *maxField})
	if rep != nil {
		rep.Print(env.Stdout)
	}
	if err != nil {
		return err
	}
	if rep.Error != "" {
		return errors.New("the export could not be read to its end: " + rep.Error)
	}
	return nil
}
