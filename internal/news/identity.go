package news

import (
	"net/url"
	"regexp"
	"strings"
)

// MaxSocial is how many social profile links the settings accept.
const MaxSocial = 10

var (
	twitterPattern = regexp.MustCompile(`^@[A-Za-z0-9_]{1,15}$`)
	localePattern  = regexp.MustCompile(`^[a-z]{2}_[A-Z]{2}$`)
	colorPattern   = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// validateIdentity checks the site's identity on the web: each error is a
// *FieldError whose key explains it in the newsroom's language.
func (s Settings) validateIdentity() []error {
	var errs []error
	if len(s.Social) > MaxSocial {
		errs = append(errs, &FieldError{"social", "settings.error.social"})
	} else {
		for _, link := range s.Social {
			if !validSocial(link) {
				errs = append(errs, &FieldError{"social", "settings.error.social"})
				break
			}
		}
	}
	if s.Twitter != "" && !twitterPattern.MatchString(s.Twitter) {
		errs = append(errs, &FieldError{"twitter", "settings.error.twitter"})
	}
	if !localePattern.MatchString(s.Locale) {
		errs = append(errs, &FieldError{"locale", "settings.error.locale"})
	}
	if !colorPattern.MatchString(s.ThemeColor) {
		errs = append(errs, &FieldError{"theme_color", "settings.error.theme_color"})
	}
	for field, id := range map[string]int64{"logo": s.Logo, "icon": s.Icon, "share_image": s.ShareImage} {
		if id < 0 {
			errs = append(errs, &FieldError{field, "settings.error.image"})
		}
	}
	return errs
}

// validSocial accepts a profile's address: https, a plain host, nothing a
// page could not print as a link.
func validSocial(link string) bool {
	u, err := url.Parse(link)
	return err == nil && u.Scheme == "https" && hostPattern.MatchString(u.Host) && u.User == nil &&
		len(link) <= 500 && !strings.ContainsAny(link, " \t\r\n\"'<>")
}
