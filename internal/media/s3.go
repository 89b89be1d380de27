package media

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config says where a bucket is and how to reach it.
type S3Config struct {
	Endpoint  string // http(s)://host[:port] of the service
	Bucket    string
	Prefix    string // folder inside the bucket, optional
	Region    string // optional for most services
	AccessKey string
	SecretKey string
	PathStyle bool // bucket in the path (MinIO, SeaweedFS, versitygw), not in the host name
}

// S3 keeps the objects in a bucket of an S3-compatible service.
type S3 struct {
	c      *minio.Client
	bucket string
	prefix string
	where  string
}

var _ Objects = (*S3)(nil)

// OpenS3 connects to the bucket and checks that it exists and that the
// keys are accepted, so that a mistake stops the start, not the first upload.
func OpenS3(ctx context.Context, c S3Config) (*S3, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("s3 endpoint %q: want http(s)://host[:port]", c.Endpoint)
	}
	lookup := minio.BucketLookupDNS
	if c.PathStyle {
		lookup = minio.BucketLookupPath
	}
	cl, err := minio.New(u.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure:       u.Scheme == "https",
		Region:       c.Region,
		BucketLookup: lookup,
		// A reader waits for the image: two tries, not the default ten
		// with growing pauses.
		MaxRetries: 2,
	})
	if err != nil {
		return nil, fmt.Errorf("s3 endpoint %q: %w", c.Endpoint, err)
	}
	prefix := strings.Trim(c.Prefix, "/")
	s := &S3{c: cl, bucket: c.Bucket, prefix: prefix, where: "s3://" + path.Join(c.Bucket, prefix)}
	ok, err := cl.BucketExists(ctx, c.Bucket)
	if err != nil {
		resp := minio.ToErrorResponse(err)
		if resp.StatusCode == 401 || resp.StatusCode == 403 {
			resp.Code = "AccessDenied"
		}
		switch resp.Code {
		// versitygw answers an unknown key with XAdminUserNotFound.
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken", "XAdminUserNotFound":
			return nil, fmt.Errorf("s3 %s at %s: the access key or secret key is refused (%v)", s.where, c.Endpoint, err)
		case "NoSuchBucket":
			ok = false
		default:
			return nil, fmt.Errorf("s3 %s at %s: %w", s.where, c.Endpoint, err)
		}
	}
	if !ok {
		return nil, fmt.Errorf("s3 %s at %s: the bucket %q does not exist; create it first", s.where, c.Endpoint, c.Bucket)
	}
	return s, nil
}

// Where is s3://bucket/prefix.
func (s *S3) Where() string { return s.where }

// Put uploads the object in one request with its MD5, which the service
// checks: it is stored whole and intact or not at all.
func (s *S3) Put(ctx context.Context, name string, data []byte) error {
	if !fileName.MatchString(name) {
		return fmt.Errorf("write image: bad name %q", name)
	}
	typ := fileTypes[path.Ext(name)[1:]]
	sum := md5.Sum(data)
	info, err := s.c.PutObject(ctx, s.bucket, keyed(s.prefix, name), bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{
		ContentType:    typ,
		CacheControl:   "public, max-age=31536000, immutable",
		SendContentMd5: true,
	})
	if err != nil {
		return fmt.Errorf("write image to %s: %w", s.where, err)
	}
	if info.Size != int64(len(data)) {
		return fmt.Errorf("write image to %s: %d bytes stored of %d", s.where, info.Size, len(data))
	}
	if e := strings.Trim(info.ETag, `"`); len(e) == 32 && e != hex.EncodeToString(sum[:]) {
		return fmt.Errorf("write image to %s: checksum %s, want %s", s.where, e, hex.EncodeToString(sum[:]))
	}
	return nil
}

func (s *S3) info(name string, o minio.ObjectInfo) ObjectInfo {
	i := ObjectInfo{Name: name, Size: o.Size, Modified: o.LastModified}
	// A single-part upload's ETag is its MD5; a multi-part one's has a dash.
	if e := strings.Trim(o.ETag, `"`); len(e) == 32 {
		i.MD5 = strings.ToLower(e)
	}
	return i
}

func notExist(err error) error {
	switch minio.ToErrorResponse(err).Code {
	case "NoSuchKey", "NotFound", "NoSuchBucket":
		return fmt.Errorf("%w: %v", fs.ErrNotExist, err)
	}
	return err
}

// Open starts reading the object; seeking (for ranges) is done by the client.
func (s *S3) Open(ctx context.Context, name string) (io.ReadSeekCloser, ObjectInfo, error) {
	o, err := s.c.GetObject(ctx, s.bucket, keyed(s.prefix, name), minio.GetObjectOptions{})
	if err != nil {
		return nil, ObjectInfo{}, notExist(err)
	}
	st, err := o.Stat()
	if err != nil {
		o.Close()
		return nil, ObjectInfo{}, notExist(err)
	}
	return o, s.info(name, st), nil
}

// Stat asks for the object's size, time and ETag.
func (s *S3) Stat(ctx context.Context, name string) (ObjectInfo, error) {
	st, err := s.c.StatObject(ctx, s.bucket, keyed(s.prefix, name), minio.StatObjectOptions{})
	if err != nil {
		return ObjectInfo{}, notExist(err)
	}
	return s.info(name, st), nil
}

// Remove deletes the object.
func (s *S3) Remove(ctx context.Context, name string) error {
	err := s.c.RemoveObject(ctx, s.bucket, keyed(s.prefix, name), minio.RemoveObjectOptions{})
	if err != nil && !errors.Is(notExist(err), fs.ErrNotExist) {
		return fmt.Errorf("remove %s from %s: %w", name, s.where, err)
	}
	return nil
}

// Walk lists the bucket under the prefix.
func (s *S3) Walk(ctx context.Context, fn func(ObjectInfo) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	prefix := ""
	if s.prefix != "" {
		prefix = s.prefix + "/"
	}
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			return fmt.Errorf("list %s: %w", s.where, o.Err)
		}
		name, ok := unkeyed(s.prefix, o.Key)
		if !ok || !fileName.MatchString(name) {
			continue
		}
		if err := fn(s.info(name, o)); err != nil {
			return err
		}
	}
	return ctx.Err()
}
