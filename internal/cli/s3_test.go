package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

const (
	s3Key    = "midad-test-key"
	s3Secret = "midad-test-secret-0123456789"
)

// s3Server is a versitygw started on loopback over a folder: each bucket
// is a folder under dir, each object a plain file.
type s3Server struct {
	endpoint string
	dir      string
	stop     func()
}

// versitygw finds the binary on PATH, in GOBIN or in GOPATH/bin. Without
// it the test fails, unless MIDAD_NO_S3=1 says it is known to be absent.
func versitygw(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	var dirs []string
	if d := os.Getenv("GOBIN"); d != "" {
		dirs = append(dirs, d)
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, d := range filepath.SplitList(strings.TrimSpace(string(out))) {
			dirs = append(dirs, filepath.Join(d, "bin"))
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		if p := filepath.Join(d, "versitygw"); fileExists(p) {
			return p
		}
	}
	if os.Getenv("MIDAD_NO_S3") == "1" {
		t.Skip("MIDAD_NO_S3=1: the S3 tests are not run")
	}
	t.Fatal("versitygw not found on PATH, in GOBIN or in GOPATH/bin: install it with " +
		"`go install github.com/versity/versitygw/cmd/versitygw@v1.8.0` (.ci/run does), or set MIDAD_NO_S3=1 to leave the S3 tests out")
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// startS3 starts versitygw and creates the bucket.
func startS3(t testing.TB, bucket string) *s3Server {
	t.Helper()
	bin := versitygw(t)
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "--port", addr, "posix", dir)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY_ID="+s3Key, "ROOT_SECRET_ACCESS_KEY="+s3Secret)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cmd.Process.Kill()
			<-exited
		})
	}
	t.Cleanup(stop)
	s := &s3Server{endpoint: "http://" + addr, dir: dir, stop: stop}
	cl, err := minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4(s3Key, s3Secret, ""), BucketLookup: minio.BucketLookupPath})
	if err != nil {
		t.Fatal(err)
	}
	// Wait until it answers (or has died).
	for i := 0; ; i++ {
		select {
		case err := <-exited:
			t.Fatalf("versitygw exited: %v\n%s", err, log.String())
		default:
		}
		err = cl.MakeBucket(context.Background(), bucket, minio.MakeBucketOptions{})
		if err == nil {
			return s
		}
		if i > 600 {
			t.Fatalf("versitygw does not answer at %s: %v\n%s", addr, err, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// flags are the command-line flags that put the media in the bucket.
func (s *s3Server) flags(bucket string) []string {
	return []string{"--s3-endpoint", s.endpoint, "--s3-bucket", bucket, "--s3-access-key", s3Key}
}

var s3Env = map[string]string{"MIDAD_S3_SECRET_KEY": s3Secret}

// lineWaiter is a Stderr that tells when the server is listening.
type lineWaiter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string
	once sync.Once
}

func (w *lineWaiter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if i := strings.Index(w.buf.String(), "midad: listening on "); i >= 0 {
		rest := w.buf.String()[i+len("midad: listening on "):]
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			w.once.Do(func() { w.addr <- rest[:j] })
		}
	}
	return len(p), nil
}

func (w *lineWaiter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// serveNode runs `midad serve` in the test until it ends and returns its
// base URL.
func serveNode(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	w := &lineWaiter{addr: make(chan string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, Env{Args: append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), Stdin: strings.NewReader(""),
			Stdout: io.Discard, Stderr: w, Getenv: func(k string) string { return env[k] }})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case a := <-w.addr:
		return a
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, w.String())
	}
	return ""
}

func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// newsroomUpload signs in on the node and uploads a picture through the
// newsroom's library, as an editor would.
func newsroomUpload(t *testing.T, base, email string) int64 {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err := c.PostForm(base+"/newsroom/login", url.Values{"email": {email}, "password": {"a long enough password"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "photo.jpg")
	fw.Write(jpegOf(t, 1300, 800))
	mw.WriteField("alt", "صورة على التخزين الكائني")
	mw.Close()
	req, _ := http.NewRequest("POST", base+"/newsroom/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	res, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	var up struct{ ID int64 }
	if res.StatusCode != http.StatusCreated || json.Unmarshal(out, &up) != nil || up.ID == 0 {
		t.Fatalf("upload: %d %s", res.StatusCode, out)
	}
	return up.ID
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func fetch(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	c := &http.Client{CheckRedirect: noRedirect}
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// TestS3Media: an image uploaded through the newsroom of one node goes to
// the bucket, not the disk; that node, a second node on the same database
// and bucket, and the ad path serve it with Midad's headers; a node with
// a public base URL redirects there.
func TestS3Media(t *testing.T) {
	s3 := startS3(t, "midad")
	data := t.TempDir()
	if code, _, errOut := run(t, nil, "user", "add", "--data", data, "--email", "huda@example.ma", "--name", "هدى", "--role", "editor", "--password-stdin"); code != 0 {
		t.Fatal(errOut)
	}
	a := serveNode(t, s3Env, append([]string{"--data", data}, s3.flags("midad")...)...)
	id := newsroomUpload(t, a, "huda@example.ma")

	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	im, err := st.Image(context.Background(), id)
	st.Close()
	if err != nil || len(im.Variants) == 0 || len(im.Crops) != 3 {
		t.Fatalf("image %d: %+v, %v", id, im, err)
	}
	if _, err := os.Stat(filepath.Join(data, "media")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the upload wrote to the local directory: %v", err)
	}

	b := serveNode(t, s3Env, append([]string{"--data", data}, s3.flags("midad")...)...)
	files := append(append([]string(nil), im.Variants[0].File, im.Variants[len(im.Variants)-1].File), im.Crops[0].File)
	for _, f := range files {
		want, err := os.ReadFile(filepath.Join(s3.dir, "midad", filepath.FromSlash(f)))
		if err != nil {
			t.Fatalf("%s is not in the bucket: %v", f, err)
		}
		for _, u := range []string{a + "/media/" + f, b + "/media/" + f, b + "/ads/media/" + f} {
			res, got := fetch(t, u)
			h := res.Header
			if res.StatusCode != 200 || !bytes.Equal(got, want) {
				t.Errorf("%s: %d, %d bytes, want %d", u, res.StatusCode, len(got), len(want))
				continue
			}
			if h.Get("Content-Type") != "image/jpeg" || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Content-Security-Policy") != "default-src 'none'; sandbox" ||
				h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("ETag") == "" {
				t.Errorf("%s: headers %v", u, h)
			}
		}
	}
	// A conditional request gets 304 from the ETag.
	req, _ := http.NewRequest("GET", b+"/media/"+files[0], nil)
	res, _ := fetch(t, b+"/media/"+files[0])
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %v %v", res, err)
	}
	// A range is cut from the object.
	want := mustRead(t, filepath.Join(s3.dir, "midad", filepath.FromSlash(files[0])))
	req, _ = http.NewRequest("GET", b+"/media/"+files[0], nil)
	req.Header.Set("Range", "bytes=100-199")
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusPartialContent {
		t.Errorf("a range: %v %v", res, err)
	} else if got, _ := io.ReadAll(res.Body); !bytes.Equal(got, want[100:200]) {
		t.Errorf("a range: %d bytes, not the object's 100 to 199", len(got))
	}
	if res, _ := fetch(t, b+"/media/2026/01/"+strings.Repeat("0", 32)+"-480.jpg"); res.StatusCode != 404 {
		t.Errorf("a missing object: %d", res.StatusCode)
	}

	c := serveNode(t, s3Env, append([]string{"--data", data, "--media-public-url", "https://cdn.example.ma/m/"}, s3.flags("midad")...)...)
	res, _ = fetch(t, c+"/media/"+files[0])
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "https://cdn.example.ma/m/"+files[0] {
		t.Errorf("with a public base URL: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := fetch(t, c+"/media/2026/01/evil.svg"); res.StatusCode != 404 {
		t.Errorf("a name Midad never gives, with a public base URL: %d", res.StatusCode)
	}

	// The bucket gone silent: a 503 to retry, not a 404 that caches keep
	// (for a file not asked for yet: the page cache may keep the others).
	s3.stop()
	if res, _ := fetch(t, b+"/media/"+im.Crops[1].File); res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("with the S3 server down: %d", res.StatusCode)
	}
}

// TestS3UploadRecordFails: when the record cannot be written, the objects
// already in the bucket are removed.
func TestS3UploadRecordFails(t *testing.T) {
	s3 := startS3(t, "midad")
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	objs, err := media.OpenS3(ctx, media.S3Config{Endpoint: s3.endpoint, Bucket: "midad", AccessKey: s3Key, SecretKey: s3Secret, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every write now fails
	if _, err := media.New(st, "", media.Options{Objects: objs}).Upload(ctx, bytes.NewReader(jpegOf(t, 1000, 600)), media.Meta{}); err == nil {
		t.Fatal("an upload without its record succeeded")
	}
	var left []string
	objs.Walk(ctx, func(o media.ObjectInfo) error { left = append(left, o.Name); return nil })
	if len(left) != 0 {
		t.Errorf("objects left in the bucket: %v", left)
	}
}

// TestS3StartErrors: a bucket that does not exist, wrong keys and missing
// settings stop the start with a message that says which.
func TestS3StartErrors(t *testing.T) {
	s3 := startS3(t, "midad")
	data := t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no such bucket", s3Env, s3.flags("nothere"), `the bucket "nothere" does not exist`},
		{"wrong secret", map[string]string{"MIDAD_S3_SECRET_KEY": "wrong"}, s3.flags("midad"), "the access key or secret key is refused"},
		{"unknown key", s3Env, []string{"--s3-endpoint", s3.endpoint, "--s3-bucket", "midad", "--s3-access-key", "nobody"}, "the access key or secret key is refused"},
		{"no bucket", s3Env, []string{"--s3-endpoint", s3.endpoint, "--s3-access-key", s3Key}, "s3-bucket: required"},
		{"no secret", nil, s3.flags("midad"), "secret key"},
		{"bad endpoint", s3Env, []string{"--s3-endpoint", "s3.example.com", "--s3-bucket", "midad", "--s3-access-key", s3Key}, "want http(s)://host[:port]"},
		{"bucket without endpoint", nil, []string{"--s3-bucket", "midad"}, "s3-endpoint: required"},
		{"secret file missing", nil, append(s3.flags("midad"), "--s3-secret-key-file", filepath.Join(data, "nope")), "s3-secret-key-file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, tt.env, append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, tt.args...)...)
			if code == 0 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, %q; want %q", code, errOut, tt.want)
			}
		})
	}
	// The secret read from a file works.
	secret := filepath.Join(data, "secret")
	os.WriteFile(secret, []byte(s3Secret+"\n"), 0o600)
	serveNode(t, nil, append([]string{"--data", data, "--s3-secret-key-file", secret}, s3.flags("midad")...)...)
}

// TestS3GC: media gc lists, then removes, the old objects no record
// names, and keeps the referenced ones and the young ones.
func TestS3GC(t *testing.T) {
	s3 := startS3(t, "midad")
	ctx := context.Background()
	data := t.TempDir()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	objs, err := media.OpenS3(ctx, media.S3Config{Endpoint: s3.endpoint, Bucket: "midad", AccessKey: s3Key, SecretKey: s3Secret, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	im, err := media.New(st, "", media.Options{Objects: objs}).Upload(ctx, bytes.NewReader(jpegOf(t, 1000, 600)), media.Meta{})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	orphan := "2026/01/" + strings.Repeat("ab", 16) + "-480.jpg"
	young := "2026/01/" + strings.Repeat("cd", 16) + "-480.jpg"
	for _, n := range []string{orphan, young} {
		if err := objs.Put(ctx, n, []byte("left by a crash")); err != nil {
			t.Fatal(err)
		}
	}
	// Everything but the young orphan was written two hours ago.
	old := time.Now().Add(-2 * time.Hour)
	for _, v := range append(append([]string{orphan}, fileNames(im.Variants)...), fileNames(im.Crops)...) {
		if err := os.Chtimes(filepath.Join(s3.dir, "midad", filepath.FromSlash(v)), old, old); err != nil {
			t.Fatal(err)
		}
	}
	present := func(n string) bool {
		_, err := objs.Stat(ctx, n)
		return err == nil
	}
	args := append([]string{"media", "gc", "--data", data}, s3.flags("midad")...)
	code, out, errOut := run(t, s3Env, append(args, "--dry-run")...)
	if code != 0 || !strings.Contains(out, "orphan "+orphan) || strings.Contains(out, young) || !strings.Contains(out, "1 orphans") || !present(orphan) {
		t.Fatalf("dry run: exit %d, %q, %q", code, out, errOut)
	}
	code, out, errOut = run(t, s3Env, args...)
	if code != 0 || !strings.Contains(out, "removed 1;") || present(orphan) || !present(young) {
		t.Fatalf("gc: exit %d, %q, %q", code, out, errOut)
	}
	for _, v := range append(fileNames(im.Variants), fileNames(im.Crops)...) {
		if !present(v) {
			t.Errorf("gc removed %s, which the image names", v)
		}
	}
	if code, _, errOut := run(t, s3Env, append(args, "--grace", "1s")...); code != 2 || !strings.Contains(errOut, "at least a minute") {
		t.Errorf("a grace too short: exit %d %q", code, errOut)
	}
}

func fileNames(vs []news.ImageVariant) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.File)
	}
	return out
}

// TestS3Copy: media copy puts the local files into the bucket, verified;
// a second run copies nothing; a damaged copy is copied again; the
// server then serves the images from the bucket.
func TestS3Copy(t *testing.T) {
	s3 := startS3(t, "midad")
	ctx := context.Background()
	data := t.TempDir()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	svc := media.New(st, filepath.Join(data, "media"), media.Options{})
	var files []string
	for _, size := range [][2]int{{1300, 800}, {700, 500}} {
		im, err := svc.Upload(ctx, bytes.NewReader(jpegOf(t, size[0], size[1])), media.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		files = append(append(files, fileNames(im.Variants)...), fileNames(im.Crops)...)
	}
	st.Close()
	n := len(files)

	args := append([]string{"media", "copy", "--data", data, "--to", "s3://midad/paper"}, s3.flags("ignored")[:2]...)
	args = append(args, "--s3-access-key", s3Key)
	code, out, errOut := run(t, s3Env, args...)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d copied and verified", n)) || !strings.Contains(out, "s3://midad/paper") {
		t.Fatalf("copy: exit %d, %q, %q", code, out, errOut)
	}
	for _, f := range files {
		want, _ := os.ReadFile(filepath.Join(data, "media", filepath.FromSlash(f)))
		got, err := os.ReadFile(filepath.Join(s3.dir, "midad", "paper", filepath.FromSlash(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s in the bucket: %d bytes, %v", f, len(got), err)
		}
	}
	code, out, errOut = run(t, s3Env, args...)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("0 copied and verified (0 bytes), %d already there", n)) {
		t.Fatalf("second run: exit %d, %q, %q", code, out, errOut)
	}
	// A copy cut short or missing is copied again.
	damaged := filepath.Join(s3.dir, "midad", "paper", filepath.FromSlash(files[0]))
	b, _ := os.ReadFile(damaged)
	os.WriteFile(damaged, b[:len(b)/2], 0o644)
	os.Remove(filepath.Join(s3.dir, "midad", "paper", filepath.FromSlash(files[1])))
	code, out, errOut = run(t, s3Env, args...)
	if code != 0 || !strings.Contains(out, "2 copied and verified") || !strings.Contains(out, fmt.Sprintf("%d already there", n-2)) {
		t.Fatalf("after damage: exit %d, %q, %q", code, out, errOut)
	}
	if got, _ := os.ReadFile(damaged); !bytes.Equal(got, mustRead(t, filepath.Join(data, "media", filepath.FromSlash(files[0])))) {
		t.Error("the damaged copy was not replaced")
	}

	// Moved: the server reads from the bucket's folder.
	os.RemoveAll(filepath.Join(data, "media"))
	node := serveNode(t, s3Env, append([]string{"--data", data, "--s3-prefix", "paper"}, s3.flags("midad")...)...)
	if res, _ := fetch(t, node+"/media/"+files[0]); res.StatusCode != 200 {
		t.Errorf("served after the move: %d", res.StatusCode)
	}

	if code, _, errOut := run(t, s3Env, "media", "copy", "--data", data, "--to", "/elsewhere"); code != 2 || !strings.Contains(errOut, "s3://BUCKET") {
		t.Errorf("a bad target: exit %d %q", code, errOut)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
