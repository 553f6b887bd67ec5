package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Layout breakpoints (columns).
const (
	wideFrom     = 100 // steps beside the detail pane
	compactBelow = 60  // one narrow column: no summaries on the rows
)

// View draws the current screen. It only reads the model.
func (m *model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "aoai-doctor"
	return v
}

// render is the frame as a string, cut to the window.
func (m *model) render() string {
	if m.state == stateQuit {
		return ""
	}
	footer := m.footerLines()
	room := max(m.height-len(footer), 0)
	var body []string
	switch m.state {
	case statePicker:
		body = m.pickerLines(room)
	case stateSetup:
		body = m.setupLines()
	case stateDetail:
		body = m.detailScreen(room)
	case stateVerdict:
		body = m.verdictScreen(room)
	default:
		body = m.listScreen(room)
	}
	// The footer sits on the last lines of the window.
	if len(body) > room {
		body = body[:room]
	}
	for len(body) < room {
		body = append(body, "")
	}
	return fit(strings.Join(append(body, footer...), "\n"), m.width, m.height)
}

// footerLines are the status line (when there is one) and the help.
func (m *model) footerLines() []string {
	var out []string
	if m.status != "" {
		st := m.st.status
		if m.statusBad {
			st = m.st.statusErr
		}
		out = append(out, st.Render(truncate(clean(m.status), m.width)))
	}
	h := m.help.View(m.helpKeys())
	out = append(out, strings.Split(h, "\n")...)
	return out
}

// headerLine names the tool and what is being diagnosed.
func (m *model) headerLine() string {
	var b strings.Builder
	b.WriteString(m.st.app.Render("aoai-doctor"))
	if m.opts.Version != "" {
		b.WriteString(" " + m.st.version.Render(clean(m.opts.Version)))
	}
	var parts []string
	if host := endpointHost(m.cfg.Endpoint); host != "" {
		parts = append(parts, host)
	}
	if m.cfg.Deployment != "" {
		parts = append(parts, clean(m.cfg.Deployment))
	}
	if m.cfg.Credential != "" {
		parts = append(parts, "credential "+clean(m.cfg.Credential))
	}
	if m.scenario != nil {
		parts = append(parts, "practice: "+clean(m.scenario.Name))
	}
	if len(parts) > 0 {
		b.WriteString(m.st.faint.Render(" · "))
		b.WriteString(m.st.subtle.Render(strings.Join(parts, " · ")))
	}
	return truncate(b.String(), m.width)
}

// endpointHost is the endpoint without scheme and trailing slash, for the header.
func endpointHost(ep string) string {
	ep = clean(ep)
	if i := strings.Index(ep, "://"); i >= 0 {
		ep = ep[i+3:]
	}
	return strings.TrimRight(ep, "/")
}

// rule is a horizontal line with a title: "── title ────".
func (m *model) rule(title string, width int) string {
	if width <= 0 {
		return ""
	}
	head := m.st.rule.Render("── ")
	title = truncate(title, max(width-4, 1))
	used := 3 + cells(title) + 1
	return head + title + " " + m.st.rule.Render(strings.Repeat("─", max(width-used, 0)))
}

// verdictBadge is the cause ID on a coloured badge.
func (m *model) verdictBadge() string {
	if m.report == nil {
		return ""
	}
	id := clean(string(m.report.Verdict.Cause))
	if id == "" {
		id = "unknown"
	}
	switch id {
	case "healthy", "not-an-error":
		return m.st.badgeGood.Render(iconPass + " " + id)
	case "unknown":
		return m.st.badgeUnknown.Render(iconError + " " + id)
	}
	return m.st.badgeBad.Render(iconFail + " " + id)
}

// listScreen is running and review: the steps, the focused step's pane, the banner.
func (m *model) listScreen(room int) []string {
	lines := []string{m.headerLine()}
	lines = append(lines, m.bannerLines()...)
	lines = append(lines, "")
	room -= len(lines)
	switch {
	case m.width >= wideFrom:
		leftW := min(48, m.width*2/5)
		rightW := m.width - leftW - 3
		left := append(m.stepRows(leftW, true), m.fixesSummary(leftW)...)
		right := m.paneLines(rightW, room)
		sep := m.st.rule.Render(" │ ")
		for i := 0; i < room && (i < len(left) || i < len(right)); i++ {
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			lines = append(lines, padRight(truncate(l, leftW), leftW)+sep+r)
		}
	default:
		rows := m.stepRows(m.width, false)
		lines = append(lines, rows...)
		lines = append(lines, "")
		lines = append(lines, m.paneLines(m.width, room-len(rows)-1)...)
	}
	return lines
}

// bannerLines: while running, the progress; afterwards, the verdict in two lines.
func (m *model) bannerLines() []string {
	if m.state == statePreparing {
		name := clean(m.preparing)
		return []string{m.spin.View() + " " + m.st.subtle.Render(truncate("Starting the local Azure emulator for "+name+"…", m.width-2))}
	}
	if m.running {
		done := 0
		for i := range m.rows {
			if m.rows[i].state == rowDone {
				done++
			}
		}
		text := fmt.Sprintf("Diagnosing… %d of %d steps done", done, len(m.rows))
		return []string{m.spin.View() + " " + m.st.subtle.Render(text)}
	}
	if m.report == nil {
		return []string{m.st.subtle.Render("No verdict: the run did not finish. Press R to run it again.")}
	}
	badge := m.verdictBadge()
	hint := m.st.faint.Render("  v: verdict and fixes")
	first := badge
	if cells(badge)+cells(hint) <= m.width {
		first += hint
	}
	summary := clean(m.report.Verdict.Summary)
	return []string{first, m.st.title.Render(truncate(summary, m.width))}
}

// fixesSummary lists the verdict's fixes by title under the steps (wide layout), with the
// practice outcome in demo mode.
func (m *model) fixesSummary(width int) []string {
	if m.report == nil || m.running {
		return nil
	}
	st := &m.st
	var out []string
	if fx := m.report.Verdict.Fixes; len(fx) > 0 {
		out = append(out, "", " "+st.bold.Render("Fixes, in order")+st.faint.Render("  v for commands"))
		for i, f := range fx {
			out = append(out, "  "+st.fixTitle.Render(truncate(fmt.Sprintf("%d. %s", i+1, clean(f.Title)), width-2)))
		}
	}
	if p := m.practiceLines(); len(p) > 0 {
		out = append(out, "")
		out = append(out, p[:min(len(p), 2)]...)
	}
	return out
}
