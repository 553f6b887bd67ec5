package tui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// statusTTL is how long a status message stays on screen.
const statusTTL = 8 * time.Second

// Update is the one place state changes. It does no I/O: work goes out as tea.Cmds and comes
// back as messages.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.now = m.clock()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.applyStyles(msg.IsDark())
		return m, nil
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case engineEventMsg:
		return m, m.onEvent(msg)
	case runDoneMsg:
		return m, m.onRunDone(msg)
	case stepRerunMsg:
		m.onRerun(msg)
		return m, nil
	case preparedMsg:
		return m, m.onPrepared(msg)
	case savedMsg:
		return m, m.onSaved(msg)
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return m, nil
	case waitTickMsg:
		if !m.wait.on || msg.wait != m.wait.id {
			return m, nil
		}
		return m, waitTick(m.wait.id)
	case probeDueMsg:
		return m, m.onProbeDue(msg)
	case probeDoneMsg:
		return m, m.onProbeDone(msg)
	}
	// Pastes go to the focused input.
	if paste, ok := msg.(tea.PasteMsg); ok {
		switch {
		case m.state == stateSetup:
			if m.form.update(paste) {
				m.form.check(m.eng.validate)
			}
		case m.state == statePicker && m.picker.filtering:
			if m.picker.filter.update(paste) {
				m.picker.refilter()
			}
		}
	}
	return m, nil
}

func (m *model) resize(w, h int) {
	m.width, m.height = max(w, 1), max(h, 1)
	m.help.SetWidth(m.width)
	m.clampScroll()
}

// busy reports whether anything is running that the spinner should show.
func (m *model) busy() bool {
	if m.running || m.state == statePreparing || m.wait.probing {
		return true
	}
	for i := range m.rows {
		if m.rows[i].rerunning {
			return true
		}
	}
	return false
}

// startSpinner starts the spinner unless it is already ticking.
func (m *model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *model) setStatus(text string, bad bool) tea.Cmd {
	m.statusSeq++
	m.status, m.statusBad = text, bad
	seq := m.statusSeq
	return tea.Tick(statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}

func (m *model) quit() tea.Cmd {
	m.quitFrom = m.state
	m.state = stateQuit
	m.stopWork()
	return tea.Quit
}

func (m *model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch m.state {
	case stateQuit:
		return nil
	case stateSetup:
		return m.onSetupKey(msg)
	case statePicker:
		return m.onPickerKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.help.ShowAll = m.showHelp
		return nil
	case key.Matches(msg, k.Explain):
		m.explain = !m.explain
		m.clampScroll()
		return nil
	}
	if m.state == statePreparing {
		return nil
	}
	switch {
	case key.Matches(msg, k.RerunAll):
		return m.startRun()
	case key.Matches(msg, k.Pick) && m.opts.Prepare != nil:
		return m.backToPicker()
	}
	switch m.state {
	case stateRunning, stateReview:
		return m.onListKey(msg)
	case stateDetail:
		return m.onDetailKey(msg)
	case stateVerdict:
		return m.onVerdictKey(msg)
	}
	return nil
}

// onListKey handles the steps list (running and review).
func (m *model) onListKey(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.onSharedKey(msg); ok {
		return cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.moveCursor(-1)
	case key.Matches(msg, k.Down):
		m.moveCursor(1)
	case key.Matches(msg, k.Open):
		m.back = m.state
		m.state = stateDetail
		m.scroll = 0
	case key.Matches(msg, k.Verdict):
		if m.report != nil && !m.running {
			m.back = m.state
			m.state = stateVerdict
		}
	case key.Matches(msg, k.Copy):
		return m.copyFix(m.focusedFix())
	case key.Matches(msg, k.Wait):
		return m.toggleWait()
	}
	return nil
}

func (m *model) onDetailKey(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.onSharedKey(msg); ok {
		return cmd
	}
	k := m.keys
	page := max(m.detailHeight()-1, 1)
	switch {
	case key.Matches(msg, k.Back):
		if m.back == stateVerdict && m.report != nil && !m.running {
			m.state = stateVerdict
		} else {
			m.state = m.listState()
		}
	case key.Matches(msg, k.Up):
		m.scroll--
	case key.Matches(msg, k.Down):
		m.scroll++
	case key.Matches(msg, k.PageDown):
		m.scroll += page
	case key.Matches(msg, k.PageUp):
		m.scroll -= page
	case key.Matches(msg, k.Next):
		m.moveCursor(1)
		m.scroll = 0
	case key.Matches(msg, k.Prev):
		m.moveCursor(-1)
		m.scroll = 0
	case key.Matches(msg, k.Verdict):
		if m.report != nil && !m.running {
			m.back = m.listState()
			m.state = stateVerdict
		}
	case key.Matches(msg, k.Copy):
		return m.copyFix(m.focusedFix())
	}
	m.clampScroll()
	return nil
}

func (m *model) onVerdictKey(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.onSharedKey(msg); ok {
		return cmd
	}
	k := m.keys
	fixes := m.verdictFixes()
	switch {
	case key.Matches(msg, k.Back):
		m.state = m.listState()
	case key.Matches(msg, k.Open):
		m.back = stateVerdict
		m.state = stateDetail
		m.scroll = 0
	case key.Matches(msg, k.Up):
		m.fixSel = max(m.fixSel-1, 0)
	case key.Matches(msg, k.Down):
		m.fixSel = min(m.fixSel+1, max(len(fixes)-1, 0))
	case key.Matches(msg, k.CopyN):
		n := int(msg.String()[0] - '1')
		if n < len(fixes) {
			m.fixSel = n
			return m.copyFix(fixes[n], true)
		}
		return m.setStatus(fmt.Sprintf("There is no fix %d.", n+1), true)
	case key.Matches(msg, k.Copy):
		if m.fixSel < len(fixes) {
			return m.copyFix(fixes[m.fixSel], true)
		}
		return m.copyFix(steps.Fix{}, false)
	case key.Matches(msg, k.Wait):
		return m.toggleWait()
	}
	return nil
}

// onSharedKey handles the actions that mean the same on the list, detail and verdict screens:
// rerun the focused step and save the report.
func (m *model) onSharedKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch k := m.keys; {
	case key.Matches(msg, k.Rerun):
		return m.rerunFocused(), true
	case key.Matches(msg, k.SaveMarkdown):
		return m.save(formatMarkdown), true
	case key.Matches(msg, k.SaveJSON):
		return m.save(formatJSON), true
	}
	return nil, false
}

// listState is the list screen for the current run: running while it runs, else review.
func (m *model) listState() state {
	if m.running {
		return stateRunning
	}
	return stateReview
}

func (m *model) moveCursor(d int) {
	if len(m.rows) == 0 {
		return
	}
	m.cursor = min(max(m.cursor+d, 0), len(m.rows)-1)
	m.follow = false
}

func (m *model) clampScroll() {
	if m.state != stateDetail {
		m.scroll = 0
		return
	}
	n := len(m.detailLines(m.width))
	m.scroll = min(max(m.scroll, 0), max(n-m.detailHeight(), 0))
}

// startRun cancels any run in flight and starts the whole diagnosis again.
func (m *model) startRun() tea.Cmd {
	if m.runCancel != nil {
		m.runCancel()
	}
	m.runID++
	ctx, cancel := context.WithCancel(m.ctx)
	m.runCancel = cancel
	ch := make(chan tea.Msg, 32)
	m.events = ch
	m.running = true
	m.report = nil
	m.wait = waiting{id: m.wait.id + 1}
	m.initRows()
	m.follow, m.cursor, m.scroll, m.fixSel = true, 0, 0, 0
	m.state = stateRunning
	done := m.res.goStarted()
	return tea.Batch(runEngine(ctx, m.eng.run, m.cfg, m.runID, ch, done), waitEvent(ch), m.startSpinner())
}

func (m *model) rowIndex(id steps.StepID) int {
	for i := range m.rows {
		if m.rows[i].info.ID == id {
			return i
		}
	}
	if id == "" {
		return -1
	}
	// A step the catalogue did not list: show it anyway.
	m.rows = append(m.rows, row{info: steps.Info{ID: id, Title: string(id)}})
	return len(m.rows) - 1
}

func (m *model) onEvent(msg engineEventMsg) tea.Cmd {
	if msg.run != m.runID || !m.running {
		return nil
	}
	next := waitEvent(m.events)
	ev := msg.ev
	switch ev.Kind {
	case steps.StepStarted:
		i := m.rowIndex(ev.Step)
		if i < 0 {
			break
		}
		r := &m.rows[i]
		r.state, r.started, r.note, r.evidence, r.result = rowRunning, m.now, "", nil, nil
	case steps.StepProgress:
		i := m.rowIndex(ev.Step)
		if i < 0 {
			break
		}
		r := &m.rows[i]
		if r.state == rowPending {
			r.state, r.started = rowRunning, m.now
		}
		if ev.Note != "" {
			r.note = ev.Note
		}
		if ev.Evidence != nil {
			r.evidence = append(r.evidence, *ev.Evidence)
		}
	case steps.StepFinished:
		if ev.Result == nil {
			break
		}
		id := ev.Result.ID
		if id == "" {
			id = ev.Step
		}
		i := m.rowIndex(id)
		if i < 0 {
			break
		}
		m.setResult(i, *ev.Result)
	case steps.RunFinished:
		if ev.Report != nil {
			m.finishRun(ev.Report, nil)
			return nil
		}
	}
	if m.follow {
		// Steps run side by side; follow the first one still running.
		for i := range m.rows {
			if m.rows[i].state == rowRunning {
				m.cursor = i
				break
			}
		}
	}
	return next
}

// setResult records a step's final result.
func (m *model) setResult(i int, res steps.Result) {
	r := &m.rows[i]
	if res.Duration == 0 && !r.started.IsZero() {
		res.Duration = m.now.Sub(r.started)
	}
	r.result = &res
	r.state = rowDone
	r.rerunning = false
}

func (m *model) onRunDone(msg runDoneMsg) tea.Cmd {
	if msg.run != m.runID || !m.running {
		return nil
	}
	m.finishRun(msg.report, msg.err)
	return nil
}

// finishRun takes the report as the truth for every step and shows the outcome.
func (m *model) finishRun(rep *steps.Report, err error) {
	m.running = false
	m.finished = m.now
	if m.runCancel != nil {
		m.runCancel()
		m.runCancel = nil
	}
	if rep != nil {
		m.report = rep
		for _, res := range rep.Steps {
			if i := m.rowIndex(res.ID); i >= 0 {
				m.setResult(i, res)
			}
		}
	}
	for i := range m.rows {
		if m.rows[i].state == rowRunning {
			m.rows[i].state = rowPending
		}
	}
	if m.follow {
		m.cursor = m.firstProblem()
	}
	if m.state == stateRunning {
		m.state = stateReview
	}
	if m.state == stateDetail {
		m.back = stateReview
	}
	switch {
	case err != nil:
		m.status, m.statusBad = err.Error(), true
	case rep == nil:
		m.status, m.statusBad = "The diagnosis was cancelled before it finished.", true
	}
}

// firstProblem is the first failing (else warning) step, or the first step.
func (m *model) firstProblem() int {
	for _, want := range []steps.Status{steps.Fail, steps.Error, steps.Warn} {
		for i := range m.rows {
			if r := m.rows[i].result; r != nil && r.Status == want {
				return i
			}
		}
	}
	return 0
}

// rerunFocused reruns the focused step alone (r).
func (m *model) rerunFocused() tea.Cmd {
	if m.running || len(m.rows) == 0 {
		return m.setStatus("Wait for the run to finish, or press R to start it again.", true)
	}
	r := &m.rows[m.cursor]
	if r.rerunning {
		return nil
	}
	r.rerunning = true
	r.started = m.now
	id := r.info.ID
	run, runOne, cfg, ctx := m.runID, m.eng.runOne, m.cfg, m.ctx
	done := m.res.goStarted()
	return tea.Batch(func() tea.Msg {
		defer done()
		res := runOne(ctx, cfg, id)
		if res.ID == "" {
			res.ID = id
		}
		return stepRerunMsg{run: run, result: res}
	}, m.startSpinner())
}

func (m *model) onRerun(msg stepRerunMsg) {
	if msg.run != m.runID {
		return
	}
	i := m.rowIndex(msg.result.ID)
	if i < 0 {
		return
	}
	m.setResult(i, msg.result)
	m.replaceInReport(*m.rows[i].result)
	m.statusSeq++
	m.status = fmt.Sprintf("Reran %q: %s.", m.rows[i].info.Title, msg.result.Status)
	m.statusBad = msg.result.Status == steps.Fail || msg.result.Status == steps.Error
}

// replaceInReport puts a rerun's result into a copy of the report (saved reports show it).
func (m *model) replaceInReport(res steps.Result) {
	if m.report == nil {
		return
	}
	rep := *m.report
	rep.Steps = append([]steps.Result(nil), rep.Steps...)
	found := false
	for i := range rep.Steps {
		if rep.Steps[i].ID == res.ID {
			rep.Steps[i], found = res, true
		}
	}
	if !found {
		rep.Steps = append(rep.Steps, res)
	}
	m.report = &rep
}

// backToPicker ends the current practice world and shows the scenarios again (P).
func (m *model) backToPicker() tea.Cmd {
	if m.runCancel != nil {
		m.runCancel()
		m.runCancel = nil
	}
	m.runID++
	m.running = false
	m.report = nil
	m.wait = waiting{id: m.wait.id + 1}
	m.scenario = nil
	m.initRows()
	m.state = statePicker
	m.picker = newPicker(m.opts.Scenarios)
	id := m.cleanupID
	m.cleanupID = 0
	res := m.res
	if id == 0 {
		return nil
	}
	return func() tea.Msg { res.runCleanup(id); return nil }
}

func (m *model) onPrepared(msg preparedMsg) tea.Cmd {
	if m.state != statePreparing {
		// The user moved on (or quit); drop this world.
		res, id := m.res, msg.cleanup
		return func() tea.Msg { res.runCleanup(id); return nil }
	}
	if msg.err != nil {
		m.state = statePicker
		return m.setStatus(fmt.Sprintf("Could not start scenario %q: %v", msg.scenario, clean(msg.err.Error())), true)
	}
	m.cfg = msg.cfg
	m.cleanupID = msg.cleanup
	m.scenario = nil
	for _, s := range m.opts.Scenarios {
		if s.Name == msg.scenario {
			sc := s
			m.scenario = &sc
		}
	}
	return m.startRun()
}

func (m *model) onSaved(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		return m.setStatus(fmt.Sprintf("Could not write %s: %v", msg.what, msg.err), true)
	}
	return m.setStatus(msg.ok, false)
}
