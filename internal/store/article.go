package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/richtext"
)

// articleColumns are read by scanArticle, in this order.
const articleColumns = `a.id, a.slug, a.kicker, a.headline, a.summary, a.body, a.lang, a.status,
	a.published_at, a.updated_at, a.comments_closed, s.id, s.slug, s.name, s.position,
	a.version, COALESCE(a.created_by, 0), a.breaking, COALESCE(a.image_id, 0),
	a.seo_title, a.seo_description, COALESCE(a.social_image_id, 0)`

const articleFrom = ` FROM articles a JOIN sections s ON s.id = a.section_id`

type scanner interface{ Scan(dest ...any) error }

// scanArticle reads articleColumns, then any extra columns into extra.
func scanArticle(row scanner, extra ...any) (news.Article, error) {
	var a news.Article
	var published, updated int64
	err := row.Scan(append([]any{&a.ID, &a.Slug, &a.Kicker, &a.Headline, &a.Summary, &a.Body, &a.Lang, &a.Status,
		&published, &updated, &a.CommentsClosed, &a.Section.ID, &a.Section.Slug, &a.Section.Name, &a.Section.Position,
		&a.Version, &a.CreatedBy, &a.Breaking, &a.Image.ID,
		&a.SEOTitle, &a.SEODescription, &a.SocialImage.ID}, extra...)...)
	a.Published, a.Updated = fromUnix(published), fromUnix(updated)
	return a, err
}

// CreateArticle validates and stores a new article with its authors, tags
// and search index entry, all or nothing, and sets its ID. An article
// written in the newsroom (CreatedBy set) also gets its first revision.
func (s *Store) CreateArticle(ctx context.Context, a *news.Article) error {
	// Whoever writes the body, what is stored is sanitized: templates print
	// it as HTML.
	a.Body = richtext.Sanitize(a.Body)
	if err := a.Validate(); err != nil {
		return err
	}
	now := s.now()
	if a.Updated.IsZero() {
		a.Updated = a.Published
	}
	a.Version = 1
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.createArticle(ctx, tx, a, now) })
}

// createArticle is CreateArticle's work inside a transaction, for an
// importer that stores an article with its comments and redirects at once;
// a is sanitized and valid.
func (s *Store) createArticle(ctx context.Context, tx *sql.Tx, a *news.Article, now time.Time) error {
	{
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO articles
			(slug, kicker, headline, summary, body, lang, status, section_id, published_at, updated_at, created_at,
			 comments_closed, version, created_by, breaking, image_id, seo_title, seo_description, social_image_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING id`),
			a.Slug, a.Kicker, a.Headline, a.Summary, a.Body, a.Lang, string(a.Status), a.Section.ID,
			unix(a.Published), unix(a.Updated), now.Unix(), a.CommentsClosed, nullID(a.CreatedBy), a.Breaking,
			nullID(a.Image.ID), a.SEOTitle, a.SEODescription, nullID(a.SocialImage.ID)).Scan(&a.ID)
		if err != nil {
			if uniqueViolation(err) == news.ErrExists {
				return &news.FieldError{Field: "slug", Key: "error.field.slug_taken"}
			}
			return fmt.Errorf("insert article %q: %w", a.Slug, err)
		}
		if err := s.link(ctx, tx, a, a.CreatedBy); err != nil {
			return err
		}
		if a.CreatedBy != 0 {
			if err := s.addRevision(ctx, tx, a.ID, 1, a.CreatedBy, "", now); err != nil {
				return err
			}
		}
		// The index changes with the article, in the same transaction.
		return s.index(ctx, tx, *a)
	}
}

// UpdateArticle saves a new state of an existing article: its fields,
// authors, tags, search index entry and a revision, all in one
// transaction. a.Version must be the version the change was made from;
// if someone saved since, nothing is written and news.ErrConflict is
// returned. On success a.Version is the new version.
func (s *Store) UpdateArticle(ctx context.Context, a *news.Article, by int64, note string) error {
	a.Body = richtext.Sanitize(a.Body)
	if err := a.Validate(); err != nil {
		return err
	}
	now := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.updateArticle(ctx, tx, a, by, note, now) })
}

// updateArticle is UpdateArticle's work inside a transaction; a is
// sanitized and valid.
func (s *Store) updateArticle(ctx context.Context, tx *sql.Tx, a *news.Article, by int64, note string, now time.Time) error {
	{
		var current int
		var oldSlug string
		err := tx.QueryRowContext(ctx, s.q(`SELECT version, slug FROM articles WHERE id = ?`+s.dialect.forUpdate), a.ID).Scan(&current, &oldSlug)
		if errors.Is(err, sql.ErrNoRows) {
			return news.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("read article %d: %w", a.ID, err)
		}
		if current != a.Version {
			return news.ErrConflict
		}
		// Articles imported or written before revisions existed get their
		// current state kept first, so the change can be compared and undone.
		if err := s.addRevision(ctx, tx, a.ID, current, 0, "", now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET slug = ?, kicker = ?, headline = ?, summary = ?, body = ?,
			lang = ?, status = ?, section_id = ?, published_at = ?, updated_at = ?, comments_closed = ?, breaking = ?,
			image_id = ?, seo_title = ?, seo_description = ?, social_image_id = ?, version = version + 1
			WHERE id = ? AND version = ?`),
			a.Slug, a.Kicker, a.Headline, a.Summary, a.Body, a.Lang, string(a.Status), a.Section.ID,
			unix(a.Published), unix(a.Updated), a.CommentsClosed, a.Breaking, nullID(a.Image.ID),
			a.SEOTitle, a.SEODescription, nullID(a.SocialImage.ID), a.ID, current)
		if err != nil {
			if uniqueViolation(err) == news.ErrExists {
				return &news.FieldError{Field: "slug", Key: "error.field.slug_taken"}
			}
			return fmt.Errorf("update article %d: %w", a.ID, err)
		}
		// The version was read in this transaction; a backend that lets
		// another transaction save in between changes no row here.
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			if err != nil {
				return fmt.Errorf("update article %d: %w", a.ID, err)
			}
			return news.ErrConflict
		}
		for _, q := range []string{`DELETE FROM article_authors WHERE article_id = ?`, `DELETE FROM article_tags WHERE article_id = ?`} {
			if _, err := tx.ExecContext(ctx, s.q(q), a.ID); err != nil {
				return fmt.Errorf("unlink article %d: %w", a.ID, err)
			}
		}
		if err := s.link(ctx, tx, a, by); err != nil {
			return err
		}
		// The earlier address keeps leading to the article.
		if err := s.moved(ctx, tx, news.RedirectArticle, a.ID, oldSlug, a.Slug); err != nil {
			return err
		}
		if err := s.addRevision(ctx, tx, a.ID, current+1, by, note, now); err != nil {
			return err
		}
		// Autosaves follow each other every few seconds: the previous one by
		// the same person gives way to this one, so the history keeps the
		// last state of each sitting, not every pause in typing.
		if note == "autosave" && by != 0 {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM revisions WHERE article_id = ? AND version = ?
				AND note = 'autosave' AND user_id = ?`), a.ID, current, by); err != nil {
				return fmt.Errorf("fold autosave: %w", err)
			}
		}
		if err := s.index(ctx, tx, *a); err != nil {
			return err
		}
		a.Version = current + 1
		return nil
	}
}

// link stores the article's authors, in order, and its tags. An author
// without an ID is the first byline of the account by, made here so that a
// refused article leaves none behind.
func (s *Store) link(ctx context.Context, tx *sql.Tx, a *news.Article, by int64) error {
	for i := range a.Authors {
		if a.Authors[i].ID == 0 {
			if err := s.firstByline(ctx, tx, &a.Authors[i], by); err != nil {
				return err
			}
		}
	}
	for i, au := range a.Authors {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)`),
			a.ID, au.ID, i); err != nil {
			return fmt.Errorf("link author %d: %w", au.ID, err)
		}
	}
	// New tags are made in the order of their slugs: two saves making the
	// same new tags then never wait for each other (PostgreSQL would end
	// one of them as a deadlock).
	order := make([]int, len(a.Tags))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(a.Tags[i].Slug, a.Tags[j].Slug) })
	for _, i := range order {
		t := &a.Tags[i]
		if t.ID == 0 { // a new tag, made with the article
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING`),
				t.Slug, t.Name); err != nil {
				return fmt.Errorf("add tag %q: %w", t.Slug, err)
			}
			if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM tags WHERE slug = ?`), t.Slug).Scan(&t.ID); err != nil {
				return fmt.Errorf("add tag %q: %w", t.Slug, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)`),
			a.ID, t.ID); err != nil {
			return fmt.Errorf("link tag %d: %w", t.ID, err)
		}
	}
	return nil
}

// firstByline creates au under a free slug (au.Slug, au.Slug-2, …) and
// makes it the byline of account by, unless the account has one already,
// which au then becomes.
func (s *Store) firstByline(ctx context.Context, tx *sql.Tx, au *news.Author, by int64) error {
	if by != 0 {
		var existing sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT author_id FROM users WHERE id = ?`), by).Scan(&existing); err != nil {
			return fmt.Errorf("read account %d: %w", by, err)
		}
		if existing.Valid {
			var err error
			*au, err = s.author(ctx, tx, `id = ?`, existing.Int64)
			return err
		}
	}
	if err := au.Validate(); err != nil {
		return err
	}
	base := au.Slug
	for i := 1; au.ID == 0; i++ {
		if i > 100 {
			return fmt.Errorf("no free author slug for %q", base)
		}
		slug := base
		if i > 1 {
			slug = fmt.Sprintf("%s-%d", base, i)
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?)
			ON CONFLICT (slug) DO NOTHING RETURNING id`), slug, au.Name, au.Bio).Scan(&au.ID)
		if errors.Is(err, sql.ErrNoRows) {
			continue // taken
		}
		if err != nil {
			return fmt.Errorf("add author %q: %w", slug, err)
		}
		au.Slug = slug
	}
	if by == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, s.q(`UPDATE users SET author_id = ? WHERE id = ?`), au.ID, by)
	return err
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ArticleBySlug returns the article with its authors and tags, whatever its
// status; callers decide who may see it.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (news.Article, error) {
	return s.article(ctx, `a.slug = ?`, slug)
}

// ArticleByID is ArticleBySlug by the article's stable id.
func (s *Store) ArticleByID(ctx context.Context, id int64) (news.Article, error) {
	return s.article(ctx, `a.id = ?`, id)
}

func (s *Store) article(ctx context.Context, where string, arg any) (news.Article, error) {
	a, err := scanArticle(s.r.QueryRowContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("article %v: %w", arg, err)
	}
	list := []news.Article{a}
	if err := s.attach(ctx, list); err != nil {
		return a, err
	}
	return list[0], nil
}

func filterWhere(f news.Filter) (string, []any) {
	conds := []string{`a.status = 'published'`, `a.published_at <= ?`}
	args := []any{f.Now.Unix()}
	if f.SectionID != 0 {
		conds = append(conds, `a.section_id = ?`)
		args = append(args, f.SectionID)
	}
	if f.AuthorID != 0 {
		conds = append(conds, `a.id IN (SELECT article_id FROM article_authors WHERE author_id = ?)`)
		args = append(args, f.AuthorID)
	}
	if f.TagID != 0 {
		conds = append(conds, `a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)`)
		args = append(args, f.TagID)
	}
	if f.ExcludeID != 0 {
		conds = append(conds, `a.id <> ?`)
		args = append(args, f.ExcludeID)
	}
	return strings.Join(conds, " AND "), args
}

// PublishedArticles returns one page of the visible articles that match f,
// newest first, with the total count.
func (s *Store) PublishedArticles(ctx context.Context, f news.Filter, p news.Page) (news.ArticleList, error) {
	list := news.ArticleList{Page: p}
	where, args := filterWhere(f)
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM articles a WHERE `+where), args...).Scan(&list.Total); err != nil {
		return list, fmt.Errorf("count articles: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` WHERE `+where+
		` ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`), append(args, p.Size, p.Offset())...)
	if err != nil {
		return list, fmt.Errorf("list articles: %w", err)
	}
	list.Articles, err = s.collect(ctx, rows)
	return list, err
}

// PublishedPage is PublishedArticles without the count, for readers that
// only need to know whether older articles follow (feeds, polled often):
// counting every visible article costs more than reading a page of them.
func (s *Store) PublishedPage(ctx context.Context, f news.Filter, p news.Page) (list []news.Article, more bool, err error) {
	where, args := filterWhere(f)
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` WHERE `+where+
		` ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`), append(args, p.Size+1, p.Offset())...)
	if err != nil {
		return nil, false, fmt.Errorf("list articles: %w", err)
	}
	// One more than the page is read, and its authors and tags with it:
	// cheaper than a second query.
	list, err = s.collect(ctx, rows)
	if len(list) > p.Size {
		list, more = list[:p.Size], true
	}
	return list, more, err
}

// LatestBySection returns, for every section, its perSection newest visible
// articles, in one query.
func (s *Store) LatestBySection(ctx context.Context, now time.Time, perSection int) (map[int64][]news.Article, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` JOIN (
			SELECT id, ROW_NUMBER() OVER (PARTITION BY section_id ORDER BY published_at DESC, id DESC) AS n
			FROM articles WHERE status = 'published' AND published_at <= ?
		) r ON r.id = a.id
		WHERE r.n <= ? ORDER BY s.position, a.published_at DESC, a.id DESC`), now.Unix(), perSection)
	if err != nil {
		return nil, fmt.Errorf("latest by section: %w", err)
	}
	all, err := s.collect(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]news.Article)
	for _, a := range all {
		out[a.Section.ID] = append(out[a.Section.ID], a)
	}
	return out, nil
}

// SetCommentsClosed opens or closes an article to new comments.
func (s *Store) SetCommentsClosed(ctx context.Context, articleID int64, closed bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateOne(ctx, tx, "close comments", `UPDATE articles SET comments_closed = ? WHERE id = ?`, closed, articleID)
	})
}

// CountArticles counts every stored article, whatever its status.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// collect scans article rows and attaches their authors and tags.
func (s *Store) collect(ctx context.Context, rows *sql.Rows) ([]news.Article, error) {
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("scan article: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	return out, s.attach(ctx, out)
}

// attach loads the authors and tags of the given articles with one query
// each per 500 articles.
func (s *Store) attach(ctx context.Context, list []news.Article) error {
	// SQLite takes at most 32,766 variables in a statement.
	const chunk = 500
	for len(list) > chunk {
		if err := s.attach(ctx, list[:chunk]); err != nil {
			return err
		}
		list = list[chunk:]
	}
	if len(list) == 0 {
		return nil
	}
	index := make(map[int64]int, len(list))
	ids := make([]any, len(list))
	for i, a := range list {
		index[a.ID] = i
		ids[i] = a.ID
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"

	rows, err := s.r.QueryContext(ctx, s.q(`SELECT aa.article_id, au.id, au.slug, au.name, au.bio
		FROM article_authors aa JOIN authors au ON au.id = aa.author_id
		WHERE aa.article_id IN `+in+` ORDER BY aa.article_id, aa.position`), ids...)
	if err != nil {
		return fmt.Errorf("load authors: %w", err)
	}
	for rows.Next() {
		var id int64
		var au news.Author
		if err := rows.Scan(&id, &au.ID, &au.Slug, &au.Name, &au.Bio); err != nil {
			rows.Close()
			return fmt.Errorf("scan author: %w", err)
		}
		list[index[id]].Authors = append(list[index[id]].Authors, au)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("load authors: %w", err)
	}

	if err := s.attachImages(ctx, list); err != nil {
		return err
	}

	rows, err = s.r.QueryContext(ctx, s.q(`SELECT at.article_id, t.id, t.slug, t.name
		FROM article_tags at JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id IN `+in+` ORDER BY at.article_id, t.name`), ids...)
	if err != nil {
		return fmt.Errorf("load tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t news.Tag
		if err := rows.Scan(&id, &t.ID, &t.Slug, &t.Name); err != nil {
			return fmt.Errorf("scan tag: %w", err)
		}
		list[index[id]].Tags = append(list[index[id]].Tags, t)
	}
	return rows.Err()
}

// attachImages fills in the featured and social images of the articles
// that have them.
func (s *Store) attachImages(ctx context.Context, list []news.Article) error {
	var ids []any
	for _, a := range list {
		for _, id := range []int64{a.Image.ID, a.SocialImage.ID} {
			if id != 0 {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+mediaColumns+` FROM media WHERE id IN `+in), ids...)
	if err != nil {
		return fmt.Errorf("load images: %w", err)
	}
	images, err := scanAll(rows, scanImage)
	if err != nil {
		return fmt.Errorf("load images: %w", err)
	}
	byID := make(map[int64]news.Image, len(images))
	for _, im := range images {
		byID[im.ID] = im
	}
	for i := range list {
		if im, ok := byID[list[i].Image.ID]; ok {
			list[i].Image = im
		}
		if im, ok := byID[list[i].SocialImage.ID]; ok {
			list[i].SocialImage = im
		}
	}
	return nil
}
