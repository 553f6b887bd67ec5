package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// Evidence labels for the verdict's "who" and "what", most specific first.
var (
	whoLabels      = []string{"caller", "signed in as", "identity"}
	resourceLabels = []string{"resource", "resource ID"}
	actionLabels   = []string{"data action needed", "data action"}
)

// firstEvidence is the first of labels found, in step first, then in any step.
func (m *model) firstEvidence(labels []string, first steps.StepID) string {
	for _, l := range labels {
		if v, ok := m.evidence(l, first); ok {
			return clean(v)
		}
	}
	return ""
}

// verdictScreen is the root cause in plain words, who and what it concerns, the ordered
// fixes, and the practice and waiting panels.
func (m *model) verdictScreen(room int) []string {
	var lines []string
	for _, d := range []fixDetail{allCommands, selectedCommand, selectedLine} {
		lines = m.verdictLines(d)
		if len(lines) <= room {
			break
		}
	}
	return lines
}

// fixDetail is how much of the fixes' commands the verdict shows: less on small screens.
type fixDetail int

const (
	allCommands     fixDetail = iota // every command, wrapped
	selectedCommand                  // the selected fix's command, wrapped
	selectedLine                     // the selected fix's command, one line
)

func (m *model) verdictLines(detail fixDetail) []string {
	st := &m.st
	w := m.width
	lines := []string{m.headerLine(), ""}
	if m.report == nil {
		return append(lines, st.subtle.Render("No verdict yet."))
	}
	v := m.report.Verdict
	lines = append(lines, st.bold.Render("VERDICT ")+m.verdictBadge())
	for _, l := range wrap(cleanBlock(v.Summary), w-2) {
		lines = append(lines, " "+st.title.Render(l))
	}
	lines = append(lines, "")

	kv := func(label, value string) {
		if value == "" {
			return
		}
		lines = append(lines, " "+st.label.Render(padRight(label, 7))+st.value.Render(truncate(value, w-9)))
	}
	kv("Who", m.firstEvidence(whoLabels, steps.Role))
	what := m.firstEvidence(resourceLabels, steps.Endpoint)
	if a := m.firstEvidence(actionLabels, steps.Role); a != "" {
		if what != "" {
			what += " · "
		}
		what += a
	}
	kv("What", what)
	if len(v.Also) > 0 {
		ids := make([]string, len(v.Also))
		for i, c := range v.Also {
			ids[i] = clean(string(c))
		}
		kv("Also", strings.Join(ids, ", "))
	}
	if lines[len(lines)-1] != "" {
		lines = append(lines, "")
	}

	if len(v.Fixes) > 0 {
		lines = append(lines, " "+st.bold.Render("Fixes, in order")+st.faint.Render("  c copies the selected one, 1-9 copy by number"))
		for i, f := range v.Fixes {
			sel := i == m.fixSel
			switch {
			case detail == allCommands || detail == selectedCommand && sel:
				lines = append(lines, m.fixLines(f, fmt.Sprintf("%d.", i+1), w, true, sel)...)
			case sel:
				lines = append(lines, m.fixLines(f, fmt.Sprintf("%d.", i+1), w, false, sel)...)
			default:
				lines = append(lines, m.fixLines(steps.Fix{Title: f.Title, Lang: f.Lang}, fmt.Sprintf("%d.", i+1), w, false, sel)...)
			}
		}
		lines = append(lines, "")
	}

	lines = append(lines, m.waitLines()...)
	lines = append(lines, m.practiceLines()...)
	return lines
}

// waitLines offer, or show, the live wait for a propagating role.
func (m *model) waitLines() []string {
	if !m.canWait() && !m.wait.on {
		return nil
	}
	st := &m.st
	w := m.width
	if !m.wait.on {
		return []string{
			" " + st.practice.Render(truncate("The role was assigned recently. Press w to wait: the call is retried every 15 s until it works.", w-2)),
			"",
		}
	}
	out := []string{" " + st.bold.Render("Waiting for the role to take effect") + " " + m.spin.View()}
	var parts []string
	if at := m.wait.effectiveAt; !at.IsZero() {
		if left := at.Sub(m.now); left > 0 {
			parts = append(parts, fmt.Sprintf("effective in %s (at %s)", formatDuration(left.Truncate(time.Second)), at.Format(time.TimeOnly)))
		} else {
			parts = append(parts, "should be effective now")
		}
	}
	switch {
	case m.wait.probing:
		parts = append(parts, "probing now")
	case !m.wait.nextProbe.IsZero():
		parts = append(parts, "next probe in "+formatDuration(max(m.wait.nextProbe.Sub(m.now), 0).Truncate(time.Second)))
	}
	if m.wait.lastResult != nil {
		parts = append(parts, fmt.Sprintf("probe %d: %s", m.wait.probes, clean(firstLine(m.wait.lastResult.Summary))))
	}
	for _, l := range wrap(strings.Join(parts, " · "), w-4) {
		out = append(out, "   "+st.subtle.Render(l))
	}
	if life := m.tokenLife(); life.ok {
		out = append(out, " "+m.lifeLine(life, w-2))
	}
	return append(out, "")
}

// practiceLines show, in demo mode, whether the diagnosis found the scenario's cause and
// what the scenario teaches.
func (m *model) practiceLines() []string {
	if m.scenario == nil || m.report == nil || m.running {
		return nil
	}
	st := &m.st
	w := m.width
	sc := m.scenario
	out := []string{" " + st.bold.Render("Practice: ") + st.practice.Render(clean(sc.Name))}
	got := clean(string(m.report.Verdict.Cause))
	want := clean(sc.Cause)
	switch {
	case want == "":
		out = append(out, "   "+st.subtle.Render("This scenario names no expected cause."))
	case got == want:
		out = append(out, "   "+st.pass.Render(iconPass)+" "+st.value.Render(truncate("The diagnosis matched the expected cause ("+want+").", w-6)))
	default:
		out = append(out, "   "+st.fail.Render(iconFail)+" "+st.value.Render(truncate("Expected "+want+"; the diagnosis named "+got+".", w-6)))
	}
	if t := cleanBlock(sc.Teaches); t != "" {
		for i, l := range wrap("What this teaches: "+t, w-4) {
			if i == 0 {
				l = strings.TrimPrefix(l, "What this teaches:")
				out = append(out, "   "+st.label.Render("What this teaches:")+st.value.Render(l))
				continue
			}
			out = append(out, "   "+st.value.Render(l))
		}
	}
	return out
}
