package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/midad/midad/internal/news"
)

// TestDraftOnlyTagHasNoPage: a tag that only drafts carry says nothing to
// readers; it has no page until an article with it is published.
func TestDraftOnlyTagHasNoPage(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "huda@example.ma", news.Editor)
	form := s.articleForm(t)
	form.Set("tags", "صفقة سرية")
	s.newArticle(t, c, form)
	if res, _ := s.get(t, "GET", "/tag/"+url.PathEscape("صفقة-سرية")); res.StatusCode != http.StatusNotFound {
		t.Errorf("the page of a tag only a draft carries: %d, want 404", res.StatusCode)
	}
}
