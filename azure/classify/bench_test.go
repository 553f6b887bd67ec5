package classify

import "testing"

func BenchmarkClassify(b *testing.B) {
	for b.Loop() {
		Classify(Input{Text: permNew, Status: 401})
	}
}
