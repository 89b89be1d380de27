package media

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Objects is where the files of the images live: a local directory (Dir)
// or a bucket of any S3-compatible service (S3). Names are the slash
// separated file names of news.ImageVariant ("2026/05/…-960.jpg"); an
// object, once written, never changes.
type Objects interface {
	// Put writes the object whole: a reader sees it complete or not at all.
	Put(ctx context.Context, name string, data []byte) error
	// Open returns the object's bytes and what is known of it; an error
	// wrapping fs.ErrNotExist when there is none.
	Open(ctx context.Context, name string) (io.ReadSeekCloser, ObjectInfo, error)
	// Stat says what is known of one object; fs.ErrNotExist when none.
	Stat(ctx context.Context, name string) (ObjectInfo, error)
	// Remove deletes an object; removing one that is absent is no error.
	Remove(ctx context.Context, name string) error
	// Walk calls fn with every object whose name is one Upload writes.
	Walk(ctx context.Context, fn func(ObjectInfo) error) error
	// Where names the place, for messages ("/srv/midad/media", "s3://bucket/prefix").
	Where() string
}

// ObjectInfo is what a store knows of an object.
type ObjectInfo struct {
	Name     string
	Size     int64
	Modified time.Time
	// MD5 is the hex MD5 of the bytes when the store knows it without
	// reading them (an S3 ETag of a single-part upload); empty otherwise.
	MD5 string
}

// Dir keeps the objects as files under a local directory.
type Dir string

var _ Objects = Dir("")

// Where is the directory.
func (d Dir) Where() string { return string(d) }

// Put writes the file beside its name and renames it, then flushes the
// folder, so that the name is either absent or complete, even after a
// power cut.
func (d Dir) Put(ctx context.Context, name string, data []byte) error {
	if !fileName.MatchString(name) {
		return fmt.Errorf("write image: bad name %q", name)
	}
	p := filepath.Join(string(d), filepath.FromSlash(name))
	folder := filepath.Dir(p)
	if err := os.MkdirAll(folder, 0o750); err != nil {
		return fmt.Errorf("media directory: %w", err)
	}
	if err := writeFile(p, data); err != nil {
		return err
	}
	if f, err := os.Open(folder); err == nil {
		f.Sync()
		f.Close()
	}
	return nil
}

// Open opens the file; the root admits no symbolic link out of the directory.
func (d Dir) Open(ctx context.Context, name string) (io.ReadSeekCloser, ObjectInfo, error) {
	f, err := os.OpenInRoot(string(d), filepath.FromSlash(name))
	if err != nil {
		// A name that leads out of the directory is no file of ours.
		if !errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%w: %w", fs.ErrNotExist, err)
		}
		return nil, ObjectInfo{}, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, ObjectInfo{}, fmt.Errorf("open %s: %w", name, fs.ErrNotExist)
	}
	return f, ObjectInfo{Name: name, Size: st.Size(), Modified: st.ModTime()}, nil
}

// Stat reads the file's size and time.
func (d Dir) Stat(ctx context.Context, name string) (ObjectInfo, error) {
	f, info, err := d.Open(ctx, name)
	if err != nil {
		return info, err
	}
	f.Close()
	return info, nil
}

// Remove deletes the file.
func (d Dir) Remove(ctx context.Context, name string) error {
	err := os.Remove(filepath.Join(string(d), filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Walk lists the files under the directory whose names Upload gives; a
// directory that does not exist yet holds nothing.
func (d Dir) Walk(ctx context.Context, fn func(ObjectInfo) error) error {
	root := string(d)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !e.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if !fileName.MatchString(name) {
			return nil
		}
		st, err := e.Info()
		if err != nil {
			return err
		}
		return fn(ObjectInfo{Name: name, Size: st.Size(), Modified: st.ModTime()})
	})
	return err
}

// checksum reads an object whole and returns its size and hex MD5.
func checksum(ctx context.Context, o Objects, name string) (int64, string, error) {
	f, _, err := o.Open(ctx, name)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := md5.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", name, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// keyed joins a prefix and a name into an object key.
func keyed(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return path.Join(prefix, name)
}

func unkeyed(prefix, key string) (string, bool) {
	if prefix == "" {
		return key, true
	}
	return strings.CutPrefix(key, strings.TrimSuffix(prefix, "/")+"/")
}
