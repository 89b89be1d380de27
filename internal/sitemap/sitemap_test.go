package sitemap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Images  []struct {
			Loc string `xml:"http://www.google.com/schemas/sitemap-image/1.1 loc"`
		} `xml:"http://www.google.com/schemas/sitemap-image/1.1 image"`
		News []struct {
			Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
			Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
			Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
			Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestURLSetRoundTrip(t *testing.T) {
	zone := time.FixedZone("", 3600)
	at := time.Date(2026, 11, 29, 10, 5, 0, 0, zone)
	title := "عنوان </script> \"x\" ]]> & \u202eمعكوس\u202c 🎉 <b>"
	var buf bytes.Buffer
	w := NewURLSet(&buf, DefaultLimits, true, true)
	must(t, w.URL(URL{Loc: "https://news.example.ma/article/%D8%A3?a=1&b=2", LastMod: at,
		Images: []string{"https://news.example.ma/media/x-1600.webp"}}))
	must(t, w.URL(URL{Loc: "https://news.example.ma/article/b", News: &News{Publication: "مداد & Co", Language: "ar", Published: at, Title: title}}))
	must(t, w.Close())
	if int64(buf.Len()) != w.Size() {
		t.Errorf("Size %d, wrote %d", w.Size(), buf.Len())
	}
	var got urlset
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(got.URLs) != 2 {
		t.Fatalf("%d urls", len(got.URLs))
	}
	u := got.URLs[0]
	if u.Loc != "https://news.example.ma/article/%D8%A3?a=1&b=2" || u.LastMod != "2026-11-29T10:05:00+01:00" {
		t.Errorf("first url: %+v", u)
	}
	if len(u.Images) != 1 || u.Images[0].Loc != "https://news.example.ma/media/x-1600.webp" {
		t.Errorf("image: %+v", u.Images)
	}
	n := got.URLs[1].News
	if len(n) != 1 || n[0].Title != title || n[0].Name != "مداد & Co" || n[0].Language != "ar" || n[0].Date != "2026-11-29T10:05:00+01:00" {
		t.Errorf("news: %+v", n)
	}
	if got.URLs[1].LastMod != "" {
		t.Error("a zero lastmod was written")
	}
	for _, raw := range []string{"</script>", "]]>"} {
		if strings.Contains(buf.String(), raw) {
			t.Errorf("%q written unescaped", raw)
		}
	}
}

func TestLimits(t *testing.T) {
	entry := URL{Loc: "https://e.ma/article/x", LastMod: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	w := NewURLSet(&buf, Limits{URLs: 3}, false, false)
	for range 3 {
		must(t, w.URL(entry))
	}
	if err := w.URL(entry); !errors.Is(err, ErrFull) {
		t.Errorf("fourth of three: %v", err)
	}
	must(t, w.Close())
	var got urlset
	must(t, xml.Unmarshal(buf.Bytes(), &got))
	if len(got.URLs) != 3 {
		t.Errorf("%d urls after a refused one", len(got.URLs))
	}

	// A byte limit: as many entries as PerFile says fit, and not one more.
	bound := URLBound(len(entry.Loc), 0, 0)
	l := Limits{Bytes: 2000}
	per := l.PerFile(bound)
	buf.Reset()
	w = NewURLSet(&buf, l, true, false)
	for i := range per {
		if err := w.URL(entry); err != nil {
			t.Fatalf("entry %d of %d: %v", i+1, per, err)
		}
	}
	must(t, w.Close())
	if buf.Len() > 2000 {
		t.Errorf("file of %d bytes, limit 2000", buf.Len())
	}
	buf.Reset()
	w = NewURLSet(&buf, l, true, false)
	var err error
	n := 0
	for ; err == nil; n++ {
		err = w.URL(entry)
	}
	if !errors.Is(err, ErrFull) || n-1 < per {
		t.Errorf("wrote %d before %v; PerFile promised %d", n-1, err, per)
	}

	for _, c := range []struct{ n, per, parts int }{{0, 10, 0}, {1, 10, 1}, {10, 10, 1}, {11, 10, 2}, {50_001, MaxURLs, 2}} {
		if got := Parts(c.n, c.per); got != c.parts {
			t.Errorf("Parts(%d, %d) = %d, want %d", c.n, c.per, got, c.parts)
		}
	}
	if got := DefaultLimits.PerFile(100); got != MaxURLs {
		t.Errorf("small entries: %d a file, want %d", got, MaxURLs)
	}
	if got := DefaultLimits.PerFile(2000); got >= MaxURLs || got < MaxBytes/2000-1 {
		t.Errorf("2,000-byte entries: %d a file", got)
	}
}

func TestIndex(t *testing.T) {
	var buf bytes.Buffer
	w := NewIndex(&buf, DefaultLimits)
	must(t, w.Sitemap("https://e.ma/sitemaps/news.xml", time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)))
	must(t, w.Sitemap("https://e.ma/sitemaps/taxonomies.xml", time.Time{}))
	must(t, w.Close())
	var got struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	must(t, xml.Unmarshal(buf.Bytes(), &got))
	if len(got.Sitemaps) != 2 || got.Sitemaps[0].LastMod != "2026-11-29T09:00:00Z" || got.Sitemaps[1].LastMod != "" {
		t.Errorf("index: %+v", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
