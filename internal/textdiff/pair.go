package textdiff

import "slices"

// Two paragraphs are worth diffing word by word when they share at least
// this share of their words (Dice coefficient), or when nearly all of the
// shorter one is in the longer one (a sentence added to a paragraph).
const (
	minDice        = 0.4
	minContainment = 0.75
)

// bag is the words of a paragraph as sorted numbers, one per occurrence;
// spaces and punctuation are left out, since every paragraph has them.
type bag []int32

// newBags numbers the words of all the paragraphs of a hunk at once.
func newBags(paras [][]string, ids map[string]int32) []bag {
	bags := make([]bag, len(paras))
	for i, toks := range paras {
		var b bag
		for _, t := range toks {
			if firstClass(t) != classWord {
				continue
			}
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			b = append(b, id)
		}
		slices.Sort(b)
		bags[i] = b
	}
	return bags
}

// similarity is how much two paragraphs look alike, from 0 to 1, or −1
// when they are too different to be diffed word by word.
func similarity(x, y bag) float64 {
	if len(x) == 0 || len(y) == 0 {
		return -1
	}
	common := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			common++
			i, j = i+1, j+1
		}
	}
	dice := 2 * float64(common) / float64(len(x)+len(y))
	contained := float64(common) / float64(min(len(x), len(y)))
	if dice < minDice && contained < minContainment {
		return -1
	}
	return dice
}

// pairParagraphs matches old paragraphs with the new ones they became,
// given as tokens: the order-preserving matching with the greatest total
// similarity, computed like a longest common subsequence. It returns the
// pairs as (old index, new index), in increasing order.
func pairParagraphs(olds, news [][]string) [][2]int {
	n, m := len(olds), len(news)
	ids := make(map[string]int32)
	bo, bn := newBags(olds, ids), newBags(news, ids)
	// best[i][j] is the best total for olds[i:] and news[j:]; how[i][j]
	// says which move achieves it.
	const (
		skipOld = iota
		skipNew
		pair
	)
	w := m + 1
	best := make([]float64, (n+1)*w)
	how := make([]byte, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v, h := best[(i+1)*w+j], byte(skipOld)
			if s := best[i*w+j+1]; s > v {
				v, h = s, skipNew
			}
			if sim := similarity(bo[i], bn[j]); sim >= 0 {
				if s := best[(i+1)*w+j+1] + sim; s > v {
					v, h = s, pair
				}
			}
			best[i*w+j], how[i*w+j] = v, h
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch how[i*w+j] {
		case pair:
			pairs = append(pairs, [2]int{i, j})
			i, j = i+1, j+1
		case skipNew:
			j++
		default:
			i++
		}
	}
	return pairs
}
