package discussion

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// A form token is issued with each comment form: the article's id and the
// time, signed. On submission it tells how long the reader took, which a
// bot cannot fake without the key, and it cannot be moved to another
// article.

const tokenLen = 8 + 8 + 16

// Token issues the token for an article's comment form.
func (s *Service) Token(ctx context.Context, articleID int64) (string, error) {
	key, err := s.tokenKey(ctx)
	if err != nil {
		return "", err
	}
	return makeToken(key, articleID, s.now()), nil
}

func makeToken(key []byte, articleID int64, t time.Time) string {
	b := make([]byte, 16, tokenLen)
	binary.BigEndian.PutUint64(b[0:8], uint64(articleID))
	binary.BigEndian.PutUint64(b[8:16], uint64(t.Unix()))
	m := hmac.New(sha256.New, key)
	m.Write(b)
	b = append(b, m.Sum(nil)[:16]...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// checkToken returns how long ago the token was issued, and false if it is
// malformed, forged, for another article or from the future.
func checkToken(key []byte, token string, articleID int64, now time.Time) (time.Duration, bool) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != tokenLen {
		return 0, false
	}
	m := hmac.New(sha256.New, key)
	m.Write(b[:16])
	if !hmac.Equal(b[16:], m.Sum(nil)[:16]) {
		return 0, false
	}
	if int64(binary.BigEndian.Uint64(b[0:8])) != articleID {
		return 0, false
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(b[8:16])), 0)
	age := now.Sub(issued)
	if age < -time.Minute { // allow a little clock skew between nodes
		return 0, false
	}
	return max(age, 0), true
}
