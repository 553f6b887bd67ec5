package sanitize

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "hello world", "hello world"},
		{"csi colour", "\x1b[31mred\x1b[0m", "red"},
		{"osc title bel", "a\x1b]0;pwned\x07b", "ab"},
		{"osc 52 clipboard st", "x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"},
		{"c1 csi", "a\u009b2Jb", "ab"},
		{"bidi override", "abc\u202edef\u2066g", "abcdefg"},
		{"controls", "a\x00b\x07c\rd\x7fe", "abcde"},
		{"keeps newline tab", "a\nb\tc", "a\nb\tc"},
		{"unterminated osc", "a\x1b]8;;http://x", "a"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"dcs", "a\x1bPq#0\x1b\\b", "ab"},
		{"unicode kept", "Grüße – ok", "Grüße – ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	got := Markdown("[click](http://evil) <img> | x\x1b[1m")
	want := `\[click\]\(http://evil\) \<img\> \| x`
	if got != want {
		t.Fatalf("Markdown = %q, want %q", got, want)
	}
}

func TestLine(t *testing.T) {
	if got := Line(" a\n\tb  c "); got != "a b c" {
		t.Fatalf("Line = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"\x1b[31mx", "\x1b]52;c;AA\x07", "\u202e", "a\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x9b) || strings.ContainsRune(out, '\u202e') {
			t.Fatalf("escape survived: %q -> %q", s, out)
		}
		if Text(out) != out {
			t.Fatalf("not idempotent: %q", out)
		}
	})
}
