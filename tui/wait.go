package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// probeEvery is how often the call is tried again while waiting for a role.
const probeEvery = 15 * time.Second

// Evidence labels the TUI reads times from, preferred first. Values are RFC 3339, or the
// engine's "2006-01-02 15:04:05 UTC", or "by 15:04:05 UTC (...)" for a time of day.
var (
	effectiveLabels = []string{"Effective at", "takes effect"}
	expiresLabels   = []string{"Expires at", "expires (exp)"}
	issuedLabels    = []string{"Issued at", "issued (iat)"}
)

// causeRolePropagating is the verdict that offers to wait.
const causeRolePropagating = "role-propagating"

// canWait reports whether the verdict is a role that is still propagating.
func (m *model) canWait() bool {
	return m.report != nil && !m.running && string(m.report.Verdict.Cause) == causeRolePropagating
}

// toggleWait starts or stops waiting for the role to take effect (w).
func (m *model) toggleWait() tea.Cmd {
	if m.wait.on {
		m.wait = waiting{id: m.wait.id + 1}
		return m.setStatus("Stopped waiting.", false)
	}
	if !m.canWait() {
		return m.setStatus("Waiting only helps when the verdict is role-propagating.", true)
	}
	m.wait = waiting{on: true, id: m.wait.id + 1}
	m.wait.effectiveAt, _ = m.evidenceTime(effectiveLabels, steps.Role)
	m.wait.nextProbe = m.now.Add(probeEvery)
	if !m.wait.effectiveAt.IsZero() && !m.wait.effectiveAt.After(m.now) {
		m.wait.nextProbe = m.now
	}
	m.state = stateVerdict
	return tea.Batch(waitTick(m.wait.id), probeAt(m.wait.id, m.wait.nextProbe.Sub(m.now)))
}

func waitTick(id int) tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return waitTickMsg{wait: id, at: t} })
}

func probeAt(id int, d time.Duration) tea.Cmd {
	if d <= 0 {
		return func() tea.Msg { return probeDueMsg{wait: id} }
	}
	return tea.Tick(d, func(time.Time) tea.Msg { return probeDueMsg{wait: id} })
}

func (m *model) onProbeDue(msg probeDueMsg) tea.Cmd {
	if !m.wait.on || msg.wait != m.wait.id || m.wait.probing {
		return nil
	}
	m.wait.probing = true
	id, runOne, cfg, ctx := m.wait.id, m.eng.runOne, m.cfg, m.ctx
	done := m.res.goStarted()
	return tea.Batch(func() tea.Msg {
		defer done()
		res := runOne(ctx, cfg, steps.Reproduce)
		if res.ID == "" {
			res.ID = steps.Reproduce
		}
		return probeDoneMsg{wait: id, result: res}
	}, m.startSpinner())
}

func (m *model) onProbeDone(msg probeDoneMsg) tea.Cmd {
	if !m.wait.on || msg.wait != m.wait.id {
		return nil
	}
	res := msg.result
	m.wait.probing = false
	m.wait.probes++
	m.wait.lastProbe = m.now
	m.wait.lastResult = &res
	if i := m.rowIndex(res.ID); i >= 0 {
		m.setResult(i, res)
	}
	if res.Status == steps.Pass {
		m.wait = waiting{id: m.wait.id + 1}
		status := m.setStatus("The role is effective now: the call succeeds. Running the whole diagnosis again…", false)
		return tea.Batch(status, m.startRun())
	}
	m.wait.nextProbe = m.now.Add(probeEvery)
	return probeAt(m.wait.id, probeEvery)
}

// evidenceTime finds a time under the first of labels present, in step first, then in any
// step.
func (m *model) evidenceTime(labels []string, first steps.StepID) (time.Time, bool) {
	for _, label := range labels {
		if v, ok := m.evidence(label, first); ok {
			if t, ok := parseTime(v, m.now); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// parseTime reads an evidence time: RFC 3339, "2006-01-02 15:04:05 UTC", or a time of day
// ("by 15:04:05 UTC ...") taken as the occurrence nearest to now.
func parseTime(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, true
	}
	if len(v) >= 23 {
		if t, err := time.Parse("2006-01-02 15:04:05 MST", v[:23]); err == nil {
			return t, true
		}
	}
	v = strings.TrimPrefix(v, "by ")
	if len(v) >= 12 && v[8:12] == " UTC" {
		tod, err := time.Parse("15:04:05", v[:8])
		if err != nil {
			return time.Time{}, false
		}
		n := now.UTC()
		t := time.Date(n.Year(), n.Month(), n.Day(), tod.Hour(), tod.Minute(), tod.Second(), 0, time.UTC)
		switch {
		case t.Sub(n) > 12*time.Hour:
			t = t.Add(-24 * time.Hour)
		case n.Sub(t) > 12*time.Hour:
			t = t.Add(24 * time.Hour)
		}
		return t, true
	}
	return time.Time{}, false
}

// evidence returns the value under label (case-insensitive): step first's evidence first,
// then every other step's in order.
func (m *model) evidence(label string, first steps.StepID) (string, bool) {
	lookup := func(ev []steps.Evidence) (string, bool) {
		for _, e := range ev {
			if strings.EqualFold(strings.TrimSpace(e.Label), label) && e.Value != "" {
				return e.Value, true
			}
		}
		return "", false
	}
	for pass := 0; pass < 2; pass++ {
		for i := range m.rows {
			r := &m.rows[i]
			if (pass == 0) != (r.info.ID == first) {
				continue
			}
			ev := r.evidence
			if r.result != nil {
				ev = r.result.Evidence
			}
			if v, ok := lookup(ev); ok {
				return v, true
			}
		}
	}
	return "", false
}

// tokenLife is the remaining share of the token's lifetime, for the bar.
type tokenLife struct {
	ok        bool
	expiresAt time.Time
	left      time.Duration
	fraction  float64
}

// assumedLifetime stands in for the token's lifetime when no issue time is known.
const assumedLifetime = time.Hour

func (m *model) tokenLife() tokenLife {
	exp, ok := m.evidenceTime(expiresLabels, steps.Token)
	if !ok {
		return tokenLife{}
	}
	total := assumedLifetime
	if iat, ok := m.evidenceTime(issuedLabels, steps.Token); ok && exp.After(iat) {
		total = exp.Sub(iat)
	}
	left := exp.Sub(m.now)
	f := float64(left) / float64(total)
	return tokenLife{ok: true, expiresAt: exp, left: left, fraction: min(max(f, 0), 1)}
}
