package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/midad/midad/internal/config"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/store"
)

const mediaUsage = `Usage: midad media crops [flags]

  crops   cut the 16:9, 4:3 and 1:1 crops of the images that have none
          (uploaded before crops existed), around each one's focal point;
          running it again changes nothing
`

// mediaCommand works on the uploaded images.
func mediaCommand(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "crops" {
		fmt.Fprint(env.Stderr, mediaUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("media crops", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	cfg := config.Register(fs, env.Getenv)
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := media.New(st, filepath.Join(cfg.DataDir, "media"), media.Options{})
	done, err := svc.MakeMissingCrops(ctx, func(id int64, err error) {
		fmt.Fprintf(env.Stderr, "image %d: %v\n", id, err)
	})
	fmt.Fprintf(env.Stdout, "crops made for %d images; %d had them or are too small; %d failed\n", done.Images, done.Skipped, done.Failed)
	if err == nil && done.Failed > 0 {
		err = fmt.Errorf("%d images failed", done.Failed)
	}
	return err
}
