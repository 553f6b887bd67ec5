package tui

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// clean makes text safe for one line of the screen: escape sequences are dropped, control
// characters and line breaks become spaces. The engine already sanitizes server text; this
// keeps the screen intact whatever arrives.
func clean(s string) string {
	return strings.TrimSpace(cleanWith(s, false))
}

// cleanBlock is clean for text that keeps its line breaks.
func cleanBlock(s string) string {
	return strings.TrimRight(cleanWith(s, true), "\n ")
}

func cleanWith(s string, keepNewlines bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !needsCleaning(s) {
		return s
	}
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("  ")
		case r == unicode.ReplacementChar:
			b.WriteRune(r)
		case unicode.IsControl(r), isBidi(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsCleaning(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidi(r) {
			return true
		}
	}
	return false
}

// isBidi reports the bidirectional controls that can reorder what a terminal shows.
func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// wrap breaks plain text into lines of at most width cells (words first, then hard breaks).
func wrap(s string, w int) []string {
	w = max(w, 1)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if cells(para) <= w {
			out = append(out, para)
			continue
		}
		for _, l := range strings.Split(ansi.Wrap(para, w, "/"), "\n") {
			if cells(l) > w {
				// Wrap leaves some runs of breakpoints whole; cut those hard.
				out = append(out, strings.Split(ansi.Hardwrap(l, w, true), "\n")...)
				continue
			}
			out = append(out, l)
		}
	}
	return out
}

// cells is the width of s in terminal cells; plain ASCII (the common case) is counted without the
// grapheme walk.
func cells(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// truncate cuts s (which may hold styles) to width cells, ending in "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cells(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padRight pads s (which may hold styles) with spaces to width cells.
func padRight(s string, w int) string {
	n := cells(s)
	if n >= w {
		return s
	}
	return s + strings.Repeat(" ", w-n)
}

// fit cuts a frame to the window: no line wider than width, no more than height lines.
func fit(frame string, w, h int) string {
	lines := strings.Split(strings.TrimRight(frame, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if cells(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// formatDuration rounds for people: 850ms, 1.2s, 31s, 2m13s.
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0s"
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d < time.Minute:
		return d.Round(time.Second).String()
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	return s
}
