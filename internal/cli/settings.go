package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/midad/midad/internal/news"
)

const settingsUsage = `Usage: midad settings <get|set> [flags]

  get   print the site's settings as JSON
  set   replace them with the JSON read from standard input
`

// settings prints or replaces the newspaper's settings, until the
// newsroom has a screen for them.
func settings(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || (args[0] != "get" && args[0] != "set") {
		fmt.Fprint(env.Stderr, settingsUsage)
		return errUsage
	}
	action := args[0]
	fs := flag.NewFlagSet("settings "+action, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	st, err := openStore(ctx, env, fs, args[1:])
	if err != nil {
		return err
	}
	defer st.Close()
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
