package discussion

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

// judge decides, without storage, what a clean submission deserves: spam,
// held for moderation, or the default (pending, no reason). The reasons are
// kept on the comment for moderators.
func judge(cs news.CommentSettings, honeypot string, age time.Duration, in news.CommentInput) (news.CommentStatus, string) {
	var spam, hold []string
	if strings.TrimSpace(honeypot) != "" {
		spam = append(spam, "honeypot")
	}
	text := arabic.Fold(in.Name + "\n" + in.URL + "\n" + in.Body)
	if w, ok := matchWord(text, cs.SpamWords); ok {
		spam = append(spam, "spam_word:"+w)
	}
	if len(spam) > 0 {
		return news.CommentSpam, strings.Join(spam, ", ")
	}
	if age < time.Duration(cs.MinSeconds)*time.Second {
		hold = append(hold, "too_fast")
	}
	if n := countLinks(in.Body); n > cs.MaxLinks {
		hold = append(hold, "links:"+strconv.Itoa(n))
	}
	if w, ok := matchWord(text, cs.HoldWords); ok {
		hold = append(hold, "hold_word:"+w)
	}
	return news.CommentPending, strings.Join(hold, ", ")
}

// matchWord finds the first listed word in folded text. Like WordPress's
// lists it matches inside words, which also catches a word glued to a
// clitic (والكازينو); both sides are folded, so spelling variants match.
func matchWord(folded string, words []string) (string, bool) {
	for _, w := range words {
		fw := strings.TrimSpace(arabic.Fold(w))
		if fw != "" && strings.Contains(folded, fw) {
			return w, true
		}
	}
	return "", false
}

// Each match takes in the rest of the address, so https://www.x counts once.
var linkPattern = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s()<>«»"'،]*`)

// countLinks counts the web addresses in a comment's text.
func countLinks(s string) int {
	return len(linkPattern.FindAllStringIndex(s, -1))
}
