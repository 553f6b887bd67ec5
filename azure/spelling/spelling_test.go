package spelling

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"openai.azure.com", "opneai.azure.com", 2},
		{"propagation", "propogation", 1},
		{"kind", "", 4},
		{"", "role", 4},
		{"kitten", "sitting", 3},
		{strings.Repeat("a", 300), "a", 1 << 20},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
