// Package e2e drives Midad in a real Chromium, as a reader would: it builds
// the midad binary, starts it on a fresh data directory with the demo
// content, and opens its pages.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var (
	binary  string          // the midad binary built for this run
	browser context.Context // owns the one Chromium of this run
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "midad-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)

	binary = filepath.Join(dir, "midad")
	build := exec.Command("go", "build", "-o", binary, "../cmd/midad")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build midad:", err)
		return 1
	}

	path, err := chromiumPath()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(filepath.Join(dir, "chromium")),
	)
	defer cancelAlloc()
	var cancelBrowser context.CancelFunc
	browser, cancelBrowser = chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start chromium:", err)
		return 1
	}
	return m.Run()
}

// chromiumPath finds the browser: $MIDAD_CHROMIUM, or Debian's chromium.
// There is no skipping: without a browser the browser tests fail.
func chromiumPath() (string, error) {
	if p := os.Getenv("MIDAD_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: install it (apt-get install -y chromium) or set MIDAD_CHROMIUM")
}

// midad is a running `midad serve` process.
type midad struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	data string
}

// startServer runs `midad serve --demo` on a fresh data directory and a
// free port, and returns its base URL once /healthz answers.
func startServer(t *testing.T) string {
	t.Helper()
	return startMidad(t, t.TempDir()).base
}

// startMidad runs `midad serve --demo` on dataDir; the demo is loaded only
// if the database is empty, so a restart keeps what was there.
func startMidad(t *testing.T, dataDir string) *midad {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", dataDir)
	cmd.Env = append(os.Environ(), "MIDAD_LOG_LEVEL=warn")
	out := &serverOutput{urls: make(chan string, 1)}
	cmd.Stderr = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	m := &midad{cmd: cmd, data: dataDir}
	t.Cleanup(func() {
		m.stop()
		if t.Failed() {
			t.Logf("midad's output:\n%s", out.String())
		}
	})
	select {
	case m.base = <-out.urls:
	case <-time.After(60 * time.Second):
		t.Fatalf("midad did not start listening:\n%s", out.String())
	}
	res, err := http.Get(m.base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("healthz: %d", res.StatusCode)
	}
	return m
}

// serverOutput collects what midad writes on standard error and passes on
// the address it announces; exec copies into it until the process ends.
type serverOutput struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	urls chan string
}

func (o *serverOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf.Write(p)
	for _, line := range strings.Split(string(p), "\n") {
		if u, ok := strings.CutPrefix(line, "midad: listening on "); ok {
			select {
			case o.urls <- u:
			default:
			}
		}
	}
	return len(p), nil
}

func (o *serverOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// stop ends the server as an operator would, with SIGTERM.
func (m *midad) stop() {
	if m.cmd.ProcessState == nil {
		m.cmd.Process.Signal(syscall.SIGTERM)
		m.cmd.Wait()
	}
}

// kill ends the server at once, as a crash or the OOM killer would.
func (m *midad) kill() {
	m.cmd.Process.Signal(syscall.SIGKILL)
	m.cmd.Wait()
}

// cli runs a midad command on the server's data directory.
func (m *midad) cli(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "MIDAD_DATA="+m.data)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("midad %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// newTab opens a tab in a browser context of its own, so that its storage
// (the notice's dismissal) starts empty.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancelTimeout)
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second)))
		if err == nil {
			return
		}
		// A navigation under way replaces the page the poll ran in; poll
		// again in the new one.
		if navigating(err) && time.Now().Before(deadline) {
			continue
		}
		t.Fatalf("waiting for %s: %v", js, err)
	}
}

func navigating(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context") || strings.Contains(msg, "Execution context was destroyed") ||
		strings.Contains(msg, "Inspected target navigated")
}

// artifact saves a file for people to look at after the run, under
// $MIDAD_ARTIFACTS or e2e/artifacts (ignored by git).
func artifact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("MIDAD_ARTIFACTS")
	if dir == "" {
		dir = "artifacts"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(path)
	t.Logf("saved %s", abs)
}

// lines splits text into trimmed, non-empty lines.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
