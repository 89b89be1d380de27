package wpimport_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wpimport"
)

const themeUnitTest = "../../../shared/data/wxr/themeunittestdata.wordpress.xml"

type env struct {
	st  *store.Store
	med *media.Service
	dir string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &env{st: st, med: media.New(st, filepath.Join(dir, "media"), media.Options{}), dir: dir}
}

func fileOpener(path string) wpimport.Open {
	return func() (io.ReadCloser, error) { return os.Open(path) }
}

func bytesOpener(b []byte) wpimport.Open {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}

func (e *env) run(t *testing.T, open wpimport.Open, opt wpimport.Options) *wpimport.Report {
	t.Helper()
	rep, err := wpimport.Run(context.Background(), e.st, e.med, open, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func counts(rep *wpimport.Report, kind string) wpimport.Count {
	if c := rep.Counts[kind]; c != nil {
		return *c
	}
	return wpimport.Count{}
}

func reasons(rep *wpimport.Report, kind string) map[string]int {
	m := map[string]int{}
	for _, s := range rep.Skips {
		if s.Kind == kind {
			r := s.Reason
			if i := strings.Index(r, " \""); i > 0 {
				r = r[:i]
			}
			m[r]++
		}
	}
	return m
}

func TestThemeUnitTest(t *testing.T) {
	e := newEnv(t)
	rep := e.run(t, fileOpener(themeUnitTest), wpimport.Options{})
	var out bytes.Buffer
	rep.Print(&out)
	t.Log(out.String())
	if rep.Error != "" {
		t.Fatal(rep.Error)
	}
	_ = news.Published
}
