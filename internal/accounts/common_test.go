package accounts

import (
	"errors"
	"testing"

	"github.com/midad/midad/internal/news"
)

func TestWeakPasswordsRefused(t *testing.T) {
	for _, pw := range []string{"password1234", "Password1234!", "            ", "\t\t\t\t  \u00a0\u00a0    ", "qwertyuiop123", "123qweasdzxc",
		"aaaaaaaaaaaa", "abababababab", "sunshine2026!!", "1q2w3e4r5t6y"} {
		err := CheckNewPassword(pw)
		var fe *news.FieldError
		if !errors.As(err, &fe) || fe.Field != "password" {
			t.Errorf("%q accepted: %v", pw, err)
		}
	}
	for _, pw := range []string{"correct horse battery", "كلمة سر طويلة جداً", "Tz8!pq-Lm3#vW"} {
		if err := CheckNewPassword(pw); err != nil {
			t.Errorf("%q refused: %v", pw, err)
		}
	}
	e := newEnv(t)
	if _, err := e.svc.Create(e.ctx, NewUser{Email: "a@example.ma", Name: "سارة", Password: "password1234", Role: news.Editor}); err == nil {
		t.Error("an account was created with password1234")
	}
}
