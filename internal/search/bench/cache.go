package bench

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// Loading the corpus ten times through CreateArticle, one fsync an article,
// takes minutes and measures the newsroom's write path, not search. The
// speed benchmark therefore keeps the loaded database in a cache directory
// and starts from a copy of it when nothing it depends on has changed: the
// corpus file, the number of copies and the articles the corpus turns
// into. The copy is opened with store.Open, which applies the migrations
// written since, as it would to a newsroom's database, and the search index
// is rebuilt from the articles in every run (Reindex is the index build
// the report times), so a change to the schema, the analyzer or how the
// store indexes needs no new load. A cached database the code cannot open
// (from a newer schema) is loaded afresh; bump cacheFormat when what Load
// writes changes.
//
// $MIDAD_BENCH_CACHE names the directory (default: midad-bench under the
// system's temporary directory); MIDAD_BENCH_CACHE=off loads afresh and
// keeps nothing.

// cacheFormat changes when the cache's layout or meaning does.
const cacheFormat = "midad-bench-speed-2"

// cacheDir is where loaded databases are kept, or "" when caching is off.
func cacheDir() string {
	switch d := os.Getenv("MIDAD_BENCH_CACHE"); d {
	case "off":
		return ""
	case "":
		return filepath.Join(os.TempDir(), "midad-bench")
	default:
		return d
	}
}

// cacheMeta is kept beside a cached database: how the load that built it
// went, to report it again.
type cacheMeta struct {
	Articles int           `json:"articles"`
	Elapsed  time.Duration `json:"elapsed"`
	Built    time.Time     `json:"built"`
}

// loaded is a store holding the corpus, and where it came from.
type loaded struct {
	st     *store.Store
	nr     Newsroom
	load   LoadStats
	cached string // the cache file the database was copied from, or ""
	built  time.Time
}

// loadCorpus fills a new store at path with copies of recs through Load,
// or copies a cached database that holds the same load. progress is as
// for Load.
func loadCorpus(ctx context.Context, path string, recs []Record, copies int, progress func(int, time.Duration)) (*loaded, error) {
	st, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		return nil, err
	}
	dir := cacheDir()
	cached := filepath.Join(dir, "speed-"+cacheKey(recs, copies)+".db")
	if meta, ok := readMeta(cached); dir != "" && ok {
		if l, err := reuse(ctx, st, cached, path, meta); err == nil {
			return l, nil
		}
		// Not usable: load afresh into a new file.
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		if st, err = store.Open(ctx, "sqlite:"+path); err != nil {
			return nil, err
		}
	}

	nr, err := NewNewsroom(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	_, stats, err := Load(ctx, st, nr, recs, copies, progress)
	if err != nil {
		st.Close()
		return nil, err
	}
	l := &loaded{st: st, nr: nr, load: stats}
	if dir == "" {
		return l, nil
	}
	// Closing the last connection checkpoints the WAL into the file, which
	// is then the whole database.
	if err := st.Close(); err != nil {
		return nil, err
	}
	if err := keep(dir, cached, path, cacheMeta{Articles: stats.Articles, Elapsed: stats.Elapsed, Built: time.Now()}); err != nil {
		return nil, fmt.Errorf("cache the loaded database: %w", err)
	}
	if l.st, err = store.Open(ctx, "sqlite:"+path); err != nil {
		return nil, err
	}
	return l, nil
}

// reuse replaces the fresh store st at path with a copy of the cached
// database, brought up to date by store.Open.
func reuse(ctx context.Context, st *store.Store, cached, path string, meta cacheMeta) (*loaded, error) {
	if err := st.Close(); err != nil {
		return nil, err
	}
	if err := copyFile(cached, path); err != nil {
		return nil, fmt.Errorf("copy cached database: %w", err)
	}
	st, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		return nil, err
	}
	nr, err := readNewsroom(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &loaded{st: st, nr: nr, load: LoadStats{Articles: meta.Articles, Elapsed: meta.Elapsed},
		cached: cached, built: meta.Built}, nil
}

// cacheKey names a load: the corpus file, the number of copies and every
// article the corpus gives.
func cacheKey(recs []Record, copies int) string {
	h := sha256.New()
	put := func(parts ...string) {
		for _, p := range parts {
			binary.Write(h, binary.LittleEndian, int64(len(p)))
			io.WriteString(h, p)
		}
	}
	put(cacheFormat, fmt.Sprint(copies))
	if fi, err := os.Stat(CorpusPath()); err == nil {
		put(fmt.Sprint(fi.Size()), fi.ModTime().UTC().Format(time.RFC3339Nano))
	}
	var nr Newsroom
	for i, rec := range recs {
		a := nr.Article(rec, i)
		put(a.Slug, a.Headline, a.Summary, a.Body, a.Lang, string(a.Status), rec.Cat, a.Published.UTC().Format(time.RFC3339))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func readMeta(db string) (cacheMeta, bool) {
	var m cacheMeta
	b, err := os.ReadFile(strings.TrimSuffix(db, ".db") + ".json")
	if err != nil || json.Unmarshal(b, &m) != nil || m.Articles == 0 {
		return m, false
	}
	if _, err := os.Stat(db); err != nil {
		return m, false
	}
	return m, true
}

// keep copies the closed database at path into the cache as name, with its
// metadata written last so that a half-written copy is never used, and
// removes the cache's other databases: each is a gigabyte.
func keep(dir, name, path string, meta cacheMeta) error {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return errors.New("the database still has a write-ahead log after closing")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "speed-*"))
	for _, f := range old {
		os.Remove(f)
	}
	if err := copyFile(path, name); err != nil {
		return err
	}
	b, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	return os.WriteFile(strings.TrimSuffix(name, ".db")+".json", b, 0o640)
}

// copyFile replaces to with a copy of from, and removes what SQLite kept
// beside to.
func copyFile(from, to string) error {
	for _, f := range []string{to, to + "-wal", to + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to + ".tmp")
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(to+".tmp", to)
}

// readNewsroom finds, in a store that Load filled, the sections and the
// author NewNewsroom created.
func readNewsroom(ctx context.Context, st *store.Store) (Newsroom, error) {
	nr := Newsroom{Sections: map[string]news.Section{}}
	secs, err := st.Sections(ctx)
	if err != nil {
		return nr, err
	}
	for _, s := range Sections {
		for _, sec := range secs {
			if sec.Slug == s.Slug {
				nr.Sections[s.Cat] = sec
			}
		}
		if _, ok := nr.Sections[s.Cat]; !ok {
			return nr, fmt.Errorf("cached database: no section %s", s.Slug)
		}
	}
	if nr.Author, err = st.AuthorBySlug(ctx, "jawhara-fm"); err != nil {
		return nr, fmt.Errorf("cached database: author: %w", err)
	}
	return nr, nil
}
