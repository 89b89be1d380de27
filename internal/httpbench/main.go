// Command httpbench is `make bench-http`: it builds the real midad binary,
// starts it with the demo newspaper on a temporary data directory, and
// loads its reader pages on loopback (keep-alive connections, a fixed
// duration), alternating with a bare net/http server that writes the same
// page's bytes from memory, so the two are measured on the same machine in
// the same minute. For each page it prints requests/s, p50/p99 latency,
// the server's CPU per request (from /proc/PID/stat), its RSS, and the
// ratio to the bare server. With -baseline REF it also builds that git ref
// and measures it in the same run, side by side.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-bare" {
		bare(os.Args[2])
		return
	}
	conns := flag.Int("c", 32, "concurrent keep-alive connections")
	dur := flag.Duration("d", 3*time.Second, "load duration of each measurement")
	rounds := flag.Int("rounds", 2, "alternations of each server per page")
	baseline := flag.String("baseline", os.Getenv("BASELINE"), "git ref to build and measure in the same run")
	enc := flag.String("accept-encoding", "", "Accept-Encoding sent with each request (empty: none)")
	flag.Parse()
	if err := run(*conns, *dur, *rounds, *baseline, *enc); err != nil {
		fmt.Fprintln(os.Stderr, "bench-http:", err)
		os.Exit(1)
	}
}

// server is one process under load.
type server struct {
	name string
	cmd  *exec.Cmd
	base string // http://host:port
}

func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			s.cmd.Process.Kill()
		}
	}
}

func run(conns int, dur time.Duration, rounds int, baseline, enc string) error {
	tmp, err := os.MkdirTemp("", "midad-bench-http-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	fmt.Printf("bench-http: %d connections, %v per measurement, %d rounds, Accept-Encoding %q\n", conns, dur, rounds, enc)
	var targets []*server
	if baseline != "" {
		bin, err := buildRef(tmp, baseline)
		if err != nil {
			return err
		}
		s, err := startMidad(bin, filepath.Join(tmp, "data-base"), "base "+baseline)
		if err != nil {
			return err
		}
		defer s.stop()
		targets = append(targets, s)
	}
	bin := filepath.Join(tmp, "midad")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/midad").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	cur, err := startMidad(bin, filepath.Join(tmp, "data"), "midad")
	if err != nil {
		return err
	}
	defer cur.stop()
	targets = append(targets, cur)

	pages, err := discover(cur.base)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Printf("%-8s %-22s %10s %8s %8s %9s %8s %7s\n", "page", "server", "req/s", "p50", "p99", "cpu/req", "rss", "ratio")
	for _, p := range pages {
		body, err := fetch(cur.base + p.path)
		if err != nil {
			return err
		}
		file := filepath.Join(tmp, "bare-"+p.name+".html")
		if err := os.WriteFile(file, body, 0o600); err != nil {
			return err
		}
		b, err := startBare(self, file)
		if err != nil {
			return err
		}
		results := map[string]*result{}
		order := append([]*server{b}, targets...)
		for range rounds {
			for _, s := range order {
				res, err := load(s, p.path, conns, dur, enc)
				if err != nil {
					b.stop()
					return fmt.Errorf("%s %s: %w", s.name, p.path, err)
				}
				if results[s.name] == nil {
					results[s.name] = &result{}
				}
				results[s.name].add(res)
			}
		}
		bareRate := results[b.name].rate()
		for _, s := range order {
			r := results[s.name]
			fmt.Printf("%-8s %-22s %10.0f %8s %8s %7.3fms %6.0fMB %6.2fx\n", p.name, s.name, r.rate(),
				r.pct(50), r.pct(99), r.cpuPerReq(), float64(rss(s))/(1<<20), r.rate()/bareRate)
		}
		b.stop()
	}
	fmt.Println("cpu/req is the server process's user+system CPU over the requests it answered; ratio is req/s against the bare server writing the same bytes.")
	return nil
}

// buildRef builds midad at a git ref in a temporary worktree.
func buildRef(tmp, ref string) (string, error) {
	dir := filepath.Join(tmp, "baseline-src")
	if out, err := exec.Command("git", "worktree", "add", "--detach", dir, ref).CombinedOutput(); err != nil {
		return "", fmt.Errorf("git worktree add %s: %v\n%s", ref, err, out)
	}
	defer exec.Command("git", "worktree", "remove", "--force", dir).Run()
	bin := filepath.Join(tmp, "midad-base")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/midad")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %v\n%s", ref, err, out)
	}
	return bin, nil
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startMidad starts the binary with the demo content and waits until it
// says where it listens.
func startMidad(bin, data, name string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", data, "--log-level", "warn")
	return start(cmd, name)
}

func startBare(self, file string) (*server, error) {
	return start(exec.Command(self, "-bare", file), "bare net/http")
}

func start(cmd *exec.Cmd, name string) (*server, error) {
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{name: name, cmd: cmd}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case s.base = <-found:
		return s, nil
	case <-time.After(2 * time.Minute):
		s.stop()
		return nil, fmt.Errorf("%s did not start", name)
	}
}

// bare serves one file's bytes from memory at every path: what Go's
// net/http allows on this machine.
func bare(file string) {
	body, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})}
	ln, err := listen()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "bare: listening on http://%s\n", ln.Addr())
	srv.Serve(ln)
}

type page struct{ name, path string }

var (
	articleHref = regexp.MustCompile(`href="(/article/[^"#?]+)"`)
	sectionHref = regexp.MustCompile(`href="(/section/[^"#?]+)"`)
)

// discover finds an article and a section from the front page.
func discover(base string) ([]page, error) {
	front, err := fetch(base + "/")
	if err != nil {
		return nil, err
	}
	a := articleHref.FindSubmatch(front)
	s := sectionHref.FindSubmatch(front)
	if a == nil || s == nil {
		return nil, errors.New("no article or section link on the front page")
	}
	return []page{
		{"article", string(a[1])},
		{"front", "/"},
		{"section", string(s[1])},
		{"search", "/search?q=" + url.QueryEscape("المغرب")},
	}, nil
}

func fetch(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return b, err
}

// result is what one or more measurements of a server found.
type result struct {
	n       int
	elapsed time.Duration
	cpu     time.Duration
	lat     []time.Duration
}

func (r *result) add(o *result) {
	r.n += o.n
	r.elapsed += o.elapsed
	r.cpu += o.cpu
	r.lat = append(r.lat, o.lat...)
}

func (r *result) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r *result) cpuPerReq() float64 {
	return float64(r.cpu) / float64(time.Millisecond) / float64(max(r.n, 1))
}

func (r *result) pct(p int) string {
	if len(r.lat) == 0 {
		return "-"
	}
	slices.Sort(r.lat)
	d := r.lat[min(len(r.lat)-1, len(r.lat)*p/100)]
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}

// load runs conns keep-alive clients against s for dur.
func load(s *server, path string, conns int, dur time.Duration, enc string) (*result, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	u := s.base + path
	// Warm: open the connections and the server's caches.
	for range 3 {
		if _, err := get(client, u, enc); err != nil {
			return nil, err
		}
	}
	pid := s.cmd.Process.Pid
	cpu0 := cpuTime(pid)
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var (
		mu    sync.Mutex
		all   []time.Duration
		total atomic.Int64
		first atomic.Value
		wg    sync.WaitGroup
	)
	start := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			for ctx.Err() == nil {
				t := time.Now()
				if _, err := get(client, u, enc); err != nil {
					if ctx.Err() == nil {
						first.CompareAndSwap(nil, err)
					}
					break
				}
				lat = append(lat, time.Since(t))
			}
			total.Add(int64(len(lat)))
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, _ := first.Load().(error); err != nil {
		return nil, err
	}
	return &result{n: int(total.Load()), elapsed: elapsed, cpu: cpuTime(pid) - cpu0, lat: all}, nil
}

func get(c *http.Client, u, enc string) (int, error) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %s", resp.Status)
	}
	return int(n), err
}

// cpuTime is a process's user and system time so far.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name may hold spaces; the fields after it do not.
	rest := b[bytes.LastIndexByte(b, ')')+2:]
	f := strings.Fields(string(rest))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	const hz = 100 // USER_HZ on Linux
	return time.Duration(ut+st) * time.Second / hz
}

// rss is a process's resident memory in bytes.
func rss(s *server) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func listen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }
