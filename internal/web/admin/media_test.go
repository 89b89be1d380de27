package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web/admin"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

type mediaServer struct {
	*httptest.Server
	store  *store.Store
	dir    string
	cookie *http.Cookie
}

func newMediaServer(t *testing.T, maxBytes int64) *mediaServer {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	pages := site.New(site.Options{Content: st, Comments: discussion.New(st, log, nil), Search: search.New(st), View: v, Catalog: cat, Log: log})
	acc := accounts.New(st, log, nil)
	a := admin.New(admin.Options{Accounts: acc, Users: acc, Pages: pages, Content: st, Catalog: cat})
	dir := t.TempDir()
	mux := http.NewServeMux()
	a.MediaRoutes(mux, media.New(st, dir, media.Options{MaxBytes: maxBytes}))
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)

	if _, err := acc.Create(ctx, accounts.NewUser{Email: "photo@example.ma", Name: "سعاد", Password: "a long enough password", Role: news.Contributor}); err != nil {
		t.Fatal(err)
	}
	token, _, err := acc.Login(ctx, "photo@example.ma", "a long enough password", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return &mediaServer{Server: ts, store: st, dir: dir, cookie: &http.Cookie{Name: "midad_session", Value: token}}
}

func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), 0x80, 0xFF})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// upload posts a multipart form; a nil file leaves the field out.
func (s *mediaServer) upload(t *testing.T, fields map[string]string, filename string, file []byte, asJSON bool) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("file", filename)
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if asJSON {
		req.Header.Set("Accept", "application/json")
	}
	return s.do(t, req)
}

func (s *mediaServer) do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	req.AddCookie(s.cookie)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (s *mediaServer) nothingStored(t *testing.T) {
	t.Helper()
	if list, err := s.store.Images(context.Background(), 10); err != nil || len(list) != 0 {
		t.Errorf("images stored: %d, %v", len(list), err)
	}
	filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("file left: %s", p)
		}
		return err
	})
}

func TestMediaLibrary(t *testing.T) {
	s := newMediaServer(t, 0)

	anon, _ := http.NewRequest("GET", s.URL+"/newsroom/media", nil)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if res, err := client.Do(anon); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("anonymous library: %v %v", res, err)
	}

	req, _ := http.NewRequest("GET", s.URL+"/newsroom/media", nil)
	res, body := s.do(t, req)
	if res.StatusCode != 200 || !strings.Contains(body, "لا صور بعد.") || !strings.Contains(body, `enctype="multipart/form-data"`) ||
		!strings.Contains(body, `dir="rtl"`) {
		t.Fatalf("empty library: %d\n%s", res.StatusCode, body)
	}

	// The form: back to the library, which shows the picture.
	res, _ = s.upload(t, map[string]string{"alt": " طفل يقرأ ", "caption": "مكتبة الحي", "credit": "مداد"}, "photo.jpg", testJPEG(t, 1200, 800), false)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/newsroom/media?done=1" {
		t.Fatalf("upload: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	req, _ = http.NewRequest("GET", s.URL+"/newsroom/media?done=1", nil)
	res, body = s.do(t, req)
	list, err := s.store.Images(context.Background(), 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("images: %v %v", list, err)
	}
	im := list[0]
	for _, want := range []string{"رُفعت الصورة.", `alt="طفل يقرأ"`, `src="/media/` + im.Variants[0].File + `"`, "مكتبة الحي", "1200×800", `srcset="` + im.SrcSet() + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("library lacks %q", want)
		}
	}
	if im.UploadedBy == 0 {
		t.Error("the uploader is not recorded")
	}

	// The editor asks for JSON.
	res, body = s.upload(t, map[string]string{"alt": "صورة"}, "x.png", testJPEG(t, 300, 200), true)
	if res.StatusCode != http.StatusCreated || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("JSON upload: %d %s", res.StatusCode, body)
	}
	var got struct {
		ID                        int64
		Src, SrcSet, Alt, Caption string
		Width, Height             int
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID == 0 || !strings.HasPrefix(got.Src, "/media/") || !strings.HasSuffix(got.SrcSet, " 300w") || got.Width != 300 ||
		got.Height != 200 || got.Alt != "صورة" {
		t.Errorf("JSON answer %s", body)
	}
}

func TestMediaUploadRefused(t *testing.T) {
	const limit = 4 << 10
	tests := []struct {
		name     string
		fields   map[string]string
		filename string
		file     []byte
		status   int
		field    string
		message  string
	}{
		{"html named .jpg", nil, "photo.jpg", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), 422, "file", "نوع الملف غير مقبول"},
		{"svg with a script", nil, "image.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 422, "file", "نوع الملف غير مقبول"},
		{"just over the limit", nil, "big.jpg", append(testJPEG(t, 20, 20), make([]byte, limit)...), 413, "file", "الملف أكبر من الحجم المسموح به"},
		{"far over the limit", nil, "huge.jpg", make([]byte, 256<<10), 413, "file", "الملف أكبر من الحجم المسموح به"},
		{"no file", map[string]string{"alt": "نص"}, "", nil, 422, "file", "لم يصل أي ملف"},
		{"empty file", nil, "empty.jpg", []byte{}, 422, "file", "لم يصل أي ملف"},
		{"truncated", nil, "cut.jpg", testJPEG(t, 40, 40)[:300], 422, "file", "تعذّرت قراءة الصورة"},
		{"alt too long", map[string]string{"alt": strings.Repeat("ن", 301)}, "ok.jpg", testJPEG(t, 20, 20), 422, "alt", "النص أطول من المسموح به"},
	}
	// One server for all: nothing that is refused may leave anything.
	s := newMediaServer(t, limit)
	for _, asJSON := range []bool{true, false} {
		for _, tt := range tests {
			name := tt.name
			if asJSON {
				name += " (json)"
			}
			t.Run(name, func(t *testing.T) {
				res, body := s.upload(t, tt.fields, tt.filename, tt.file, asJSON)
				if res.StatusCode != tt.status {
					t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
				}
				if asJSON {
					var got struct{ Error, Field string }
					if err := json.Unmarshal([]byte(body), &got); err != nil {
						t.Fatalf("%v: %s", err, body)
					}
					if got.Field != tt.field || !strings.Contains(got.Error, tt.message) {
						t.Errorf("answer %+v, want field %s and %q", got, tt.field, tt.message)
					}
				} else {
					if !strings.Contains(body, tt.message) || !strings.Contains(body, `role="alert"`) {
						t.Errorf("page lacks the Arabic message %q", tt.message)
					}
					if alt := tt.fields["alt"]; alt != "" && !strings.Contains(body, `value="`+alt+`"`) {
						t.Error("the alt text typed is lost")
					}
				}
				s.nothingStored(t)
			})
		}
	}
}

func TestMediaUploadNotMultipart(t *testing.T) {
	s := newMediaServer(t, 0)
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", strings.NewReader("alt=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, _ := s.do(t, req); res.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, want 400", res.StatusCode)
	}
	s.nothingStored(t)
}
