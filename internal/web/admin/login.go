package admin

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

type loginPage struct {
	view.Base
	Email string
	Error string
}

// deviceCookie marks a browser that signed in to an account: it lets that
// browser in while others guess at the account's password. It is only sent
// to the sign-in page.
const deviceCookie = "midad_device"

// deviceLifetime is how long a browser stays known.
const deviceLifetime = 365 * 24 * time.Hour

// maxLoginBody caps a sign-in post.
const maxLoginBody = 8 << 10

func (a *Admin) loginForm(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	base, err := a.page(r, "newsroom.login.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.pages.Render(w, r, http.StatusOK, "login", loginPage{Base: base})
}

// login signs a person in. Every failure gets the same answer, whether the
// account exists or not; a new session (and so a new id) is made at each
// sign-in.
func (a *Admin) login(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBody)
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		a.pages.ErrorPage(w, r, status, "")
		return
	}
	email := r.PostForm.Get("email")
	in := accounts.Attempt{Email: email, Password: r.PostForm.Get("password"), IP: site.ClientIP(r)}
	if c, err := r.Cookie(deviceCookie); err == nil {
		in.Device = c.Value
	}
	done, err := a.accounts.SignIn(r.Context(), in)
	if err == nil {
		name, path := a.sessionCookie(r)
		http.SetCookie(w, &http.Cookie{
			Name: name, Value: done.Token, Path: path,
			MaxAge:   int(accounts.AbsoluteTimeout / time.Second),
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil,
		})
		http.SetCookie(w, &http.Cookie{
			Name: deviceCookie, Value: done.Device, Path: "/newsroom/login",
			MaxAge:   int(deviceLifetime / time.Second),
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: a.secure || r.TLS != nil,
		})
		http.Redirect(w, r, "/newsroom/", http.StatusSeeOther)
		return
	}
	base, perr := a.page(r, "newsroom.login.title")
	if perr != nil {
		a.pages.Fail(w, r, perr)
		return
	}
	page := loginPage{Base: base, Email: email}
	status := http.StatusUnauthorized
	switch {
	case errors.Is(err, accounts.ErrInvalidCredentials):
		page.Error = a.cat.T(base.Lang, "newsroom.login.invalid")
	case errors.Is(err, accounts.ErrThrottled):
		status = http.StatusTooManyRequests
		page.Error = a.cat.T(base.Lang, "newsroom.login.throttled")
		w.Header().Set("Retry-After", strconv.Itoa(int(accounts.RetryAfter(err).Round(time.Second)/time.Second)))
	case errors.Is(err, accounts.ErrBusy):
		status = http.StatusServiceUnavailable
		page.Error = a.cat.T(base.Lang, "newsroom.login.busy")
		w.Header().Set("Retry-After", strconv.Itoa(int(accounts.RetryAfter(err)/time.Second)))
	default:
		a.pages.Fail(w, r, err)
		return
	}
	a.pages.Render(w, r, status, "login", page)
}

func (a *Admin) logout(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	name, path := a.sessionCookie(r)
	if c, err := r.Cookie(name); err == nil {
		if err := a.accounts.Logout(r.Context(), c.Value); err != nil {
			a.pages.Fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: path, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil})
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
}
