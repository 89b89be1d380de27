package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// Users is what the users screen needs.
type Users interface {
	Create(ctx context.Context, in accounts.NewUser) (news.User, error)
	Users(ctx context.Context) ([]news.User, error)
	SetUserDisabled(ctx context.Context, id int64, disabled bool) error
}

type usersPage struct {
	view.Base
	Me     news.User
	Users  []news.User
	Roles  []news.Role
	Form   accounts.NewUser
	Errors map[string]string
	Done   string
}

var roles = []news.Role{news.Contributor, news.AuthorRole, news.Editor, news.Admin}

// users lists the accounts with a form to add one (admins only).
func (a *Admin) users(w http.ResponseWriter, r *http.Request) {
	page, err := a.usersPage(r)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "created":
		page.Done = a.cat.T(page.Lang, "newsroom.users.created")
	case "updated":
		page.Done = a.cat.T(page.Lang, "newsroom.users.updated")
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom_users", page)
}

func (a *Admin) usersPage(r *http.Request) (usersPage, error) {
	base, err := a.page(r, "newsroom.users.title")
	if err != nil {
		return usersPage{}, err
	}
	list, err := a.accountsAdmin.Users(r.Context())
	if err != nil {
		return usersPage{}, err
	}
	return usersPage{Base: base, Me: currentUser(r), Users: list, Roles: roles, Form: accounts.NewUser{Role: news.Contributor}}, nil
}

// createUser adds an account; bad fields come back with Arabic messages,
// the password field emptied.
func (a *Admin) createUser(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	in := accounts.NewUser{
		Email: r.PostForm.Get("email"), Name: r.PostForm.Get("name"),
		Role: news.Role(r.PostForm.Get("role")), Password: r.PostForm.Get("password"),
	}
	_, err := a.accountsAdmin.Create(r.Context(), in)
	var input *accounts.InputError
	switch {
	case err == nil:
		http.Redirect(w, r, "/newsroom/users?done=created", http.StatusSeeOther)
		return
	case !errors.As(err, &input):
		a.pages.Fail(w, r, err)
		return
	}
	page, perr := a.usersPage(r)
	if perr != nil {
		a.pages.Fail(w, r, perr)
		return
	}
	in.Password = ""
	page.Form = in
	page.Errors = map[string]string{}
	for _, f := range input.Fields {
		page.Errors[f.Field] = a.cat.T(page.Lang, f.Key)
	}
	a.pages.Render(w, r, http.StatusUnprocessableEntity, "newsroom_users", page)
}

// setDisabled disables or enables an account; disabling ends its sessions.
// Admins cannot disable themselves, so a newsroom always keeps one.
func (a *Admin) setDisabled(disabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id < 1 || id == currentUser(r).ID {
			a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
			return
		}
		if err := a.accountsAdmin.SetUserDisabled(r.Context(), id, disabled); err != nil {
			a.pages.Fail(w, r, err)
			return
		}
		http.Redirect(w, r, "/newsroom/users?"+url.Values{"done": {"updated"}}.Encode(), http.StatusSeeOther)
	}
}
