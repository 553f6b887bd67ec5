package tui

import (
	"fmt"
)

// detailLines is the detail screen's scrollable content for the focused step.
func (m *model) detailLines(width int) []string {
	if len(m.rows) == 0 {
		return nil
	}
	return m.stepContent(&m.rows[m.cursor], width, true)
}

// detailHeight is how many content lines the detail screen shows.
func (m *model) detailHeight() int {
	return max(m.height-2-len(m.footerLines()), 1)
}

// detailScreen is one step in full: summary, evidence, why it matters, causes, fixes.
func (m *model) detailScreen(room int) []string {
	if len(m.rows) == 0 {
		return []string{m.headerLine()}
	}
	r := &m.rows[m.cursor]
	content := m.detailLines(m.width)
	h := max(room-2, 1)
	start := min(max(m.scroll, 0), max(len(content)-h, 0))
	end := min(start+h, len(content))

	title := fmt.Sprintf("Step %d of %d · %s", m.cursor+1, len(m.rows), clean(r.info.Title))
	if len(content) > h {
		title += m.st.faint.Render(fmt.Sprintf("  lines %d-%d of %d", start+1, end, len(content)))
	}
	lines := []string{m.headerLine(), m.rule(m.st.title.Render(title), m.width)}
	lines = append(lines, content[start:end]...)
	return lines
}
