package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/midad/midad/internal/config"
	"github.com/midad/midad/internal/media"
)

var mediaCommands = []command{
	{name: "crops", about: "cut the 16:9, 4:3 and 1:1 crops of the images that have none (uploaded before crops existed), " +
		"around each one's focal point; running it again changes nothing", run: mediaCrops},
	{name: "gc", about: "list and remove the files no image names (left by a crash between an upload's files and " +
		"its record), older than the grace period", run: mediaGC},
	{name: "copy", about: "copy the files under DATA/media into the bucket of --to s3://BUCKET[/PREFIX], verifying each " +
		"(size and MD5); run it again to resume, what is there is skipped", run: mediaCopy},
}

// mediaConfig is the configuration of a media command: the store's and
// the object storage's flags.
func (c *cmdline) mediaConfig() *config.Config {
	return c.Config("data", "database", "s3-endpoint", "s3-bucket", "s3-prefix", "s3-region", "s3-access-key",
		"s3-secret-key-file", "s3-path-style")
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

func mediaCrops(ctx context.Context, c *cmdline, args []string) error {
	cfg := c.mediaConfig()
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
	objs, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	svc := media.New(st, "", media.Options{Objects: objs})
	done, err := svc.MakeMissingCrops(ctx, func(id int64, err error) {
		fmt.Fprintf(c.Stderr, "image %d: %v\n", id, err)
	})
	fmt.Fprintf(c.Stdout, "crops made for %d images; %d had them or are too small; %d failed\n", done.Images, done.Skipped, done.Failed)
	if err == nil && done.Failed > 0 {
		err = fmt.Errorf("%d images failed", done.Failed)
	}
	return err
}

func mediaGC(ctx context.Context, c *cmdline, args []string) error {
	cfg := c.mediaConfig()
	dry := c.fs.Bool("dry-run", false, "list the orphans, remove nothing")
	grace := c.fs.Duration("grace", media.DefaultGrace, "leave alone the files younger than this: uploads in flight")
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	if *grace < time.Minute {
		return c.Usagef("--grace %v: want at least a minute, or an upload in flight could lose its files", *grace)
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
	n, err := media.GC(ctx, objs, st, *grace, time.Now(), *dry, func(o media.ObjectInfo, err error) {
		if err != nil {
			fmt.Fprintf(c.Stderr, "%s: %v\n", o.Name, err)
			return
		}
		fmt.Fprintf(c.Stdout, "orphan %s %d bytes %s\n", o.Name, o.Size, o.Modified.UTC().Format(time.RFC3339))
	})
	if err != nil {
		return err
	}
	verb, count := "removed", n.Removed
	if *dry {
		verb, count = "would remove (dry run)", n.Orphans
	}
	fmt.Fprintf(c.Stdout, "%s: %d files, %d orphans (%d bytes); %s %d; %d younger than %v left alone\n",
		objs.Where(), n.Objects, n.Orphans, n.Bytes, verb, count, n.Young, *grace)
	if n.Failures > 0 {
		return fmt.Errorf("%d orphans could not be removed", n.Failures)
	}
	return nil
}

func mediaCopy(ctx context.Context, c *cmdline, args []string) error {
	cfg := c.mediaConfig()
	to := c.fs.String("to", "", "the target: s3://BUCKET[/PREFIX], on the service of --s3-endpoint")
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	rest, ok := strings.CutPrefix(*to, "s3://")
	bucket, prefix, _ := strings.Cut(rest, "/")
	if !ok || bucket == "" {
		return c.Usagef("--to %q: want s3://BUCKET[/PREFIX]", *to)
	}
	cfg.S3.Bucket, cfg.S3.Prefix = bucket, prefix
	if err := cfg.Validate(); err != nil {
		return err
	}
	if cfg.S3.Endpoint == "" {
		return c.Usagef("needs --s3-endpoint (or MIDAD_S3_ENDPOINT) and the keys")
	}
	from := media.Dir(filepath.Join(cfg.DataDir, "media"))
	target, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	start := time.Now()
	n, err := media.Copy(ctx, from, target, func(name string, err error) {
		fmt.Fprintf(c.Stderr, "%s: %v\n", name, err)
	})
	fmt.Fprintf(c.Stdout, "%s → %s: %d copied and verified (%d bytes), %d already there, %d failed, in %v\n",
		from.Where(), target.Where(), n.Copied, n.Bytes, n.Skipped, n.Failed, time.Since(start).Round(time.Millisecond))
	if err == nil && n.Failed > 0 {
		err = fmt.Errorf("%d files failed; run the copy again to retry them", n.Failed)
	}
	return err
}
