package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/midad/midad/internal/news"
)

// settingsCommands print or replace the newspaper's settings, for scripts
// and for what the newsroom has no screen for.
var settingsCommands = []command{
	{name: "get", about: "print the site's settings as JSON", run: settingsRun},
	{name: "set", about: "replace the site's settings with the JSON read from standard input, checked before saving", run: settingsRun},
}

func settingsRun(ctx context.Context, c *cmdline, args []string) error {
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
	action := c.cmd.name
	if action == "get" {
		set, err := st.Settings(ctx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(set)
	}
	set := news.DefaultSettings()
	dec := json.NewDecoder(io.LimitReader(env.Stdin, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&set); err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	if err := set.Validate(); err != nil {
		return err
	}
	// The logo, icon and share image must be uploaded images.
	for name, id := range map[string]int64{"logo": set.Logo, "icon": set.Icon, "share_image": set.ShareImage} {
		if id == 0 {
			continue
		}
		if _, err := st.Image(ctx, id); errors.Is(err, news.ErrNotFound) {
			return fmt.Errorf("%s: no image %d in the media library", name, id)
		} else if err != nil {
			return err
		}
	}
	if err := st.SaveSettings(ctx, set); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "settings saved")
	return nil
}
