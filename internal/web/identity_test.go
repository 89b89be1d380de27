package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

// uploadImage posts a w×h JPEG, red on its left half and blue on its
// right, to the media library as c; its id.
func (s *server) uploadImage(t *testing.T, c *http.Cookie, w, h int) int64 {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			col := color.RGBA{0xff, 0, 0, 0xff}
			if x >= w/2 {
				col = color.RGBA{0, 0, 0xff, 0xff}
			}
			m.SetRGBA(x, y, col)
		}
	}
	var img bytes.Buffer
	jpeg.Encode(&img, m, &jpeg.Options{Quality: 90})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "photo.jpg")
	fw.Write(img.Bytes())
	mw.WriteField("alt", "صورة للاختبار")
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	req.AddCookie(c)
	res, out := s.do(t, req)
	var up struct{ ID int64 }
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &up) != nil || up.ID == 0 {
		t.Fatalf("upload: %d %s", res.StatusCode, out)
	}
	return up.ID
}

// TestFocusRegeneratesCrops: the uploader moves the focal point, new crops
// are served and the old ones are gone; another contributor gets 404 and
// changes nothing; a point outside the picture gets an Arabic 422.
func TestFocusRegeneratesCrops(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	owner := s.signIn(t, "photo@example.ma", news.Contributor)
	id := s.uploadImage(t, owner, 1800, 1000)
	before, err := s.store.Image(ctx, id)
	if err != nil || len(before.Crops) != 3 {
		t.Fatalf("crops at upload: %+v, %v", before.Crops, err)
	}
	for _, c := range before.Crops {
		if res, _ := s.get(t, "GET", "/media/"+c.File); res.StatusCode != 200 {
			t.Fatalf("crop %s: %d", c.File, res.StatusCode)
		}
	}

	// The library offers the focal point form, with the point as it is.
	if _, page := s.getAs(t, owner, "/newsroom/media"); !strings.Contains(page, fmt.Sprintf(`action="/newsroom/media/%d/focus"`, id)) ||
		!strings.Contains(page, `name="focus_x" type="number" min="0" max="100" step="0.1" dir="ltr" required value="50"`) {
		t.Fatal("the library has no focal point form")
	}

	path := fmt.Sprintf("/newsroom/media/%d/focus", id)
	other := s.signIn(t, "sami@example.ma", news.Contributor)
	if res, _ := s.postAs(t, other, path, url.Values{"focus_x": {"10"}, "focus_y": {"50"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another contributor moving the focus: %d", res.StatusCode)
	}
	for _, bad := range []url.Values{{"focus_x": {"120"}, "focus_y": {"50"}}, {"focus_x": {"ten"}, "focus_y": {"50"}}, {"focus_y": {"50"}}} {
		res, body := s.postAs(t, owner, path, bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "النقطة المحورية يجب أن تكون داخل الصورة") {
			t.Errorf("focus %v: %d", bad, res.StatusCode)
		}
	}
	if im, _ := s.store.Image(ctx, id); im.FocusX != 0.5 || !slices.Equal(im.Crops, before.Crops) {
		t.Fatalf("a refused change changed the image: %+v", im)
	}

	// The square around the red left half is red.
	res, _ := s.postAs(t, owner, path, url.Values{"focus_x": {"10"}, "focus_y": {"50"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/newsroom/media?focus=1" {
		t.Fatalf("moving the focus: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	after, _ := s.store.Image(ctx, id)
	if after.FocusX != 0.1 || after.FocusY != 0.5 || len(after.Crops) != 3 {
		t.Fatalf("after: %+v", after)
	}
	for i, c := range after.Crops {
		if c.File == before.Crops[i].File {
			t.Errorf("crop %s kept its name", c.Ratio)
		}
		res, body := s.get(t, "GET", "/media/"+c.File)
		if res.StatusCode != 200 {
			t.Fatalf("new crop %s: %d", c.File, res.StatusCode)
		}
		if c.Ratio == "1:1" {
			m, err := jpeg.Decode(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if r, _, b, _ := m.At(m.Bounds().Dx()/2, m.Bounds().Dy()/2).RGBA(); r>>8 < 0xc0 || b>>8 > 0x40 {
				t.Errorf("the square around the left is not red at its centre: %v", m.At(m.Bounds().Dx()/2, m.Bounds().Dy()/2))
			}
		}
	}
	for _, c := range before.Crops {
		if res, _ := s.get(t, "GET", "/media/"+c.File); res.StatusCode != http.StatusNotFound {
			t.Errorf("old crop %s: %d, want 404", c.File, res.StatusCode)
		}
	}
	if _, page := s.getAs(t, owner, "/newsroom/media?focus=1"); !strings.Contains(page, "حُفظت النقطة المحورية") || !strings.Contains(page, `value="10"`) {
		t.Error("the library does not confirm the new point")
	}

	// An editor may move it too, and asks for JSON from the script.
	editor := s.signIn(t, "huda@example.ma", news.Editor)
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader("focus_x=90&focus_y=20"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.AddCookie(editor)
	res, body := s.do(t, req)
	var got struct {
		FocusX float64           `json:"focus_x"`
		Crops  map[string]string `json:"crops"`
	}
	if res.StatusCode != 200 || json.Unmarshal([]byte(body), &got) != nil || got.FocusX != 0.9 || len(got.Crops) != 3 {
		t.Errorf("the editor's JSON move: %d %s", res.StatusCode, body)
	}
}

// readICO parses an ICO file: its header, each directory entry, and each
// entry's PNG; the sizes it holds.
func readICO(t *testing.T, b []byte) []int {
	t.Helper()
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b) != 0 || le.Uint16(b[2:]) != 1 || le.Uint16(b[4:]) == 0 {
		t.Fatalf("not an ICO file: % x", b[:min(len(b), 16)])
	}
	var sizes []int
	for i := range int(le.Uint16(b[4:])) {
		if len(b) < 6+16*(i+1) {
			t.Fatalf("directory cut at entry %d", i)
		}
		e := b[6+16*i:]
		n, off := le.Uint32(e[8:]), le.Uint32(e[12:])
		if int(off)+int(n) > len(b) {
			t.Fatalf("entry %d points outside the file", i)
		}
		m, err := png.Decode(bytes.NewReader(b[off : off+n]))
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if m.Bounds().Dx() != int(e[0]) || m.Bounds().Dy() != int(e[1]) {
			t.Errorf("entry %d: %v, directory says %d×%d", i, m.Bounds(), e[0], e[1])
		}
		sizes = append(sizes, int(e[0]))
	}
	return sizes
}

func decodePNGSize(t *testing.T, body string) (image.Image, int, int) {
	t.Helper()
	m, err := png.Decode(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return m, m.Bounds().Dx(), m.Bounds().Dy()
}

// TestIcons: without an icon the default one answers at every address;
// the admin picks an upload as the icon and the icons follow it, square
// around its focal point, cacheable by ETag.
func TestIcons(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()

	res, body := s.get(t, "GET", "/favicon.ico")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/x-icon" || res.Header.Get("ETag") == "" {
		t.Fatalf("default favicon: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("ETag"))
	}
	if got := readICO(t, []byte(body)); !slices.Equal(got, []int{16, 32, 48}) {
		t.Errorf("favicon sizes %v", got)
	}
	defaultTag := res.Header.Get("ETag")
	req, _ := http.NewRequest("GET", s.URL+"/favicon.ico", nil)
	req.Header.Set("If-None-Match", defaultTag)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusNotModified {
		t.Errorf("favicon with its ETag: %d, want 304", res.StatusCode)
	}
	for path, size := range map[string]int{"/apple-touch-icon.png": 180, "/icon-192.png": 192, "/icon-512.png": 512} {
		res, body := s.get(t, "GET", path)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("%s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if _, w, h := decodePNGSize(t, body); w != size || h != size {
			t.Errorf("%s is %d×%d, want %d", path, w, h, size)
		}
	}
	// The default icon is drawn on the theme colour.
	_, body = s.get(t, "GET", "/apple-touch-icon.png")
	m, _, _ := decodePNGSize(t, body)
	if c := color.RGBAModel.Convert(m.At(2, 2)).(color.RGBA); c != (color.RGBA{0xb3, 0x12, 0x1f, 0xff}) {
		t.Errorf("default icon's corner %v, want the theme colour", c)
	}

	// The admin chooses an upload, its focal point on the blue right half.
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	id := s.uploadImage(t, admin, 1200, 600)
	if res, _ := s.postAs(t, admin, fmt.Sprintf("/newsroom/media/%d/focus", id), url.Values{"focus_x": {"90"}, "focus_y": {"50"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("focus: %d", res.StatusCode)
	}
	if res, body := s.postAs(t, admin, "/newsroom/settings", settingsForm(url.Values{"icon": {fmt.Sprint(id)}})); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("choosing the icon: %d %s", res.StatusCode, body)
	}
	if set, _ := s.store.Settings(ctx); set.Icon != id {
		t.Fatalf("icon setting %d, want %d", set.Icon, id)
	}
	res, body = s.get(t, "GET", "/apple-touch-icon.png")
	m, w, h := decodePNGSize(t, body)
	if w != 180 || h != 180 || res.Header.Get("ETag") == defaultTag {
		t.Fatalf("touch icon from the upload: %d×%d, ETag %s", w, h, res.Header.Get("ETag"))
	}
	if r, _, b, _ := m.At(90, 90).RGBA(); b>>8 < 0xc0 || r>>8 > 0x40 {
		t.Errorf("the icon around the right half is not blue: %v", m.At(90, 90))
	}
	res, body = s.get(t, "GET", "/favicon.ico")
	if got := readICO(t, []byte(body)); len(got) != 3 || res.Header.Get("ETag") == defaultTag {
		t.Errorf("favicon from the upload: %v, ETag %s", got, res.Header.Get("ETag"))
	}
	// Moving the focal point makes new icons.
	tag := res.Header.Get("ETag")
	s.postAs(t, admin, fmt.Sprintf("/newsroom/media/%d/focus", id), url.Values{"focus_x": {"10"}, "focus_y": {"50"}})
	res, body = s.get(t, "GET", "/apple-touch-icon.png")
	m, _, _ = decodePNGSize(t, body)
	if r, _, _, _ := m.At(90, 90).RGBA(); r>>8 < 0xc0 {
		t.Errorf("after the focus moved left, the icon is not red: %v", m.At(90, 90))
	}
	if res, _ := s.get(t, "GET", "/favicon.ico"); res.Header.Get("ETag") == tag {
		t.Error("the favicon's ETag did not change with the focal point")
	}

	// An icon whose file is gone: the default icon, never an error.
	lost := news.Image{Name: "2026/11/" + strings.Repeat("0", 32), Type: "image/jpeg", Width: 100, Height: 100,
		Variants: []news.ImageVariant{{Width: 100, Height: 100, File: "2026/11/" + strings.Repeat("0", 32) + "-100.jpg"}}}
	if err := s.store.CreateImage(ctx, &lost); err != nil {
		t.Fatal(err)
	}
	set, _ := s.store.Settings(ctx)
	set.Icon = lost.ID
	if err := s.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	res, body = s.get(t, "GET", "/favicon.ico")
	if res.StatusCode != 200 || res.Header.Get("ETag") != defaultTag {
		t.Errorf("favicon of a lost picture: %d, ETag %s, want the default %s", res.StatusCode, res.Header.Get("ETag"), defaultTag)
	}
	readICO(t, []byte(body))
}

// settingsForm is the settings screen's form as the browser sends it
// unchanged, with the given fields changed.
func settingsForm(change url.Values) url.Values {
	form := url.Values{
		"site_name": {"مداد"}, "description": {"أخبار المغرب والعالم"}, "months": {"maghreb"}, "digits": {"latin"},
		"timezone": {"Africa/Casablanca"}, "close_after_days": {"0"}, "ad-header-image": {""}, "ad-article-image": {""},
		"logo": {""}, "icon": {""}, "share_image": {""}, "social": {""}, "twitter": {""}, "locale": {"ar_MA"}, "theme_color": {"#b3121f"},
	}
	for k, v := range change {
		form[k] = v
	}
	return form
}

// TestManifest: the web app manifest names the site, right to left, with
// its icons and colour.
func TestManifest(t *testing.T) {
	s := newServer(t)
	res, body := s.get(t, "GET", "/manifest.webmanifest")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/manifest+json" || res.Header.Get("ETag") == "" {
		t.Fatalf("manifest: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var m struct {
		Name, ShortName, Dir, Lang, StartURL, Display, ThemeColor, BackgroundColor string
		Icons                                                                      []struct{ Src, Sizes, Type string }
	}
	// Field names with underscores, read by hand.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatal(err)
	}
	for key, dst := range map[string]*string{"name": &m.Name, "short_name": &m.ShortName, "dir": &m.Dir, "lang": &m.Lang,
		"start_url": &m.StartURL, "display": &m.Display, "theme_color": &m.ThemeColor, "background_color": &m.BackgroundColor} {
		if err := json.Unmarshal(raw[key], dst); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
	json.Unmarshal(raw["icons"], &m.Icons)
	if m.Name != "مداد" || m.ShortName != "مداد" || m.Dir != "rtl" || m.Lang != "ar" || m.StartURL != "/" ||
		m.Display != "standalone" || m.ThemeColor != "#b3121f" || m.BackgroundColor == "" {
		t.Errorf("manifest %+v", m)
	}
	if len(m.Icons) != 2 || m.Icons[0].Sizes != "192x192" || m.Icons[1].Sizes != "512x512" || m.Icons[1].Type != "image/png" {
		t.Fatalf("icons %+v", m.Icons)
	}
	for _, ic := range m.Icons {
		res, body := s.get(t, "GET", ic.Src)
		size := strings.Split(ic.Sizes, "x")[0]
		if _, w, _ := decodePNGSize(t, body); res.StatusCode != 200 || fmt.Sprint(w) != size {
			t.Errorf("icon %s: %d, %d px", ic.Src, res.StatusCode, w)
		}
	}
	// A new colour reaches the manifest and every page at once.
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	if res, _ := s.postAs(t, admin, "/newsroom/settings", settingsForm(url.Values{"theme_color": {"#0A7E3D"}})); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new colour: %d", res.StatusCode)
	}
	if _, body := s.get(t, "GET", "/manifest.webmanifest"); !strings.Contains(body, `"theme_color":"#0A7E3D"`) {
		t.Errorf("manifest after the change: %s", body)
	}
	if _, body := s.get(t, "GET", "/"); !strings.Contains(body, `<meta name="theme-color" content="#0A7E3D">`) {
		t.Error("the front page keeps the old colour")
	}
}

// TestHeadIcons: every kind of page links the icons and the manifest and
// says the theme colour.
func TestHeadIcons(t *testing.T) {
	s := newServer(t)
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	pages := map[string]string{}
	for _, path := range []string{"/", seedPath, "/section/sport", "/search?q=قطر", "/no-such-page"} {
		_, pages[path] = s.get(t, "GET", path)
	}
	for _, path := range []string{"/newsroom/", "/newsroom/media", "/newsroom/settings"} {
		_, pages[path] = s.getAs(t, admin, path)
	}
	for path, body := range pages {
		for _, want := range []string{`<meta name="theme-color" content="#b3121f">`, `<link rel="icon" href="/favicon.ico?v=`,
			`<link rel="apple-touch-icon" href="/apple-touch-icon.png?v=`, `<link rel="manifest" href="/manifest.webmanifest?v=`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
	}
}

// TestIdentitySettings: the admin sets the identity; bad values get their
// Arabic message beside the field, and nothing is saved.
func TestIdentitySettings(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	logo := s.uploadImage(t, admin, 600, 300)
	good := url.Values{"logo": {fmt.Sprint(logo)}, "share_image": {fmt.Sprint(logo)}, "twitter": {"@midad_ma"},
		"social": {"https://www.facebook.com/midad\n\nhttps://x.com/midad_ma\n"}, "locale": {"fr_MA"}, "theme_color": {"#123abc"}}
	if res, body := s.postAs(t, admin, "/newsroom/settings", settingsForm(good)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	set, _ := s.store.Settings(ctx)
	if set.Logo != logo || set.ShareImage != logo || set.Twitter != "@midad_ma" || set.Locale != "fr_MA" || set.ThemeColor != "#123abc" ||
		!slices.Equal(set.Social, []string{"https://www.facebook.com/midad", "https://x.com/midad_ma"}) {
		t.Fatalf("saved %+v", set)
	}
	_, page := s.getAs(t, admin, "/newsroom/settings")
	for _, want := range []string{fmt.Sprintf(`<option value="%d" selected>`, logo), `value="@midad_ma"`, "https://x.com/midad_ma</textarea>"} {
		if !strings.Contains(page, want) {
			t.Errorf("settings page lacks %s", want)
		}
	}

	for name, tt := range map[string]struct {
		field, value, message string
	}{
		"twitter without @":  {"twitter", "midad", "حساب تويتر/إكس: اكتب @ ثم الاسم"},
		"twitter too long":   {"twitter", "@abcdefghijklmnop", "حساب تويتر/إكس: اكتب @ ثم الاسم"},
		"http social link":   {"social", "http://facebook.com/midad", "روابط الحسابات: يُقبل حتى 10 روابط"},
		"script social link": {"social", "javascript:alert(1)", "روابط الحسابات: يُقبل حتى 10 روابط"},
		"eleven links":       {"social", strings.Repeat("https://x.com/a\n", 11), "روابط الحسابات: يُقبل حتى 10 روابط"},
		"colour name":        {"theme_color", "red", "لون الموقع: اكتبه على شكل"},
		"colour too short":   {"theme_color", "#fff", "لون الموقع: اكتبه على شكل"},
		"locale":             {"locale", "arabic", "لغة بطاقات المشاركة: اكتبها على شكل ar_MA"},
		"unknown image":      {"icon", "999999", "الصورة المختارة غير موجودة"},
		"image not a number": {"logo", "x", "الصورة المختارة غير موجودة"},
	} {
		res, body := s.postAs(t, admin, "/newsroom/settings", settingsForm(url.Values{tt.field: {tt.value}}))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.message) ||
			!strings.Contains(body, `id="s-`+tt.field+`-error"`) || !strings.Contains(body, "لم تُحفظ الإعدادات") {
			t.Errorf("%s: %d, the page lacks the field's Arabic message", name, res.StatusCode)
		}
		if tt.field != "social" && tt.field != "icon" && tt.field != "logo" && !strings.Contains(body, `value="`+tt.value+`"`) {
			t.Errorf("%s: the value typed is lost", name)
		}
	}
	// The last good save is what the store still holds.
	if again, _ := s.store.Settings(ctx); again.Twitter != "@midad_ma" || again.ThemeColor != "#123abc" || again.Locale != "fr_MA" ||
		again.Icon != 0 || len(again.Social) != 2 {
		t.Errorf("bad input changed the settings: %+v", again)
	}
}
