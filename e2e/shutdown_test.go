package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestShutdownUnderLoad: SIGTERM while comments are posted and pages read.
// The server stops accepting, finishes what it took, and exits cleanly;
// no answer is a 5xx (a refused connection after the listener closed is
// not an answer), and after a restart every acknowledged comment is there.
func TestShutdownUnderLoad(t *testing.T) {
	m := startMidad(t, t.TempDir())
	liftLimits(t, m)
	token := commentToken(t, m.base)

	a := &acks{ids: map[int]int64{}}
	var next, answered, refused atomic.Int64
	var mu sync.Mutex
	var bad []string
	enough := make(chan struct{})
	var once sync.Once
	const workers = 32
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1))
				var req *http.Request
				post := w%4 != 0 // three posters to one reader
				if post {
					form := url.Values{
						"name":    {fmt.Sprintf("قارئ %d", i)},
						"email":   {fmt.Sprintf("reader-%d@example.ma", i)},
						"comment": {fmt.Sprintf("تعليق رقم %d على المقال", i)},
						"token":   {token},
					}
					req, _ = http.NewRequest("POST", seedURL(m.base)+"/comments", strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Accept", "application/json")
				} else {
					req, _ = http.NewRequest("GET", m.base+[]string{"/", "/search?q=المغرب", "/article/x"}[i%3], nil)
				}
				res, err := client.Do(req)
				if err != nil {
					refused.Add(1)
					return // the server is gone
				}
				answered.Add(1)
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode >= 500 {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("%s %s: %d", req.Method, req.URL.Path, res.StatusCode))
					mu.Unlock()
					continue
				}
				var body struct{ ID int64 }
				if post && res.StatusCode == http.StatusCreated && json.Unmarshal(b, &body) == nil && body.ID > 0 {
					a.mu.Lock()
					a.ids[i] = body.ID
					n := len(a.ids)
					a.mu.Unlock()
					if n == 300 {
						once.Do(func() { close(enough) })
					}
				}
			}
		}()
	}
	<-enough
	if err := m.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := m.cmd.Wait()
	wg.Wait()
	if err != nil || !m.cmd.ProcessState.Success() {
		t.Errorf("midad after SIGTERM: %v", err)
	}
	t.Logf("%d answers, %d comments acknowledged, %d workers saw the listener closed", answered.Load(), len(a.ids), refused.Load())
	if len(bad) > 0 {
		t.Errorf("%d answers were 5xx: %v", len(bad), bad[:min(len(bad), 10)])
	}

	restarted := startMidad(t, m.data)
	res, err := http.Get(seedURL(restarted.base))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("after restart the article answers %d", res.StatusCode)
	}
	restarted.stop()
	checkStored(t, m.data, a, int(next.Load()))
}
