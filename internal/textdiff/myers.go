package textdiff

// run is a stretch of an edit script: an Equal run covers n units of both
// texts, a Delete run n units of the old one, an Insert run n units of the
// new one. The units are tokens or paragraphs inside the diff and bytes once
// the script is turned into Ops.
type run struct {
	kind Kind
	n    int
}

// appendRun adds r to rs, merging it into the last run of the same kind
// and dropping it when empty, so scripts never hold two runs in a row of
// one kind.
func appendRun(rs []run, r run) []run {
	if r.n == 0 {
		return rs
	}
	if l := len(rs); l > 0 && rs[l-1].kind == r.kind {
		rs[l-1].n += r.n
		return rs
	}
	return append(rs, r)
}

// group rewrites a script so that between two Equal runs there is at most
// one Delete followed by at most one Insert. The deletions between two
// equal stretches are contiguous in the old text and the insertions in the
// new one, so the merge is always possible, and "old words" / "new words"
// reads better than the alternation a shortest script may take.
func group(rs []run) []run {
	out := make([]run, 0, len(rs))
	for i := 0; i < len(rs); {
		if rs[i].kind == Equal {
			out = appendRun(out, rs[i])
			i++
			continue
		}
		del, ins := 0, 0
		for ; i < len(rs) && rs[i].kind != Equal; i++ {
			if rs[i].kind == Delete {
				del += rs[i].n
			} else {
				ins += rs[i].n
			}
		}
		out = appendRun(out, run{Delete, del})
		out = appendRun(out, run{Insert, ins})
	}
	return out
}

// commonEnds returns how many leading and trailing items a and b share,
// never counting an item twice.
func commonEnds(a, b []int32) (prefix, suffix int) {
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	return prefix, suffix
}

// intern numbers the distinct strings of a and b, so that the diff compares
// integers, not strings.
func intern(a, b []string) (ia, ib []int32) {
	ids := make(map[string]int32, len(a))
	number := func(ss []string) []int32 {
		out := make([]int32, len(ss))
		for i, s := range ss {
			id, ok := ids[s]
			if !ok {
				id = int32(len(ids))
				ids[s] = id
			}
			out[i] = id
		}
		return out
	}
	return number(a), number(b)
}

// shortest finds a shortest edit script from a to b with Myers' O(ND)
// algorithm in its linear-space form: find the middle snake of an optimal
// path by searching from both ends at once, then solve the two halves the
// same way. limit bounds the search: when a and b are more than about
// 2*limit insertions and deletions apart, shortest gives up and reports
// false instead of spending O((N+M)·D) time on texts that have little in
// common.
func shortest(a, b []int32, limit int) ([]run, bool) {
	m := &myers{a: a, b: b, limit: limit}
	if !m.compare(0, len(a), 0, len(b)) {
		return nil, false
	}
	return m.script, true
}

// myers holds one search: the two sequences, the bound, the two frontier
// vectors (reused by every level of the recursion, which only needs them
// until it has found its split point) and the script so far.
type myers struct {
	a, b   []int32
	limit  int
	v1, v2 []int
	script []run
}

type bisection int

const (
	split    bisection = iota // a middle snake was found
	disjoint                  // a and b share nothing: delete one, insert the other
	tooFar                    // the search reached the limit
)

func (m *myers) add(k Kind, n int) { m.script = appendRun(m.script, run{k, n}) }

// compare appends the script for a[alo:ahi] against b[blo:bhi].
func (m *myers) compare(alo, ahi, blo, bhi int) bool {
	prefix := 0
	for alo < ahi && blo < bhi && m.a[alo] == m.b[blo] {
		alo, blo = alo+1, blo+1
		prefix++
	}
	m.add(Equal, prefix)
	suffix := 0
	for alo < ahi && blo < bhi && m.a[ahi-1] == m.b[bhi-1] {
		ahi, bhi = ahi-1, bhi-1
		suffix++
	}
	switch {
	case alo == ahi:
		m.add(Insert, bhi-blo)
	case blo == bhi:
		m.add(Delete, ahi-alo)
	default:
		x, y, res := m.bisect(alo, ahi, blo, bhi)
		switch res {
		case tooFar:
			return false
		case disjoint:
			m.add(Delete, ahi-alo)
			m.add(Insert, bhi-blo)
		case split:
			// Each half is at most as far apart as the whole search went,
			// so the same limit never stops them.
			if !m.compare(alo, x, blo, y) || !m.compare(x, ahi, y, bhi) {
				return false
			}
		}
	}
	m.add(Equal, suffix)
	return true
}

// bisect finds the middle snake of a[alo:ahi] against b[blo:bhi] and
// returns the point where its forward half ends, in whole-sequence
// coordinates. v1[k] is the furthest x the forward search has reached on
// diagonal k = x−y; v2[k] the same for the backward search, which runs on
// the reversed sequences. When the difference of the lengths is odd the
// paths can first meet during a forward step, otherwise during a backward
// one.
func (m *myers) bisect(alo, ahi, blo, bhi int) (int, int, bisection) {
	a, b := m.a[alo:ahi], m.b[blo:bhi]
	n, mm := len(a), len(b)
	maxD, limited := (n+mm+1)/2, false
	if maxD > m.limit {
		maxD, limited = m.limit, true
	}
	off, size := maxD, 2*maxD+2
	if len(m.v1) < size {
		m.v1, m.v2 = make([]int, size), make([]int, size)
	}
	v1, v2 := m.v1[:size], m.v2[:size]
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n - mm
	front := delta%2 != 0
	// Diagonals that have run off the grid are skipped from then on.
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for d := 0; d < maxD; d++ {
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			i := off + k1
			var x1 int
			if k1 == -d || (k1 != d && v1[i-1] < v1[i+1]) {
				x1 = v1[i+1]
			} else {
				x1 = v1[i-1] + 1
			}
			y1 := x1 - k1
			for x1 < n && y1 < mm && a[x1] == b[y1] {
				x1, y1 = x1+1, y1+1
			}
			v1[i] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > mm:
				k1start += 2
			case front:
				j := off + delta - k1
				if j >= 0 && j < size && v2[j] != -1 && x1 >= n-v2[j] {
					return alo + x1, blo + y1, split
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			i := off + k2
			var x2 int
			if k2 == -d || (k2 != d && v2[i-1] < v2[i+1]) {
				x2 = v2[i+1]
			} else {
				x2 = v2[i-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < mm && a[n-x2-1] == b[mm-y2-1] {
				x2, y2 = x2+1, y2+1
			}
			v2[i] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > mm:
				k2start += 2
			case !front:
				j := off + delta - k2
				if j >= 0 && j < size && v1[j] != -1 {
					x1 := v1[j]
					y1 := off + x1 - j
					if x1 >= n-x2 {
						return alo + x1, blo + y1, split
					}
				}
			}
		}
	}
	if limited {
		return 0, 0, tooFar
	}
	return 0, 0, disjoint
}
