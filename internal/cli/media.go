package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/midad/midad/internal/config"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/store"
)

const mediaUsage = `Usage: midad media crops|gc|copy [flags]

  crops   cut the 16:9, 4:3 and 1:1 crops of the images that have none
          (uploaded before crops existed), around each one's focal point;
          running it again changes nothing
  gc [--dry-run] [--grace 1h]
          list and remove the files no image names (left by a crash between
          an upload's files and its record), older than the grace period
  copy --to s3://BUCKET[/PREFIX] --s3-endpoint URL …
          copy the files under DATA/media into the bucket, verifying each
          (size and MD5); run it again to resume, what is there is skipped
`

// mediaCommand works on the uploaded images.
func mediaCommand(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, mediaUsage)
		return errUsage
	}
	switch args[0] {
	case "crops":
		return mediaCrops(ctx, env, args[1:])
	case "gc":
		return mediaGC(ctx, env, args[1:])
	case "copy":
		return mediaCopy(ctx, env, args[1:])
	}
	fmt.Fprint(env.Stderr, mediaUsage)
	return errUsage
}

// openMedia returns where the media live: the bucket of cfg.S3 when an
// endpoint is set, else DATA/media.
func openMedia(ctx context.Context, cfg *config.Config) (media.Objects, error) {
	if cfg.S3.Endpoint == "" {
		return media.Dir(filepath.Join(cfg.DataDir, "media")), nil
	}
	s := cfg.S3
	return media.OpenS3(ctx, media.S3Config{Endpoint: s.Endpoint, Bucket: s.Bucket, Prefix: s.Prefix, Region: s.Region,
		AccessKey: s.AccessKey, SecretKey: s.SecretKey, PathStyle: s.PathStyle})
}

func mediaCrops(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("media crops", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	cfg := config.Register(fs, env.Getenv)
	if err := fs.Parse(args); err != nil {
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
	objs, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	svc := media.New(st, "", media.Options{Objects: objs})
	done, err := svc.MakeMissingCrops(ctx, func(id int64, err error) {
		fmt.Fprintf(env.Stderr, "image %d: %v\n", id, err)
	})
	fmt.Fprintf(env.Stdout, "crops made for %d images; %d had them or are too small; %d failed\n", done.Images, done.Skipped, done.Failed)
	if err == nil && done.Failed > 0 {
		err = fmt.Errorf("%d images failed", done.Failed)
	}
	return err
}

func mediaGC(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("media gc", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	cfg := config.Register(fs, env.Getenv)
	dry := fs.Bool("dry-run", false, "list the orphans, remove nothing")
	grace := fs.Duration("grace", media.DefaultGrace, "leave alone the files younger than this: uploads in flight")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if *grace < time.Minute {
		fmt.Fprintf(env.Stderr, "midad media gc: --grace %v: want at least a minute, or an upload in flight could lose its files\n", *grace)
		return errUsage
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
	c, err := media.GC(ctx, objs, st, *grace, time.Now(), *dry, func(o media.ObjectInfo, err error) {
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: %v\n", o.Name, err)
			return
		}
		fmt.Fprintf(env.Stdout, "orphan %s %d bytes %s\n", o.Name, o.Size, o.Modified.UTC().Format(time.RFC3339))
	})
	if err != nil {
		return err
	}
	verb, n := "removed", c.Removed
	if *dry {
		verb, n = "would remove (dry run)", c.Orphans
	}
	fmt.Fprintf(env.Stdout, "%s: %d files, %d orphans (%d bytes); %s %d; %d younger than %v left alone\n",
		objs.Where(), c.Objects, c.Orphans, c.Bytes, verb, n, c.Young, *grace)
	if c.Failures > 0 {
		return fmt.Errorf("%d orphans could not be removed", c.Failures)
	}
	return nil
}

func mediaCopy(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("media copy", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	cfg := config.Register(fs, env.Getenv)
	to := fs.String("to", "", "the target: s3://BUCKET[/PREFIX], on the service of --s3-endpoint")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	rest, ok := strings.CutPrefix(*to, "s3://")
	bucket, prefix, _ := strings.Cut(rest, "/")
	if !ok || bucket == "" {
		fmt.Fprintf(env.Stderr, "midad media copy: --to %q: want s3://BUCKET[/PREFIX]\n", *to)
		return errUsage
	}
	cfg.S3.Bucket, cfg.S3.Prefix = bucket, prefix
	if err := cfg.Validate(); err != nil {
		return err
	}
	if cfg.S3.Endpoint == "" {
		fmt.Fprintln(env.Stderr, "midad media copy: needs --s3-endpoint (or MIDAD_S3_ENDPOINT) and the keys")
		return errUsage
	}
	from := media.Dir(filepath.Join(cfg.DataDir, "media"))
	target, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	start := time.Now()
	c, err := media.Copy(ctx, from, target, func(name string, err error) {
		fmt.Fprintf(env.Stderr, "%s: %v\n", name, err)
	})
	fmt.Fprintf(env.Stdout, "%s → %s: %d copied and verified (%d bytes), %d already there, %d failed, in %v\n",
		from.Where(), target.Where(), c.Copied, c.Bytes, c.Skipped, c.Failed, time.Since(start).Round(time.Millisecond))
	if err == nil && c.Failed > 0 {
		err = fmt.Errorf("%d files failed; run the copy again to retry them", c.Failed)
	}
	return err
}
