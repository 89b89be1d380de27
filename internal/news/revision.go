package news

import "time"

// Revision is one saved state of an article: every save of an article
// writes one, so any state can be compared with another and restored.
type Revision struct {
	ArticleID int64
	Version   int
	UserID    int64  // 0 for imports and the scheduler
	UserName  string // filled in by the store for display
	Note      string // "autosave", "scheduled", … (empty for a plain save)
	Created   time.Time
	Snapshot  Snapshot
}

// Snapshot is what a revision keeps of an article: everything an editor
// can change.
type Snapshot struct {
	Kicker    string    `json:"kicker"`
	Headline  string    `json:"headline"`
	Summary   string    `json:"summary"`
	Body      string    `json:"body"`
	Slug      string    `json:"slug"`
	Lang      string    `json:"lang"`
	Status    Status    `json:"status"`
	Section   Section   `json:"section"`
	Authors   []Author  `json:"authors"`
	Tags      []Tag     `json:"tags"`
	ImageID   int64     `json:"image_id,omitempty"`
	Breaking  bool      `json:"breaking,omitempty"`
	Published time.Time `json:"published"`
	// The search and share fields; revisions made before them have none.
	SEOTitle       string `json:"seo_title,omitempty"`
	SEODescription string `json:"seo_description,omitempty"`
	SocialImageID  int64  `json:"social_image_id,omitempty"`
}

// Snapshot is the part of the article a revision keeps.
func (a Article) Snapshot() Snapshot {
	return Snapshot{Kicker: a.Kicker, Headline: a.Headline, Summary: a.Summary, Body: a.Body, Slug: a.Slug,
		Lang: a.Lang, Status: a.Status, Section: a.Section, Authors: a.Authors, Tags: a.Tags, ImageID: a.Image.ID,
		Breaking: a.Breaking, Published: a.Published,
		SEOTitle: a.SEOTitle, SEODescription: a.SEODescription, SocialImageID: a.SocialImage.ID}
}

// DeskFilter narrows the newsroom's list of articles, whatever their status.
type DeskFilter struct {
	Status    Status // "" for every status
	CreatedBy int64  // 0 for everyone's
}
