package accounts

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/midad/midad/internal/news"
)

//go:embed data/common-passwords.txt
var commonList string

// common is the set of the 10,000 most common passwords, lower-cased.
var common = func() map[string]bool {
	m := make(map[string]bool, 10000)
	for line := range strings.Lines(commonList) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// CheckNewPassword is the one place a new password is judged, for the
// newsroom and the command line alike: 12 to 256 characters, not only
// spaces, at least four different characters, and not one of the 10,000
// most common passwords, even with digits or symbols added at its end
// ("password1234"). The error names the field and carries the message key.
func CheckNewPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPassword || n > MaxPassword {
		return &news.FieldError{Field: "password", Key: "user.error.password"}
	}
	if strings.TrimFunc(pw, unicode.IsSpace) == "" {
		return &news.FieldError{Field: "password", Key: "user.error.password_blank"}
	}
	distinct := map[rune]bool{}
	for _, r := range pw {
		distinct[r] = true
	}
	lower := strings.ToLower(pw)
	base := strings.TrimRightFunc(lower, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	if len(distinct) < 4 || common[lower] || common[base] {
		return &news.FieldError{Field: "password", Key: "user.error.password_common"}
	}
	return nil
}
