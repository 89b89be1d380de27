package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/midad/midad/internal/media"
)

var mediaCommands = []command{
	{name: "crops", about: "cut the 16:9, 4:3 and 1:1 crops of the images that have none (uploaded before crops existed), " +
		"around each one's focal point; running it again changes nothing", run: mediaCrops},
}

func mediaCrops(ctx context.Context, c *cmdline, args []string) error {
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
	env := c.Env
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
