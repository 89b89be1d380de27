package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/richtext"
)

// NoPassword is the password hash of an account that cannot sign in until
// an admin gives it a password: imported authors' accounts. It is no hash
// any password matches.
const NoPassword = "!"

// ImportKey is what one thing of another system became here: Source is
// the old site, Kind what the thing was there, SourceID its id there.
type ImportKey struct {
	Source   string
	Kind     string
	SourceID string
	TargetID int64
	Hash     string // a digest of what was imported
}

// Importer runs an import's units of work. Each Do is one transaction, so
// that one post is stored whole or not at all; a dry run makes every Do a
// savepoint inside one transaction that Close rolls back, so that nothing
// is stored but each unit sees what the ones before it did.
type Importer struct {
	s       *Store
	dry     *sql.Tx
	n       int
	relaxed bool // SQLite's synchronous=NORMAL, until Close
}

// Importer begins an import; Close ends it.
//
// On SQLite the import's commits are not each flushed to the disk
// (synchronous=NORMAL instead of FULL, on the import's connection only):
// a commit per post would otherwise wait for the disk each time, ten times
// slower. WAL keeps the database consistent whatever happens; a power cut
// may lose the last posts imported, which running the import again brings.
func (s *Store) Importer(ctx context.Context, dryRun bool) (*Importer, error) {
	im := &Importer{s: s}
	if s.dialect.name == "sqlite" && !dryRun {
		if _, err := s.w.ExecContext(ctx, `PRAGMA synchronous = NORMAL`); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		im.relaxed = true
	}
	if dryRun {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return nil, fmt.Errorf("begin: %w", err)
		}
		im.dry = tx
	}
	return im, nil
}

// Close ends the import: a dry run is rolled back, and SQLite flushes
// every commit again.
func (im *Importer) Close() error {
	var err error
	if im.dry != nil {
		err = im.dry.Rollback()
		im.dry = nil
	}
	if im.relaxed {
		_, serr := im.s.w.Exec(`PRAGMA synchronous = FULL`)
		err = errors.Join(err, serr)
		im.relaxed = false
	}
	return err
}

// DryRun reports whether nothing the import does is kept.
func (im *Importer) DryRun() bool { return im.dry != nil }

// Do runs fn in one unit of work: committed if it returns nil, undone if
// not.
func (im *Importer) Do(ctx context.Context, fn func(*ImportTx) error) error {
	if im.dry == nil {
		return im.s.inTx(ctx, func(tx *sql.Tx) error { return fn(&ImportTx{s: im.s, tx: tx, ctx: ctx}) })
	}
	im.n++
	sp := fmt.Sprintf("import_%d", im.n)
	if _, err := im.dry.ExecContext(ctx, "SAVEPOINT "+sp); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := fn(&ImportTx{s: im.s, tx: im.dry, ctx: ctx}); err != nil {
		if _, rerr := im.dry.ExecContext(ctx, "ROLLBACK TO SAVEPOINT "+sp); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	_, err := im.dry.ExecContext(ctx, "RELEASE SAVEPOINT "+sp)
	return err
}

// ImportTx is one unit of an import's work, in one transaction: the same
// writes as the newsroom's (articles validated and sanitized by the same
// code, redirects in the one table), with the import keys beside them.
type ImportTx struct {
	s   *Store
	tx  *sql.Tx
	ctx context.Context
}

// Key finds what a thing of the old site became; found is false when it
// was never imported.
func (t *ImportTx) Key(source, kind, sourceID string) (k ImportKey, found bool, err error) {
	k = ImportKey{Source: source, Kind: kind, SourceID: sourceID}
	err = t.tx.QueryRowContext(t.ctx, t.s.q(`SELECT target_id, hash FROM import_keys WHERE source = ? AND kind = ? AND source_id = ?`),
		source, kind, sourceID).Scan(&k.TargetID, &k.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("import key %s %s: %w", kind, sourceID, err)
	}
	return k, true, nil
}

// PutKey records what a thing became and the digest of what was imported.
func (t *ImportTx) PutKey(k ImportKey) error {
	_, err := t.tx.ExecContext(t.ctx, t.s.q(`INSERT INTO import_keys (source, kind, source_id, target_id, hash, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, kind, source_id)
		DO UPDATE SET target_id = excluded.target_id, hash = excluded.hash, updated_at = excluded.updated_at`),
		k.Source, k.Kind, k.SourceID, k.TargetID, k.Hash, t.s.now().Unix())
	if err != nil {
		return fmt.Errorf("put import key %s %s: %w", k.Kind, k.SourceID, err)
	}
	return nil
}

// CreateArticle is Store.CreateArticle inside the unit.
func (t *ImportTx) CreateArticle(a *news.Article) error {
	a.Body = richtext.Sanitize(a.Body)
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Updated.IsZero() {
		a.Updated = a.Published
	}
	a.Version = 1
	return t.s.createArticle(t.ctx, t.tx, a, t.s.now())
}

// UpdateArticle is Store.UpdateArticle inside the unit; a.Version is read
// here, since the import is the one writer of what it imported.
func (t *ImportTx) UpdateArticle(a *news.Article, note string) error {
	a.Body = richtext.Sanitize(a.Body)
	if err := a.Validate(); err != nil {
		return err
	}
	if err := t.tx.QueryRowContext(t.ctx, t.s.q(`SELECT version FROM articles WHERE id = ?`), a.ID).Scan(&a.Version); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return news.ErrNotFound
		}
		return fmt.Errorf("read article %d: %w", a.ID, err)
	}
	return t.s.updateArticle(t.ctx, t.tx, a, 0, note, t.s.now())
}

// ArticleVersion is an article's version; found is false when it does not
// exist (an editor may have deleted an imported one).
func (t *ImportTx) ArticleVersion(id int64) (version int, found bool, err error) {
	return t.version(`SELECT version FROM articles WHERE id = ?`, id)
}

func (t *ImportTx) version(query string, id int64) (int, bool, error) {
	var v int
	err := t.tx.QueryRowContext(t.ctx, t.s.q(query), id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("import lookup: %w", err)
	}
	return v, true, nil
}

// SlugTaken reports whether an article other than id has the slug.
func (t *ImportTx) SlugTaken(slug string, id int64) (bool, error) {
	return t.exists(`SELECT 1 FROM articles WHERE slug = ? AND id <> ?`, slug, id)
}

func (t *ImportTx) exists(query string, args ...any) (bool, error) {
	var one int
	err := t.tx.QueryRowContext(t.ctx, t.s.q(query), args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("import lookup: %w", err)
	}
	return true, nil
}

// PutRedirect is Store.PutRedirect inside the unit.
func (t *ImportTx) PutRedirect(r news.Redirect) error { return t.s.putRedirect(t.ctx, t.tx, r) }

// Section finds a section by slug; news.ErrNotFound if there is none.
func (t *ImportTx) Section(slug string) (news.Section, error) {
	sec, err := scanSection(t.tx.QueryRowContext(t.ctx, t.s.q(`SELECT id, slug, name, position FROM sections WHERE slug = ?`), slug))
	if errors.Is(err, sql.ErrNoRows) {
		return sec, news.ErrNotFound
	}
	return sec, err
}

// CreateSection stores a new section, after its checks.
func (t *ImportTx) CreateSection(sec *news.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	if sec.Position == 0 {
		if err := t.tx.QueryRowContext(t.ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM sections`).Scan(&sec.Position); err != nil {
			return fmt.Errorf("section position: %w", err)
		}
	}
	return uniqueViolation(t.tx.QueryRowContext(t.ctx, t.s.q(`INSERT INTO sections (slug, name, position) VALUES (?, ?, ?) RETURNING id`),
		sec.Slug, sec.Name, sec.Position).Scan(&sec.ID))
}

// MaxSectionPosition is the position of the last section, 0 when none.
func (t *ImportTx) MaxSectionPosition() (int, error) {
	var n int
	if err := t.tx.QueryRowContext(t.ctx, `SELECT COALESCE(MAX(position), 0) FROM sections`).Scan(&n); err != nil {
		return 0, fmt.Errorf("section position: %w", err)
	}
	return n, nil
}

// UpdateSection renames a section.
func (t *ImportTx) UpdateSection(sec news.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	return t.s.updateOne(t.ctx, t.tx, "update section", `UPDATE sections SET name = ? WHERE id = ?`, sec.Name, sec.ID)
}

// Author finds an author by slug; news.ErrNotFound if there is none.
func (t *ImportTx) Author(slug string) (news.Author, error) {
	a, err := t.s.author(t.ctx, t.tx, `slug = ?`, slug)
	return a, err
}

// CreateAuthor stores a new byline under a free slug (slug, slug-2, …).
func (t *ImportTx) CreateAuthor(a *news.Author) error { return t.s.firstByline(t.ctx, t.tx, a, 0) }

// UpdateAuthor renames a byline.
func (t *ImportTx) UpdateAuthor(a news.Author) error {
	return t.s.updateOne(t.ctx, t.tx, "update author", `UPDATE authors SET name = ? WHERE id = ?`, a.Name, a.ID)
}

// CreateDisabledUser makes a newsroom account that cannot sign in (no
// password, disabled) signing as authorID; news.ErrExists if the email is
// taken.
func (t *ImportTx) CreateDisabledUser(u *news.User, authorID int64) error {
	if !u.Role.Valid() || u.Email == "" {
		return errors.New("create user: email and role are required")
	}
	u.Created, u.Disabled, u.PasswordHash, u.AuthorID = t.s.now().UTC().Truncate(time.Second), true, NoPassword, authorID
	var one int
	err := t.tx.QueryRowContext(t.ctx, t.s.q(`SELECT 1 FROM users WHERE email = ?`), u.Email).Scan(&one)
	if err == nil {
		return news.ErrExists
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("find user: %w", err)
	}
	return t.tx.QueryRowContext(t.ctx, t.s.q(`INSERT INTO users (email, name, role, password_hash, disabled, created_at, author_id)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), u.Email, u.Name, string(u.Role), u.PasswordHash, true,
		u.Created.Unix(), nullID(authorID)).Scan(&u.ID)
}

// PutComment stores an imported comment as it was (its dates, its state),
// or, when one with its Key is stored already, updates what it says: its
// state stays the one moderators here gave it. No rate limit or spam check
// runs: the old site's moderation stands. c.ID is set.
func (t *ImportTx) PutComment(c *news.Comment) error {
	if !c.Status.Valid() || c.Key == "" {
		return errors.New("put comment: key and status are required")
	}
	created := unix(c.Created.UTC().Truncate(time.Second))
	err := t.tx.QueryRowContext(t.ctx, t.s.q(`INSERT INTO comments
		(article_id, parent_id, name, email, url, body, status, reason, ip, user_agent, dedup_key, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, '', ?, ?, ?)
		ON CONFLICT (dedup_key) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
			email = excluded.email, url = excluded.url, body = excluded.body, ip = excluded.ip,
			created_at = excluded.created_at, updated_at = excluded.updated_at
		RETURNING id`),
		c.ArticleID, nullID(c.ParentID), c.Name, c.Email, c.URL, c.Body, string(c.Status), c.IP, c.Key, created, created).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("put comment: %w", err)
	}
	return nil
}

// CommentKeys are the dedup keys of an article's comments, for telling
// which of an import's comments are there already.
func (t *ImportTx) CommentKeys(articleID int64) (map[string]bool, error) {
	rows, err := t.tx.QueryContext(t.ctx, t.s.q(`SELECT dedup_key FROM comments WHERE article_id = ?`), articleID)
	if err != nil {
		return nil, fmt.Errorf("comment keys: %w", err)
	}
	keys, err := scanAll(rows, func(r scanner) (string, error) {
		var k string
		err := r.Scan(&k)
		return k, err
	})
	if err != nil {
		return nil, fmt.Errorf("comment keys: %w", err)
	}
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m, nil
}

// SetViews keeps an article's view count from the old site.
func (t *ImportTx) SetViews(articleID, views int64) error {
	_, err := t.tx.ExecContext(t.ctx, t.s.q(`INSERT INTO article_views (article_id, views) VALUES (?, ?)
		ON CONFLICT (article_id) DO UPDATE SET views = excluded.views`), articleID, views)
	if err != nil {
		return fmt.Errorf("set views: %w", err)
	}
	return nil
}

// Views is an article's imported view count (0 when none).
func (s *Store) Views(ctx context.Context, articleID int64) (int64, error) {
	var n int64
	err := s.r.QueryRowContext(ctx, s.q(`SELECT views FROM article_views WHERE article_id = ?`), articleID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// Feature adds articles to the front page's featured list, after those
// there, each once.
func (t *ImportTx) Feature(ids ...int64) error {
	set := news.DefaultSettings()
	var raw string
	err := t.tx.QueryRowContext(t.ctx, `SELECT value FROM settings WHERE key = 'site'`).Scan(&raw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read settings: %w", err)
	}
	if err == nil {
		if err := jsonUnmarshal(raw, &set); err != nil {
			return err
		}
	}
	changed := false
	for _, id := range ids {
		if !containsID(set.Front.Featured, id) {
			set.Front.Featured = append(set.Front.Featured, id)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	b, err := jsonMarshal(set)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(t.ctx, t.s.q(`INSERT INTO settings (key, value) VALUES ('site', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`), b)
	return err
}

func containsID(list []int64, id int64) bool {
	for _, v := range list {
		if v == id {
			return true
		}
	}
	return false
}

// SaveImportReport keeps an import's report (JSON).
func (s *Store) SaveImportReport(ctx context.Context, source string, dryRun bool, started, finished time.Time, report string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO import_reports (source, dry_run, started_at, finished_at, report)
			VALUES (?, ?, ?, ?, ?)`), source, dryRun, started.Unix(), finished.Unix(), report)
		if err != nil {
			return fmt.Errorf("save import report: %w", err)
		}
		return nil
	})
}

// ImportReports are the reports kept, newest first.
func (s *Store) ImportReports(ctx context.Context, limit int) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT report FROM import_reports ORDER BY id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("import reports: %w", err)
	}
	return scanAll(rows, func(r scanner) (string, error) {
		var s string
		err := r.Scan(&s)
		return s, err
	})
}

// ImportedCount is how many things of a kind were imported from source.
func (s *Store) ImportedCount(ctx context.Context, source, kind string) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM import_keys WHERE source = ? AND kind = ?`), source, kind).Scan(&n)
	return n, err
}

func jsonUnmarshal(raw string, v any) error {
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return fmt.Errorf("decode settings: %w", err)
	}
	return nil
}

func jsonMarshal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode settings: %w", err)
	}
	return string(b), nil
}

// AuthorByID finds an author; news.ErrNotFound if there is none.
func (t *ImportTx) AuthorByID(id int64) (news.Author, error) {
	return t.s.author(t.ctx, t.tx, `id = ?`, id)
}

// CreatePage is Store.CreatePage inside the unit.
func (t *ImportTx) CreatePage(p *news.StaticPage) error {
	p.Body = richtext.Sanitize(p.Body)
	if err := p.Validate(); err != nil {
		return err
	}
	now := t.s.now()
	if p.Created.IsZero() {
		p.Created = now
	}
	if p.Updated.IsZero() {
		p.Updated = p.Created
	}
	p.Created, p.Updated = fromUnix(unix(p.Created)), fromUnix(unix(p.Updated))
	return t.s.createPage(t.ctx, t.tx, p)
}

// UpdatePage is Store.UpdatePage inside the unit; p.Version is read here,
// as for articles.
func (t *ImportTx) UpdatePage(p *news.StaticPage) error {
	p.Body = richtext.Sanitize(p.Body)
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Updated.IsZero() {
		p.Updated = t.s.now()
	}
	p.Updated = fromUnix(unix(p.Updated))
	if err := t.tx.QueryRowContext(t.ctx, t.s.q(`SELECT version FROM pages WHERE id = ?`), p.ID).Scan(&p.Version); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return news.ErrNotFound
		}
		return fmt.Errorf("read page %d: %w", p.ID, err)
	}
	return t.s.updatePage(t.ctx, t.tx, p)
}

// PageVersion is ArticleVersion for a static page.
func (t *ImportTx) PageVersion(id int64) (version int, found bool, err error) {
	return t.version(`SELECT version FROM pages WHERE id = ?`, id)
}

// PageSlugTaken reports whether a page other than id has the slug.
func (t *ImportTx) PageSlugTaken(slug string, id int64) (bool, error) {
	return t.exists(`SELECT 1 FROM pages WHERE slug = ? AND id <> ?`, slug, id)
}
