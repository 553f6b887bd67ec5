package tui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// Status icons. They differ in shape, not only colour, so NO_COLOR stays readable.
const (
	iconPass    = "✓"
	iconWarn    = "!"
	iconFail    = "✗"
	iconSkip    = "–"
	iconError   = "?"
	iconPending = "·"
	iconCursor  = "›"
)

// paint is a lipgloss style rendered ahead of time: the escape sequences it puts before and
// after one line of text. Views draw every frame, and a prepared prefix and suffix cost a
// fraction of Style.Render; the output is the same for single-line text.
type paint struct{ pre, post string }

func newPaint(st lipgloss.Style) paint {
	const mark = "\x00"
	out := st.Render(mark)
	i := strings.Index(out, mark)
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+len(mark):]}
}

// Render styles one line; text with line breaks is styled line by line.
func (p paint) Render(s string) string {
	if strings.IndexByte(s, '\n') >= 0 {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = p.pre + l + p.post
		}
		return strings.Join(lines, "\n")
	}
	return p.pre + s + p.post
}

// styles is every style the views use, built once per background (dark or light).
type styles struct {
	isDark bool

	app, title, version paint
	faint, subtle, bold paint
	pass, warn, fail    paint
	skip, errored       paint
	pending             paint
	selected            paint
	rule                paint
	label, value        paint
	cmd, cmdPrompt      paint
	cause               paint
	fixTitle            paint
	status, statusErr   paint
	badgeBad, badgeGood paint
	badgeUnknown        paint
	formLabel           paint
	formFocus           paint
	formErr             paint
	practice            paint
	cursor              paint
	barFull, barEmpty   paint

	running lipgloss.Style // the spinner's
	help    help.Styles
}

func newStyles(isDark bool) styles {
	ld := lipgloss.LightDark(isDark)
	var (
		fg      = ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E6E6EF"))
		muted   = ld(lipgloss.Color("#5C5C70"), lipgloss.Color("#A0A0B4"))
		faint   = ld(lipgloss.Color("#8A8A9E"), lipgloss.Color("#6C6C80"))
		accent  = ld(lipgloss.Color("#5A3FD1"), lipgloss.Color("#A99BFF"))
		green   = ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#56D37A"))
		yellow  = ld(lipgloss.Color("#9A6700"), lipgloss.Color("#E8C547"))
		red     = ld(lipgloss.Color("#C4262E"), lipgloss.Color("#FF6B6B"))
		purple  = ld(lipgloss.Color("#8250DF"), lipgloss.Color("#D2A8FF"))
		blue    = ld(lipgloss.Color("#0B5CAD"), lipgloss.Color("#79B8FF"))
		cmdBg   = ld(lipgloss.Color("#EFEFF5"), lipgloss.Color("#26263A"))
		onBadge = ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#15151E"))
	)
	base := lipgloss.NewStyle()
	fgOf := func(c color.Color) lipgloss.Style { return base.Foreground(c) }
	p := newPaint
	return styles{
		isDark:       isDark,
		app:          p(fgOf(accent).Bold(true)),
		title:        p(fgOf(fg).Bold(true)),
		version:      p(fgOf(faint)),
		faint:        p(fgOf(faint)),
		subtle:       p(fgOf(muted)),
		bold:         p(base.Bold(true)),
		pass:         p(fgOf(green).Bold(true)),
		warn:         p(fgOf(yellow).Bold(true)),
		fail:         p(fgOf(red).Bold(true)),
		skip:         p(fgOf(faint)),
		errored:      p(fgOf(purple).Bold(true)),
		pending:      p(fgOf(faint)),
		selected:     p(fgOf(fg).Bold(true)),
		rule:         p(fgOf(faint)),
		label:        p(fgOf(muted)),
		value:        p(fgOf(fg)),
		cmd:          p(fgOf(fg).Background(cmdBg)),
		cmdPrompt:    p(fgOf(accent).Background(cmdBg)),
		cause:        p(fgOf(purple)),
		fixTitle:     p(fgOf(blue)),
		status:       p(fgOf(green)),
		statusErr:    p(fgOf(red)),
		badgeBad:     p(fgOf(onBadge).Background(red).Bold(true).Padding(0, 1)),
		badgeGood:    p(fgOf(onBadge).Background(green).Bold(true).Padding(0, 1)),
		badgeUnknown: p(fgOf(onBadge).Background(purple).Bold(true).Padding(0, 1)),
		formLabel:    p(fgOf(muted)),
		formFocus:    p(fgOf(accent).Bold(true)),
		formErr:      p(fgOf(red)),
		practice:     p(fgOf(blue)),
		cursor:       p(base.Reverse(true)),
		barFull:      p(fgOf(green)),
		barEmpty:     p(fgOf(faint)),
		running:      fgOf(accent),
		help:         help.DefaultStyles(isDark),
	}
}

// icon is a status's icon, styled.
func (s *styles) icon(st steps.Status) string {
	switch st {
	case steps.Pass:
		return s.pass.Render(iconPass)
	case steps.Warn:
		return s.warn.Render(iconWarn)
	case steps.Fail:
		return s.fail.Render(iconFail)
	case steps.Skip:
		return s.skip.Render(iconSkip)
	case steps.Error:
		return s.errored.Render(iconError)
	}
	return s.pending.Render(iconPending)
}

// statusStyle colours text for a status.
func (s *styles) statusStyle(st steps.Status) paint {
	switch st {
	case steps.Pass:
		return s.pass
	case steps.Warn:
		return s.warn
	case steps.Fail:
		return s.fail
	case steps.Error:
		return s.errored
	}
	return s.skip
}

// bar draws fraction (0..1) of width cells as a solid bar on a light track.
func (s *styles) bar(fraction float64, width int) string {
	if width <= 0 {
		return ""
	}
	full := int(fraction*float64(width) + 0.5)
	full = min(max(full, 0), width)
	return s.barFull.Render(strings.Repeat("█", full)) + s.barEmpty.Render(strings.Repeat("░", width-full))
}
