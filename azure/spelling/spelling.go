// Package spelling measures how far a typed name is from a known one, for "did you mean" hints.
package spelling

// maxLen bounds the inputs: longer text is never a typo of a short name, and the cost stays small.
const maxLen = 256

// Distance is the Levenshtein edit distance between a and b (bytes). Inputs longer than 256
// bytes are reported as very far apart.
func Distance(a, b string) int {
	if len(a) > maxLen || len(b) > maxLen {
		return 1 << 20
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
