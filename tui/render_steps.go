package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// maxTitle caps the title column of the steps list.
const maxTitle = 28

// rowIcon is a row's status icon; the spinner while it runs.
func (m *model) rowIcon(r *row) string {
	switch {
	case r.rerunning || r.state == rowRunning:
		return m.spin.View()
	case r.result != nil:
		return m.st.icon(r.result.Status)
	}
	return m.st.icon("")
}

// elapsed is a row's time: the result's duration, or the time so far while it runs.
func (m *model) elapsed(r *row) string {
	switch {
	case r.state == rowRunning || r.rerunning:
		if r.started.IsZero() {
			return ""
		}
		return formatDuration(m.now.Sub(r.started))
	case r.result != nil:
		if r.result.Status == steps.Skip && r.result.Duration == 0 {
			return ""
		}
		return formatDuration(r.result.Duration)
	}
	return ""
}

// rowSummary is the one-line live summary: the latest note while running, else the result's.
func (m *model) rowSummary(r *row) string {
	switch {
	case r.rerunning:
		return "running again…"
	case r.state == rowRunning:
		return clean(r.note)
	case r.result != nil:
		return clean(firstLine(r.result.Summary))
	case m.running:
		return "waiting"
	}
	return "not run"
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// stepRows renders the steps list at width. twoLine puts each summary under its title
// (the narrow left column of the wide layout); otherwise it follows on the same line when
// there is room.
func (m *model) stepRows(width int, twoLine bool) []string {
	titleW := 0
	for i := range m.rows {
		titleW = max(titleW, cells(clean(m.rows[i].info.Title)))
	}
	titleW = min(titleW, maxTitle, max(width-12, 4))
	out := make([]string, 0, len(m.rows)*2)
	for i := range m.rows {
		r := &m.rows[i]
		focused := i == m.cursor
		marker := "  "
		titleStyle := m.st.value
		if focused {
			marker = m.st.selected.Render(iconCursor) + " "
			titleStyle = m.st.selected
		}
		title := padRight(truncate(clean(r.info.Title), titleW), titleW)
		el := fmt.Sprintf("%6s", m.elapsed(r))
		line := marker + m.rowIcon(r) + " " + titleStyle.Render(title) + " " + m.st.faint.Render(el)
		summary := m.rowSummary(r)
		sumStyle := m.st.subtle
		if r.result != nil && !r.rerunning {
			sumStyle = m.st.statusStyle(r.result.Status)
			if r.result.Status == steps.Pass || r.result.Status == steps.Skip {
				sumStyle = m.st.subtle
			}
		}
		used := 2 + 2 + titleW + 1 + 6
		switch {
		case twoLine:
			out = append(out, line)
			out = append(out, "    "+sumStyle.Render(truncate(summary, width-4)))
		case width >= compactBelow && width-used-2 >= 10:
			out = append(out, line+"  "+sumStyle.Render(truncate(summary, width-used-2)))
		default:
			out = append(out, line)
		}
	}
	return out
}

// paneLines is the focused step's detail, cut to height lines.
func (m *model) paneLines(width, height int) []string {
	if height <= 0 || len(m.rows) == 0 {
		return nil
	}
	r := &m.rows[m.cursor]
	out := []string{m.rule(m.st.title.Render(clean(r.info.Title)), width)}
	content := m.stepContent(r, width, false)
	room := height - 1
	if len(content) > room {
		more := fmt.Sprintf("… %d more lines: enter shows all", len(content)-room+1)
		content = append(content[:max(room-1, 0)], m.st.faint.Render(truncate(more, width)))
	}
	return append(out, content...)
}

// labelWidth caps the evidence label column.
const labelWidth = 20

// stepContent is what the pane (full=false: one line per item) or the detail screen
// (full=true: everything, wrapped) shows for a step.
func (m *model) stepContent(r *row, width int, full bool) []string {
	var out []string
	st := &m.st
	width = max(width, 10)

	// What happened.
	switch {
	case r.rerunning:
		out = append(out, m.spin.View()+" "+st.subtle.Render("Running this step again…"))
	case r.state == rowRunning:
		note := clean(r.note)
		if note == "" {
			note = "Running…"
		}
		out = append(out, m.spin.View()+" "+st.subtle.Render(truncate(note, width-2)))
	case r.result != nil:
		word := strings.ToUpper(string(r.result.Status))
		summary := cleanBlock(r.result.Summary)
		if summary == "" {
			summary = "(no summary)"
		}
		lines := wrap(word+"  "+summary, width-2)
		if !full && len(lines) > 2 {
			lines = append(lines[:1], truncate(strings.Join(lines[1:], " "), width-2))
		}
		for i, l := range lines {
			prefix := "  "
			if i == 0 {
				prefix = st.icon(r.result.Status) + " "
				l = st.statusStyle(r.result.Status).Render(word) + st.value.Render(strings.TrimPrefix(l, word))
			} else {
				l = st.value.Render(l)
			}
			out = append(out, prefix+l)
		}
	case m.running:
		out = append(out, st.faint.Render("Waiting for the steps before it."))
	default:
		out = append(out, st.faint.Render("This step did not run."))
	}

	// Token lifetime.
	if r.info.ID == steps.Token {
		if life := m.tokenLife(); life.ok {
			out = append(out, m.lifeLine(life, width))
		}
	}

	// Evidence.
	ev := r.evidence
	if r.result != nil {
		ev = r.result.Evidence
	}
	if len(ev) > 0 {
		if full {
			out = append(out, "", st.bold.Render("Evidence"))
		}
		lw := 0
		for _, e := range ev {
			lw = max(lw, cells(clean(e.Label)))
		}
		lw = min(lw, labelWidth, width/3)
		for _, e := range ev {
			label := padRight(truncate(clean(e.Label), lw), lw)
			valueW := max(width-lw-4, 4)
			if !full {
				out = append(out, "  "+st.label.Render(label)+"  "+st.value.Render(truncate(clean(e.Value), valueW)))
				continue
			}
			for i, l := range wrap(cleanBlock(e.Value), valueW) {
				if i > 0 {
					label = strings.Repeat(" ", lw)
				}
				out = append(out, "  "+st.label.Render(label)+"  "+st.value.Render(l))
			}
		}
	}

	// Why the step matters.
	if why := clean(r.info.Why); why != "" && (full || m.explain) {
		if full {
			out = append(out, "", st.bold.Render("Why this step matters"))
			for _, l := range wrap(why, width-2) {
				out = append(out, "  "+st.subtle.Render(l))
			}
		} else {
			for _, l := range wrap("Why: "+why, width-2) {
				out = append(out, "  "+st.subtle.Render(l))
			}
		}
	}

	if r.result == nil || r.rerunning {
		return out
	}

	// Causes.
	if len(r.result.Causes) > 0 {
		ids := make([]string, len(r.result.Causes))
		for i, c := range r.result.Causes {
			ids[i] = clean(string(c))
		}
		if full {
			out = append(out, "")
		}
		out = append(out, "  "+st.label.Render("Causes  ")+st.cause.Render(truncate(strings.Join(ids, ", "), width-10)))
	}

	// Fixes, as commands.
	if len(r.result.Fixes) > 0 {
		if full {
			out = append(out, "", st.bold.Render("Fixes"))
		}
		for i, f := range r.result.Fixes {
			out = append(out, m.fixLines(f, fmt.Sprintf("%d.", i+1), width, full, false)...)
		}
	}
	return out
}

// fixLines renders one fix: its title after bullet, then its command, one "$ " line per
// command line (wrapped when full, else only the first line).
func (m *model) fixLines(f steps.Fix, bullet string, width int, full, selected bool) []string {
	st := &m.st
	title := clean(f.Title)
	if f.Lang != "" && f.Lang != "shell" {
		title = "[" + clean(f.Lang) + "] " + title
	}
	marker := "  "
	if selected {
		marker = st.selected.Render(iconCursor) + " "
	}
	out := []string{marker + st.fixTitle.Render(truncate(bullet+" "+title, width-2))}
	cmd := cleanBlock(f.Command)
	if cmd == "" {
		return out
	}
	indent := strings.Repeat(" ", 2+cells(bullet)+1)
	cmdW := max(width-len(indent)-2, 4)
	lines := strings.Split(cmd, "\n")
	if !full {
		l := lines[0]
		if len(lines) > 1 {
			l += " …"
		}
		return append(out, indent+st.cmdPrompt.Render("$ ")+st.cmd.Render(truncate(l, cmdW)))
	}
	for _, cl := range lines {
		for j, w := range wrap(cl, cmdW) {
			prompt := "$ "
			if j > 0 {
				prompt = "  "
			}
			out = append(out, indent+st.cmdPrompt.Render(prompt)+st.cmd.Render(w))
		}
	}
	return out
}

// lifeLine is the token's remaining lifetime as a bar.
func (m *model) lifeLine(life tokenLife, width int) string {
	st := &m.st
	var text string
	if life.left <= 0 {
		text = fmt.Sprintf("expired %s ago (at %s)", formatDuration(-life.left), life.expiresAt.Format(time.TimeOnly))
	} else {
		text = fmt.Sprintf("%s left (expires %s)", formatDuration(life.left), life.expiresAt.Format(time.TimeOnly))
	}
	barW := min(20, max(width-cells(text)-12, 0))
	bar := ""
	if barW >= 5 {
		bar = st.bar(life.fraction, barW) + " "
	}
	return "  " + st.label.Render("Token   ") + bar + st.subtle.Render(text)
}
