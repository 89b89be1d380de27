package news

import (
	"strings"
	"testing"
)

func TestSettingsFeedItems(t *testing.T) {
	for _, tt := range []struct {
		n  int
		ok bool
	}{{0, false}, {-5, false}, {1, true}, {50, true}, {500, true}, {501, false}, {1 << 30, false}} {
		s := DefaultSettings()
		s.FeedItems = tt.n
		err := s.Validate()
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), "feed_items")) {
			t.Errorf("feed_items %d: %v", tt.n, err)
		}
	}
}
