package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// The comment posts of these tests come from one address, so the per-IP
// and per-email limits are lifted first; every other check stays on.
func liftLimits(t *testing.T, m *midad) {
	t.Helper()
	var set news.Settings
	if err := json.Unmarshal([]byte(m.cli(t, "", "settings", "get")), &set); err != nil {
		t.Fatal(err)
	}
	set.Comments.PerIP, set.Comments.PerEmail = 0, 0
	b, _ := json.Marshal(set)
	m.cli(t, string(b), "settings", "set")
}

func seedURL(base string) string { return base + "/article/" + url.PathEscape(demo.SeedSlug) }

func commentToken(t *testing.T, base string) string {
	t.Helper()
	res, err := http.Get(seedURL(base))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`name="token" value="([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no comment token on the article page")
	}
	return string(m[1])
}

// acks records which posts the server acknowledged, by their number.
type acks struct {
	mu  sync.Mutex
	ids map[int]int64 // post number → comment id
}

// postComments sends n posts, `parallel` at a time, stopping early when
// stop is closed; it returns the acknowledged ones.
func postComments(base, token string, n, parallel int, acked func(int)) *acks {
	a := &acks{ids: map[int]int64{}}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: parallel}}
	work := make(chan int)
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				form := url.Values{
					"name":    {fmt.Sprintf("قارئ %d", i)},
					"email":   {fmt.Sprintf("reader-%d@example.ma", i)},
					"comment": {fmt.Sprintf("تعليق رقم %d على المقال", i)},
					"token":   {token},
				}
				req, _ := http.NewRequest("POST", seedURL(base)+"/comments", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept", "application/json")
				res, err := client.Do(req)
				if err != nil {
					continue // the server is gone: not acknowledged
				}
				var body struct{ ID int64 }
				err = json.NewDecoder(res.Body).Decode(&body)
				res.Body.Close()
				if err == nil && res.StatusCode == http.StatusCreated && body.ID > 0 {
					a.mu.Lock()
					a.ids[i] = body.ID
					a.mu.Unlock()
					if acked != nil {
						acked(i)
					}
				}
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	return a
}

// checkStored opens the database file and checks that every acknowledged
// post is stored exactly once, under the id it was acknowledged with, and
// that the database passes its integrity check.
func checkStored(t *testing.T, dataDir string, a *acks, total int) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(dataDir, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := st.Comments(ctx, news.CommentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	copies := map[string]int{}
	byID := map[int64]string{}
	for _, c := range list {
		copies[c.Body]++
		byID[c.ID] = c.Body
	}
	for body, n := range copies {
		if n > 1 {
			t.Errorf("%q stored %d times", body, n)
		}
	}
	for i, id := range a.ids {
		want := fmt.Sprintf("تعليق رقم %d على المقال", i)
		if byID[id] != want {
			t.Errorf("acknowledged post %d (id %d) is stored as %q", i, id, byID[id])
		}
	}
	t.Logf("%d posts sent, %d acknowledged, %d stored", total, len(a.ids), len(list))
}

// TestConcurrentComments: 1,000 posts at once against the running server;
// every acknowledged comment is stored exactly once.
func TestConcurrentComments(t *testing.T) {
	m := startMidad(t, t.TempDir())
	liftLimits(t, m)
	token := commentToken(t, m.base)
	const n = 1000
	start := time.Now()
	a := postComments(m.base, token, n, n, nil)
	t.Logf("%d concurrent posts in %v", n, time.Since(start).Round(time.Millisecond))
	if len(a.ids) != n {
		t.Errorf("%d of %d posts acknowledged", len(a.ids), n)
	}
	m.stop()
	checkStored(t, m.data, a, n)
}

// TestCommentsSurviveKill: the server is killed with SIGKILL in the middle
// of a run of posts; after a restart every acknowledged comment is there.
func TestCommentsSurviveKill(t *testing.T) {
	m := startMidad(t, t.TempDir())
	liftLimits(t, m)
	token := commentToken(t, m.base)
	var acked atomic.Int32
	enough := make(chan struct{})
	const n = 1000
	done := make(chan *acks)
	go func() {
		done <- postComments(m.base, token, n, 32, func(int) {
			if acked.Add(1) == 200 {
				close(enough)
			}
		})
	}()
	<-enough
	m.kill()
	a := <-done
	if len(a.ids) < 200 || len(a.ids) == n {
		t.Fatalf("%d of %d posts acknowledged: the kill did not land mid-run", len(a.ids), n)
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
	checkStored(t, m.data, a, n)
}
