package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/store/storetest"
)

// The PostgreSQL tests run against a real server: MIDAD_TEST_POSTGRES, or
// the one CI starts on this machine. They fail when it cannot be reached,
// unless MIDAD_NO_POSTGRES=1 says to leave PostgreSQL out.
const defaultTestPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// pgServer is one database made for this test run, dropped at its end.
var pgServer struct {
	once  sync.Once
	admin *sql.DB // connected to MIDAD_TEST_POSTGRES's database
	dsn   string  // the run's database
	name  string
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pgServer.admin != nil {
		pgServer.admin.Exec(`DROP DATABASE IF EXISTS ` + pgServer.name + ` WITH (FORCE)`)
		pgServer.admin.Close()
	}
	os.Exit(code)
}

func randomName(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// postgresDSN returns a DSN of a new, empty schema of the run's database,
// dropped when t ends.
func postgresDSN(t testing.TB) string {
	t.Helper()
	if os.Getenv("MIDAD_NO_POSTGRES") == "1" {
		t.Skip("MIDAD_NO_POSTGRES=1: PostgreSQL left out")
	}
	pgServer.once.Do(func() {
		base := os.Getenv("MIDAD_TEST_POSTGRES")
		if base == "" {
			base = defaultTestPostgres
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			pgServer.err = err
			return
		}
		pgServer.admin = admin
		pgServer.name = randomName("midad_test_")
		if _, err := admin.Exec(`CREATE DATABASE ` + pgServer.name); err != nil {
			pgServer.err = err
			return
		}
		u, err := url.Parse(base)
		if err != nil {
			pgServer.err = err
			return
		}
		u.Path = "/" + pgServer.name
		pgServer.dsn = u.String()
	})
	if pgServer.err != nil {
		t.Fatalf("PostgreSQL (MIDAD_TEST_POSTGRES, or %s; set MIDAD_NO_POSTGRES=1 to leave it out): %v",
			defaultTestPostgres, pgServer.err)
	}
	schema := randomName("t_")
	db, err := sql.Open("pgx", pgServer.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	u, _ := url.Parse(pgServer.dsn)
	v := u.Query()
	v.Set("search_path", schema)
	u.RawQuery = v.Encode()
	return u.String()
}

func openPostgres(t *testing.T) *store.Store {
	t.Helper()
	dsn := postgresDSN(t)
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPostgres(t *testing.T) {
	t.Parallel()
	storetest.Run(t, openPostgres)
}

// TestPostgresConcurrentOpen: nodes that start together on a new database
// apply each migration once.
func TestPostgresConcurrentOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for round := range 3 {
		dsn := postgresDSN(t)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				s, err := store.Open(ctx, dsn)
				if err == nil {
					s.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(ctx)
		s.Close()
		if err != nil || v < 1 {
			t.Fatalf("round %d: schema version %d, %v", round, v, err)
		}
	}
}

func TestPostgresBackend(t *testing.T) {
	t.Parallel()
	s := openPostgres(t)
	if s.Backend() != "postgres" {
		t.Errorf("backend %q", s.Backend())
	}
	// The DSN is never printed with its password.
	_, err := store.Open(context.Background(), "postgres://midad:s3cret@127.0.0.1:1/x?connect_timeout=1")
	if err == nil {
		t.Fatal("opened a server that does not exist")
	}
	if got := err.Error(); strings.Contains(got, "s3cret") {
		t.Errorf("error shows the password: %s", got)
	}
	// Nor when it is a parameter.
	for _, dsn := range []string{"postgres://midad@127.0.0.1:1/x?password=s3cret&connect_timeout=1",
		"postgres://midad@127.0.0.1:1/x?password=s3cret&sslmode=bogus"} {
		_, err := store.Open(context.Background(), dsn)
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v", dsn, err)
		}
	}
}

// TestConcurrentUpdateArticle: saves made from the same version at the
// same moment (two editors, two nodes) leave one winner; the others get
// news.ErrConflict, and nothing else goes wrong, on either backend.
func TestConcurrentUpdateArticle(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]storetest.Opener{"sqlite": openSQLite, "postgres": openPostgres} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			sec := news.Section{Slug: "s", Name: "قسم"}
			au := news.Author{Slug: "a", Name: "كاتب"}
			if err := errors.Join(s.CreateSection(ctx, &sec), s.CreateAuthor(ctx, &au)); err != nil {
				t.Fatal(err)
			}
			a := news.Article{Slug: "race", Headline: "عنوان", Body: "<p>نص</p>", Lang: "ar",
				Status: news.Published, Section: sec, Authors: []news.Author{au}, Published: time.Unix(1667554200, 0)}
			if err := s.CreateArticle(ctx, &a); err != nil {
				t.Fatal(err)
			}
			const n = 12
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					edit := a
					edit.Headline = fmt.Sprintf("عنوان %d", i)
					errs[i] = s.UpdateArticle(ctx, &edit, 0, "")
				}()
			}
			wg.Wait()
			won := 0
			for i, err := range errs {
				switch {
				case err == nil:
					won++
				case !errors.Is(err, news.ErrConflict):
					t.Errorf("save %d: %v", i, err)
				}
			}
			got, err := s.ArticleByID(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			revs, err := s.Revisions(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if won != 1 || got.Version != 2 || len(revs) != 2 {
				t.Errorf("%d saves won, version %d, %d revisions; want 1, 2, 2", won, got.Version, len(revs))
			}
		})
	}
}
