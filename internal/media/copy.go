package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Copied counts what Copy did.
type Copied struct {
	Copied  int   // objects written and verified
	Skipped int   // already there with the same size and checksum
	Bytes   int64 // bytes written
	Failed  int
}

// Copy writes every object of from into to, and verifies each: the copy
// is read back, and its size and MD5 must be the original's. An object
// already in to with the same size and checksum is skipped, so a copy
// cut short is resumed by running it again. report, if not nil, hears of
// each object that failed.
func Copy(ctx context.Context, from, to Objects, report func(name string, err error)) (Copied, error) {
	var c Copied
	err := from.Walk(ctx, func(o ObjectInfo) error {
		err := copyOne(ctx, from, to, o, &c)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			c.Failed++
		}
		if report != nil && err != nil {
			report(o.Name, err)
		}
		return nil
	})
	return c, err
}

func copyOne(ctx context.Context, from, to Objects, o ObjectInfo, c *Copied) error {
	size, sum, err := checksum(ctx, from, o.Name)
	if err != nil {
		return err
	}
	if same, err := holds(ctx, to, o.Name, size, sum); err != nil {
		return err
	} else if same {
		c.Skipped++
		return nil
	}
	f, _, err := from.Open(ctx, o.Name)
	if err != nil {
		return err
	}
	data := make([]byte, size)
	_, err = io.ReadFull(f, data)
	f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", o.Name, err)
	}
	if err := to.Put(ctx, o.Name, data); err != nil {
		return err
	}
	// Read back what the target holds, not what it said.
	n, got, err := checksum(ctx, to, o.Name)
	if err != nil {
		return fmt.Errorf("verify %s: %w", o.Name, err)
	}
	if n != size || got != sum {
		return fmt.Errorf("verify %s: %d bytes, md5 %s; want %d bytes, md5 %s", o.Name, n, got, size, sum)
	}
	c.Copied++
	c.Bytes += size
	return nil
}

// holds says whether to has name with that size and MD5 already.
func holds(ctx context.Context, to Objects, name string, size int64, sum string) (bool, error) {
	info, err := to.Stat(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if info.Size != size {
		return false, nil
	}
	if info.MD5 != "" {
		return info.MD5 == sum, nil
	}
	_, got, err := checksum(ctx, to, name)
	if err != nil {
		return false, err
	}
	return got == sum, nil
}
