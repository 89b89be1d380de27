// Package textdiff shows what changed between two versions of a text the way
// an editor reads it: a fixed typo as that one word, a fixed comma as that
// comma, a rewritten paragraph as that paragraph. The newsroom's revision
// comparison is built on it.
//
// The diff is a shortest edit script over tokens (words, runs of white space,
// punctuation marks), found with Myers' O(ND) algorithm and then tidied for
// reading. Texts too far apart for that to stay cheap fall back to whole
// paragraphs. On every path the Equal and Delete texts of the result
// concatenate to the old text and the Equal and Insert texts to the new one,
// byte for byte, and no Op splits a letter from its harakat.
package textdiff

import (
	"strings"
	"unicode/utf8"
)

// Kind says which version an Op's text belongs to.
type Kind int

// The kinds of Op.
const (
	Equal  Kind = iota // in both versions
	Insert             // only in the new version
	Delete             // only in the old version
)

// Op is one piece of a diff.
type Op struct {
	Kind Kind
	Text string
}

// maxEdits bounds the token-level search: two texts more than about this
// many token insertions and deletions apart are compared paragraph by
// paragraph instead, so that a pasted-over article costs milliseconds, not
// seconds, and the reader sees "this paragraph was replaced", which is all
// a word diff of it would say anyway.
const maxEdits = 2000

// Words diffs a and b by words (a word = a run of non-space runes; spaces
// and punctuation attach sensibly), returning ops whose Equal+Delete texts
// concatenate to a and Equal+Insert texts concatenate to b exactly.
//
// Between two Equal ops there is at most one Delete followed by at most one
// Insert, so a changed word inside a sentence reads as Delete "old",
// Insert "new". Identical inputs give one Equal op, or none when empty.
func Words(a, b string) []Op {
	var r recorder
	r.words(a, b)
	return r.ops(a, b)
}

// Lines diffs a and b paragraph by paragraph (a paragraph ends at "\n"),
// then word by word inside each changed paragraph and the new paragraph it
// became, which is faster than Words on long article bodies and never
// pairs words across paragraphs. A changed paragraph is matched with a new
// one only when they share enough words; otherwise it shows as deleted
// and the new one as inserted. The concatenation property of Words holds.
func Lines(a, b string) []Op {
	var r recorder
	r.lines(a, b, true)
	return r.ops(a, b)
}

// recorder collects a diff as byte-counted runs. The texts are cut only
// when the script is complete, so every Op's text is a substring of a or b.
type recorder struct{ runs []run }

func (r *recorder) add(k Kind, n int) { r.runs = appendRun(r.runs, run{k, n}) }

func (r *recorder) ops(a, b string) []Op {
	ops := make([]Op, 0, len(r.runs))
	i, j := 0, 0
	for _, x := range r.runs {
		switch x.kind {
		case Equal:
			ops = append(ops, Op{Equal, a[i : i+x.n]})
			i, j = i+x.n, j+x.n
		case Delete:
			ops = append(ops, Op{Delete, a[i : i+x.n]})
			i += x.n
		case Insert:
			ops = append(ops, Op{Insert, b[j : j+x.n]})
			j += x.n
		}
	}
	return ops
}

// words records the word diff of a against b.
func (r *recorder) words(a, b string) {
	if a == b {
		r.add(Equal, len(a))
		return
	}
	r.tokens(a, b, tokenize(a), tokenize(b))
}

// tokens records the word diff of a against b, already cut into tokens ta
// and tb.
func (r *recorder) tokens(a, b string, ta, tb []string) {
	ia, ib := intern(ta, tb)
	p, s := commonEnds(ia, ib)
	mid, ok := shortest(ia[p:len(ia)-s], ib[p:len(ib)-s], maxEdits/2)
	if !ok {
		head, tail := byteLen(ta[:p]), byteLen(ta[len(ta)-s:])
		r.add(Equal, head)
		r.lines(a[head:len(a)-tail], b[head:len(b)-tail], false)
		r.add(Equal, tail)
		return
	}
	script := make([]run, 0, len(mid)+2)
	script = appendRun(script, run{Equal, p})
	for _, x := range mid {
		script = appendRun(script, x)
	}
	script = appendRun(script, run{Equal, s})
	script = absorb(slide(group(script), ta, tb), ta)

	i, j := 0, 0
	for _, x := range script {
		switch x.kind {
		case Equal:
			r.add(Equal, byteLen(ta[i:i+x.n]))
			i, j = i+x.n, j+x.n
		case Delete:
			r.add(Delete, byteLen(ta[i:i+x.n]))
			i += x.n
		case Insert:
			r.add(Insert, byteLen(tb[j:j+x.n]))
			j += x.n
		}
	}
}

// lines records the paragraph diff of a against b; with refine, changed
// paragraphs are paired and diffed by words, without it (the fallback of
// words) each shows whole.
func (r *recorder) lines(a, b string, refine bool) {
	if a == b {
		r.add(Equal, len(a))
		return
	}
	pa, pb := paragraphs(a), paragraphs(b)
	ia, ib := intern(pa, pb)
	p, s := commonEnds(ia, ib)
	head, tail := byteLen(pa[:p]), byteLen(pa[len(pa)-s:])
	r.add(Equal, head)
	mid, ok := shortest(ia[p:len(ia)-s], ib[p:len(ib)-s], maxEdits/2)
	if !ok {
		r.add(Delete, len(a)-head-tail)
		r.add(Insert, len(b)-head-tail)
		r.add(Equal, tail)
		return
	}
	mid = group(mid)
	i, j := p, p
	for k := 0; k < len(mid); k++ {
		x := mid[k]
		if x.kind == Equal {
			r.add(Equal, byteLen(pa[i:i+x.n]))
			i, j = i+x.n, j+x.n
			continue
		}
		del, ins := 0, 0
		if x.kind == Delete {
			del = x.n
			if k+1 < len(mid) && mid[k+1].kind == Insert {
				k++
				ins = mid[k].n
			}
		} else {
			ins = x.n
		}
		r.hunk(pa[i:i+del], pb[j:j+ins], refine)
		i, j = i+del, j+ins
	}
	r.add(Equal, tail)
}

// maxPairings bounds the old×new paragraph comparisons of one hunk; a hunk
// bigger than that is a rewrite and shows whole.
const maxPairings = 10000

// hunk records olds replaced by news (paragraphs). With refine, each old
// paragraph that resembles a new one (in order) is diffed against it by
// words; the others show as whole deletions and insertions.
func (r *recorder) hunk(olds, news []string, refine bool) {
	if !refine || len(olds) == 0 || len(news) == 0 || len(olds)*len(news) > maxPairings {
		r.add(Delete, byteLen(olds))
		r.add(Insert, byteLen(news))
		return
	}
	to, tn := make([][]string, len(olds)), make([][]string, len(news))
	for i, p := range olds {
		to[i] = tokenize(p)
	}
	for j, p := range news {
		tn[j] = tokenize(p)
	}
	i, j := 0, 0
	for _, pr := range pairParagraphs(to, tn) {
		r.add(Delete, byteLen(olds[i:pr[0]]))
		r.add(Insert, byteLen(news[j:pr[1]]))
		r.tokens(olds[pr[0]], news[pr[1]], to[pr[0]], tn[pr[1]])
		i, j = pr[0]+1, pr[1]+1
	}
	r.add(Delete, byteLen(olds[i:]))
	r.add(Insert, byteLen(news[j:]))
}

// byteLen is the length of the concatenation of ss.
func byteLen(ss []string) int {
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	return n
}

// maxSlide bounds how far slide looks for a better place for an edit.
const maxSlide = 64

// slide moves each lone insertion or deletion of a grouped token script
// along the identical tokens around it to where a reader expects it: an
// inserted word takes the space after it ("الأول " rather than " الأول"),
// a deleted sentence runs from its first word to the space after its full
// stop. A shortest script is free to put it anywhere in that stretch, and
// the common-prefix trim always puts it as far right as it can go.
func slide(script []run, a, b []string) []run {
	padded := make([]run, 0, len(script)+2)
	if len(script) == 0 || script[0].kind != Equal {
		padded = append(padded, run{Equal, 0})
	}
	padded = append(padded, script...)
	if padded[len(padded)-1].kind != Equal {
		padded = append(padded, run{Equal, 0})
	}
	i, j := 0, 0
	for k := range padded {
		x := padded[k]
		if x.kind != Equal && padded[k-1].kind == Equal && padded[k+1].kind == Equal {
			toks, s := a, i
			if x.kind == Insert {
				toks, s = b, j
			}
			sh := bestShift(toks, s, s+x.n, padded[k-1].n, padded[k+1].n)
			padded[k-1].n += sh
			padded[k+1].n -= sh
			i, j = i+sh, j+sh
		}
		switch x.kind {
		case Equal:
			i, j = i+x.n, j+x.n
		case Delete:
			i += x.n
		case Insert:
			j += x.n
		}
	}
	out := make([]run, 0, len(padded))
	for _, x := range padded {
		out = appendRun(out, x)
	}
	return out
}

// bestShift returns how far (negative: left) the edit toks[s:e] can move,
// with before equal tokens on its left and after on its right, to the
// place with the best-scoring edges. Ties keep the edit where it is.
func bestShift(toks []string, s, e, before, after int) int {
	left := 0
	for left < before && left < maxSlide && toks[s-1-left] == toks[e-1-left] {
		left++
	}
	right := 0
	for right < after && right < maxSlide && toks[s+right] == toks[e+right] {
		right++
	}
	best, bestScore := 0, edgeScore(toks, s)+edgeScore(toks, e)
	for sh := -left; sh <= right; sh++ {
		if sc := edgeScore(toks, s+sh) + edgeScore(toks, e+sh); sc > bestScore {
			best, bestScore = sh, sc
		}
	}
	return best
}

// edgeScore rates the cut between toks[p-1] and toks[p] as a place for an
// edit to begin or end: the text's ends, then line breaks, then the start
// of a sentence, the start of a word, the end of a word, a punctuation
// mark, and last a cut between two non-space tokens.
func edgeScore(toks []string, p int) int {
	if p == 0 || p == len(toks) {
		return 6
	}
	prev, next := toks[p-1], toks[p]
	ps, ns := isSpaceToken(prev), isSpaceToken(next)
	switch {
	case ps && strings.Contains(prev, "\n"), ns && strings.Contains(next, "\n"):
		return 5
	case ps && !ns:
		if p >= 2 && endsSentence(toks[p-2]) {
			return 4
		}
		return 3
	case !ps && ns:
		return 2
	case isPunctToken(prev), isPunctToken(next):
		return 1
	}
	return 0
}

func firstClass(tok string) tokenClass {
	r, _ := utf8.DecodeRuneInString(tok)
	return runeClass(r)
}

func isSpaceToken(tok string) bool { return firstClass(tok) == classSpace }

func isPunctToken(tok string) bool { return firstClass(tok) == classPunct }

// endsSentence reports a token that closes a sentence.
func endsSentence(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	switch r {
	case '.', '!', '?', '؟', '۔', '…':
		return true
	}
	return false
}

// isHSpace reports white space that stays on one line.
func isHSpace(tok string) bool {
	return isSpaceToken(tok) && strings.TrimSpace(tok) == "" && !strings.Contains(tok, "\n")
}

// absorb folds a lone space between two changes into both sides of one
// change, so that three consecutive words rewritten read as Delete "a b c",
// Insert "x y z" rather than three replacements with single spaces between
// them. It only does so when the merged change still deletes and inserts
// something besides that space.
func absorb(script []run, a []string) []run {
	out := make([]run, 0, len(script))
	del, ins := 0, 0
	flush := func() {
		out = appendRun(out, run{Delete, del})
		out = appendRun(out, run{Insert, ins})
		del, ins = 0, 0
	}
	i := 0
	for k, x := range script {
		switch x.kind {
		case Delete:
			del += x.n
			i += x.n
		case Insert:
			ins += x.n
		case Equal:
			if (del > 0 || ins > 0) && x.n == 1 && isHSpace(a[i]) && k+1 < len(script) {
				nextDel, nextIns := 0, 0
				for _, y := range script[k+1 : min(k+3, len(script))] {
					if y.kind == Delete {
						nextDel = y.n
					} else if y.kind == Insert {
						nextIns = y.n
					}
				}
				if (del > 0 || nextDel > 0) && (ins > 0 || nextIns > 0) {
					del, ins = del+1, ins+1
					i++
					continue
				}
			}
			flush()
			out = appendRun(out, x)
			i += x.n
		}
	}
	flush()
	return out
}
