package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/wpimport"
)

// importCommands import from another system; WordPress is the one there is.
var importCommands = []command{
	{name: "wordpress", args: "EXPORT.xml[.gz]", run: importWordPress,
		about: "import a WordPress export (Tools → Export, WXR, gzip-compressed or not): authors, categories, tags, " +
			"posts, comments, pictures and old addresses; a second run updates, never duplicates"},
}

func importWordPress(ctx context.Context, c *cmdline, args []string) error {
	uploads := c.fs.String("uploads", "", "a copy of the old site's wp-content/uploads folder")
	dryRun := c.fs.Bool("dry-run", false, "print the report, store nothing")
	lang := c.fs.String("lang", "", "the articles' language, ar or fr (default: the export's, else ar)")
	maxField := c.fs.Int64("max-field", 16<<20, "the longest field read, in bytes; a post with a longer one is skipped")
	cfg := c.StoreConfig()
	files, err := c.Parse(args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return c.Usagef("one export file is required")
	}
	if *lang != "" && *lang != "ar" && *lang != "fr" {
		return c.Usagef("--lang %q: ar or fr", *lang)
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
	st, err := c.OpenStore(ctx, cfg)
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
		rep.Print(c.Stdout)
	}
	if err != nil {
		return err
	}
	if rep.Error != "" {
		return errors.New("the export could not be read to its end: " + rep.Error)
	}
	return nil
}
