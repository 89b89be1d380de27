package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

// TestFeedSettings: an admin sets how many articles the feeds list and
// whether they carry the full text, on the settings screen; the site feed
// follows at once, and a bad number is refused beside its field, nothing
// saved.
func TestFeedSettings(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	_, page := s.getAs(t, admin, "/newsroom/settings")
	if !strings.Contains(page, `name="feed_items" type="number" min="1" max="500" dir="ltr" value="50"`) ||
		!strings.Contains(page, `name="feed_full_text" checked`) {
		t.Fatal("the settings screen does not show the feeds' defaults")
	}
	res, body := s.postAs(t, admin, "/newsroom/settings", settingsForm(url.Values{"feed_items": {"3"}}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.FeedItems != 3 || set.FeedFullText {
		t.Fatalf("saved feed_items %d, full text %v; want 3, false (the box was not ticked)", set.FeedItems, set.FeedFullText)
	}
	_, feed := s.get(t, "GET", "/feed.json")
	if n := strings.Count(feed, `"content_html"`) + strings.Count(feed, `"content_text"`); n != 3 || strings.Contains(feed, `"content_html"`) {
		t.Errorf("feed: %d items (want 3) and full text %v (want summaries only)", n, strings.Contains(feed, `"content_html"`))
	}

	for _, bad := range []string{"0", "501", "خمسون", ""} {
		res, body := s.postAs(t, admin, "/newsroom/settings", settingsForm(url.Values{"feed_items": {bad}, "feed_full_text": {"on"}}))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="s-feed-items-error"`) ||
			!strings.Contains(body, "عدد المقالات في الخلاصة: رقم من 1 إلى 500.") {
			t.Errorf("feed_items %q: %d, want 422 with the Arabic message beside the field", bad, res.StatusCode)
		}
	}
	if again, _ := s.store.Settings(ctx); again.FeedItems != 3 || again.FeedFullText {
		t.Errorf("bad input changed the settings: feed_items %d, full text %v", again.FeedItems, again.FeedFullText)
	}
	// A form without the feeds' fields (an older page) leaves them alone.
	if res, _ := s.postAs(t, admin, "/newsroom/settings", settingsForm(nil)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save without the feed fields: %d", res.StatusCode)
	}
	if again, _ := s.store.Settings(ctx); again.FeedItems != 3 {
		t.Errorf("a form without the feed fields changed feed_items to %d", again.FeedItems)
	}
}
