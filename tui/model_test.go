package tui

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// run executes cmd and, for a batch, each of its Cmds, returning every message. Use it only
// on Cmds that return at once (no tea.Tick, no channel reads).
func run(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(t, c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// pick returns the first message of type T.
func pick[T any](t *testing.T, msgs []tea.Msg) T {
	t.Helper()
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			return v
		}
	}
	var zero T
	t.Fatalf("no %T among %d messages", zero, len(msgs))
	return zero
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func plain(m *model) string { return ansi.Strip(m.render()) }

// finished is a model whose run has ended with rep, on the review screen.
func finished(t *testing.T, rep *steps.Report, opts Options) (*model, *testClock) {
	t.Helper()
	m, clk := testModel(t, testConfig(), opts, rep, 100, 30)
	m.Init()
	feedRun(t, m, clk, rep)
	if m.state != stateReview {
		t.Fatalf("state after the run = %v, want review", m.state)
	}
	return m, clk
}

func TestInitialState(t *testing.T) {
	prep := func(context.Context, string) (steps.Config, func(), error) { return testConfig(), nil, nil }
	tests := []struct {
		name string
		cfg  steps.Config
		opts Options
		want state
	}{
		{"complete inputs run at once", testConfig(), Options{}, stateRunning},
		{"no endpoint opens the form", steps.Config{Timeout: time.Second}, Options{}, stateSetup},
		{"bad credential opens the form", steps.Config{Endpoint: testEndpoint, Credential: "magic", Timeout: time.Second}, Options{}, stateSetup},
		{"demo without a scenario opens the picker", steps.Config{}, Options{Demo: true, Prepare: prep, Scenarios: []Scenario{{Name: "a"}}}, statePicker},
		{"demo with a scenario runs", testConfig(), Options{Demo: true, Scenarios: []Scenario{{Name: "a", Cause: "healthy"}}}, stateRunning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := testModel(t, tt.cfg, tt.opts, missingRoleReport(), 80, 24)
			if m.state != tt.want {
				t.Fatalf("state = %v, want %v", m.state, tt.want)
			}
			if tt.want == stateRunning && tt.opts.Demo && m.scenario == nil {
				t.Error("the named demo scenario was not kept for the practice panel")
			}
		})
	}
}

func TestSetupForm(t *testing.T) {
	m, _ := testModel(t, steps.Config{Deployment: "gpt-4o", Timeout: 30 * time.Second}, Options{}, missingRoleReport(), 80, 24)
	if m.state != stateSetup || m.form.err == nil {
		t.Fatalf("state %v err %v: want the form with an error", m.state, m.form.err)
	}
	if !strings.Contains(plain(m), "--endpoint") {
		t.Errorf("the validation error is not shown inline:\n%s", plain(m))
	}
	// Enter with an invalid form moves on instead of starting.
	m.Update(press("enter"))
	if m.state != stateSetup || m.form.focus != fieldCredential {
		t.Fatalf("after enter: state %v focus %v", m.state, m.form.focus)
	}
	// Credential kinds cycle with left and right.
	m.Update(press("right"))
	if got := credentialKinds[m.form.cred]; got != "cli" {
		t.Errorf("right: credential %q, want cli", got)
	}
	m.Update(press("left"))
	m.Update(press("left"))
	if got := credentialKinds[m.form.cred]; got != "token" {
		t.Errorf("left twice: credential %q, want token (wraps)", got)
	}
	m.Update(press("right"))
	// Back to the endpoint; type and paste it.
	m.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	if m.form.focus != fieldEndpoint {
		t.Fatalf("shift+tab: focus %v", m.form.focus)
	}
	for _, r := range "https://x" {
		m.Update(press(string(r)))
	}
	m.Update(press("backspace"))
	m.Update(tea.PasteMsg{Content: "contoso-ai.openai.azure.com/\x1b[31m"})
	if got := m.form.inputs[fieldEndpoint].String(); got != testEndpoint+"[31m" && got != testEndpoint {
		t.Errorf("endpoint = %q", got)
	}
	m.form.inputs[fieldEndpoint].set(testEndpoint)
	m.form.check(m.eng.validate)
	if m.form.err != nil {
		t.Fatalf("valid form reports %v", m.form.err)
	}
	cmd := mustUpdate(m, press("enter"))
	if m.state != stateRunning || !m.running {
		t.Fatalf("enter on a valid form: state %v running %v", m.state, m.running)
	}
	_ = cmd
	if m.cfg.Endpoint != testEndpoint || m.cfg.Credential != "default" || m.cfg.Deployment != "gpt-4o" || m.cfg.ScopeSet {
		t.Errorf("cfg = %+v", m.cfg)
	}
}

func TestSetupQuitIsUsageError(t *testing.T) {
	for _, k := range []string{"esc", "ctrl+c"} {
		m, _ := testModel(t, steps.Config{Timeout: time.Second}, Options{}, missingRoleReport(), 80, 24)
		_, cmd := m.Update(press(k))
		if !isQuit(cmd) || m.state != stateQuit {
			t.Fatalf("%s: no quit", k)
		}
		if got := m.exitCode(); got != 2 {
			t.Errorf("%s: exit code %d, want 2", k, got)
		}
	}
}

func TestRunStreamsIntoRowsAndPane(t *testing.T) {
	rep := missingRoleReport()
	m, clk := testModel(t, testConfig(), Options{}, rep, 100, 30)
	if cmd := m.Init(); cmd == nil {
		t.Fatal("Init returned no Cmd")
	}
	if !m.running || m.runID != 1 {
		t.Fatalf("Init did not start the run: running %v id %d", m.running, m.runID)
	}
	// Starts and the first pieces of evidence of the first step.
	evs := eventsFor(rep)
	for _, e := range evs[:len(rep.Steps)+3] {
		if cmd := mustUpdate(m, engineEventMsg{run: m.runID, ev: e}); cmd == nil {
			t.Fatal("an event did not ask for the next one")
		}
	}
	clk.now = t0.Add(1500 * time.Millisecond)
	mustUpdate(m, m.spin.Tick()) // the spinner's ticks keep the clock fresh
	r := m.rows[0]
	if r.state != rowRunning || len(r.evidence) != 3 || !strings.HasPrefix(r.note, "credential used") {
		t.Fatalf("row 0: state %v evidence %d note %q", r.state, len(r.evidence), r.note)
	}
	out := plain(m)
	for _, want := range []string{"Diagnosing", "1.5s", "credential used", "AzureCLICredential", "scope requested"} {
		if !strings.Contains(out, want) {
			t.Errorf("running view lacks %q:\n%s", want, out)
		}
	}
	// A stale run's events change nothing.
	mustUpdate(m, engineEventMsg{run: m.runID - 1, ev: steps.Event{Kind: steps.StepProgress, Step: steps.Reproduce, Note: "stale"}})
	if m.rows[0].note == "stale" {
		t.Error("a stale event was applied")
	}
	for _, e := range evs[len(rep.Steps)+3:] {
		mustUpdate(m, engineEventMsg{run: m.runID, ev: e})
	}
	if m.running || m.state != stateReview || m.report != rep {
		t.Fatalf("after RunFinished: running %v state %v", m.running, m.state)
	}
	// The runDoneMsg that follows is harmless.
	mustUpdate(m, runDoneMsg{run: m.runID, report: rep})
	if m.cursor != 0 {
		t.Errorf("cursor %d, want the first failing step", m.cursor)
	}
	if got := m.exitCode(); got != 1 {
		t.Errorf("exit code %d, want 1", got)
	}
	if !strings.Contains(plain(m), "missing-data-role") {
		t.Error("the review banner does not name the cause")
	}
}

func mustUpdate(m *model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

func TestRunDoneWithoutReport(t *testing.T) {
	m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
	m.Init()
	mustUpdate(m, runDoneMsg{run: m.runID, err: errors.New("the diagnosis stopped unexpectedly: boom")})
	if m.running || m.state != stateReview || m.report != nil {
		t.Fatalf("running %v state %v", m.running, m.state)
	}
	if !strings.Contains(m.status, "boom") || m.exitCode() != 3 {
		t.Errorf("status %q code %d", m.status, m.exitCode())
	}
}

func TestListAndDetailKeys(t *testing.T) {
	type step struct {
		key        string
		wantState  state
		wantCursor int
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"move with j k arrows", []step{{"j", stateReview, 1}, {"down", stateReview, 2}, {"k", stateReview, 1}, {"up", stateReview, 0}, {"up", stateReview, 0}}},
		{"open and close detail", []step{{"j", stateReview, 1}, {"enter", stateDetail, 1}, {"esc", stateReview, 1}}},
		{"next and previous step in detail", []step{{"enter", stateDetail, 0}, {"tab", stateDetail, 1}, {"right", stateDetail, 2}, {"left", stateDetail, 1}, {"backspace", stateReview, 1}}},
		{"verdict and back", []step{{"v", stateVerdict, 0}, {"esc", stateReview, 0}}},
		{"detail from the verdict returns to it", []step{{"v", stateVerdict, 0}, {"enter", stateDetail, 0}, {"esc", stateVerdict, 0}, {"esc", stateReview, 0}}},
		{"verdict from detail", []step{{"enter", stateDetail, 0}, {"v", stateVerdict, 0}, {"esc", stateReview, 0}}},
		{"last step stays last", []step{{"j", stateReview, 1}, {"j", stateReview, 2}, {"j", stateReview, 3}, {"j", stateReview, 4}, {"j", stateReview, 5}, {"j", stateReview, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := finished(t, missingRoleReport(), Options{})
			for i, s := range tt.steps {
				mustUpdate(m, press(s.key))
				if m.state != s.wantState || m.cursor != s.wantCursor {
					t.Fatalf("step %d (%s): state %v cursor %d, want %v %d", i, s.key, m.state, m.cursor, s.wantState, s.wantCursor)
				}
			}
		})
	}
}

func TestToggles(t *testing.T) {
	m, _ := finished(t, missingRoleReport(), Options{})
	why := "a new assignment can take up"
	m.cursor = 3
	if strings.Contains(plain(m), why) {
		t.Fatal("explanations shown before e")
	}
	mustUpdate(m, press("e"))
	if !m.explain || !strings.Contains(strings.Join(strings.Fields(plain(m)), " "), why) {
		t.Errorf("e did not show why the step matters:\n%s", plain(m))
	}
	mustUpdate(m, press("e"))
	if m.explain {
		t.Error("e did not toggle back")
	}
	mustUpdate(m, press("?"))
	if !m.showHelp || !m.help.ShowAll || !strings.Contains(plain(m), "save JSON") {
		t.Errorf("? did not show the full help:\n%s", plain(m))
	}
	mustUpdate(m, press("?"))
	if m.showHelp {
		t.Error("? did not hide the help")
	}
}

func TestDetailScroll(t *testing.T) {
	m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
	m.Init()
	feedRun(t, m, &testClock{now: t0}, missingRoleReport())
	m.cursor = 3
	mustUpdate(m, press("enter"))
	total := len(m.detailLines(m.width))
	h := m.detailHeight()
	if total <= h {
		t.Fatalf("the role step fits (%d <= %d); the test needs a longer one", total, h)
	}
	mustUpdate(m, press("k"))
	if m.scroll != 0 {
		t.Errorf("scrolled above the top: %d", m.scroll)
	}
	mustUpdate(m, press("j"))
	if m.scroll != 1 {
		t.Errorf("j: scroll %d", m.scroll)
	}
	for range 50 {
		mustUpdate(m, press("j"))
	}
	if m.scroll != total-h {
		t.Errorf("scroll %d, want the bottom %d", m.scroll, total-h)
	}
	if !strings.Contains(plain(m), "contoso-ai") {
		t.Error("the bottom of the detail is not shown")
	}
	mustUpdate(m, tea.KeyPressMsg{Code: tea.KeyPgUp})
	if m.scroll != max(total-h-(h-1), 0) {
		t.Errorf("pgup: scroll %d", m.scroll)
	}
}

func TestSaveReports(t *testing.T) {
	tests := []struct {
		key, file string
		check     func(t *testing.T, data []byte)
	}{
		{"m", markdownFile, func(t *testing.T, data []byte) {
			if !strings.Contains(string(data), "missing-data-role") {
				t.Errorf("markdown lacks the cause:\n%s", data)
			}
		}},
		{"J", jsonFile, func(t *testing.T, data []byte) {
			var doc struct {
				Verdict struct{ Cause string } `json:"verdict"`
				Steps   []json.RawMessage      `json:"steps"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Verdict.Cause != "missing-data-role" || len(doc.Steps) != 6 {
				t.Errorf("JSON: %+v", doc)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			dir := t.TempDir()
			m, _ := finished(t, missingRoleReport(), Options{SaveDir: dir})
			for _, st := range []state{stateReview, stateVerdict} {
				m.state = st
				msgs := run(t, mustUpdate(m, press(tt.key)))
				saved := pick[savedMsg](t, msgs)
				if saved.err != nil {
					t.Fatal(saved.err)
				}
				mustUpdate(m, saved)
				path := filepath.Join(dir, tt.file)
				if !strings.Contains(m.status, path) {
					t.Errorf("status %q does not say where", m.status)
				}
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want 0600", fi.Mode().Perm())
				}
				data, _ := os.ReadFile(path)
				tt.check(t, data)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
			if len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestSaveBeforeTheEnd(t *testing.T) {
	m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
	m.Init()
	mustUpdate(m, press("m"))
	if !m.statusBad || !strings.Contains(m.status, "no finished report") {
		t.Errorf("status %q", m.status)
	}
}

func clipboardText(msgs []tea.Msg) (string, bool) {
	for _, msg := range msgs {
		v := reflect.ValueOf(msg)
		if v.Kind() == reflect.String && v.Type().Name() == "setClipboardMsg" {
			return v.String(), true
		}
	}
	return "", false
}

func TestCopyFix(t *testing.T) {
	tests := []struct {
		name  string
		setup func(m *model)
		key   string
		want  string
	}{
		{"c on a step without fixes copies the verdict's first", func(m *model) { m.cursor = 0 }, "c", roleCommand},
		{"c on the role step copies its fix", func(m *model) { m.cursor = 3 }, "c", roleCommand},
		{"c in detail", func(m *model) { m.cursor = 3; m.state = stateDetail }, "c", roleCommand},
		{"c in the verdict copies the selected fix", func(m *model) { m.state = stateVerdict; m.fixSel = 1 }, "c", "Then wait up to 5 minutes for the assignment to take effect, and retry"},
		{"a number copies that fix", func(m *model) { m.state = stateVerdict }, "3", "Or in the portal: contoso-ai › Access control (IAM) › Add role assignment › Cognitive Services OpenAI User"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m, _ := finished(t, missingRoleReport(), Options{SaveDir: dir})
			tt.setup(m)
			msgs := run(t, mustUpdate(m, press(tt.key)))
			got, ok := clipboardText(msgs)
			if !ok || got != tt.want {
				t.Fatalf("clipboard %q (%v), want %q", got, ok, tt.want)
			}
			saved := pick[savedMsg](t, msgs)
			mustUpdate(m, saved)
			data, err := os.ReadFile(filepath.Join(dir, fixFile))
			if err != nil || strings.TrimSpace(string(data)) != tt.want {
				t.Errorf("fix file %q, %v", data, err)
			}
			if !strings.Contains(m.status, "clipboard") || !strings.Contains(m.status, fixFile) {
				t.Errorf("status %q", m.status)
			}
		})
	}
	t.Run("no such fix", func(t *testing.T) {
		m, _ := finished(t, missingRoleReport(), Options{})
		m.state = stateVerdict
		mustUpdate(m, press("9"))
		if !m.statusBad {
			t.Errorf("status %q", m.status)
		}
	})
}

func TestVerdictFixSelection(t *testing.T) {
	m, _ := finished(t, missingRoleReport(), Options{})
	mustUpdate(m, press("v"))
	for i, k := range []string{"j", "j", "j", "k", "up", "up", "up"} {
		mustUpdate(m, press(k))
		want := []int{1, 2, 2, 1, 0, 0, 0}[i]
		if m.fixSel != want {
			t.Fatalf("after %s: fix %d, want %d", k, m.fixSel, want)
		}
	}
}

func TestRerunOne(t *testing.T) {
	m, clk := finished(t, missingRoleReport(), Options{})
	m.cursor = 0
	clk.now = t0.Add(time.Minute)
	mustUpdate(m, press("r"))
	if !m.rows[0].rerunning || !m.busy() {
		t.Fatal("r did not mark the step as running")
	}
	if !strings.Contains(plain(m), "running again") {
		t.Error("the row does not say it runs again")
	}
	m.eng.runOne = func(context.Context, steps.Config, steps.StepID) steps.Result { return healthyResult() }
	// The Cmd captured the engine before; rebuild it with the stub in place.
	m.rows[0].rerunning = false
	cmd := mustUpdate(m, press("r"))
	msg := pick[stepRerunMsg](t, run(t, cmd))
	mustUpdate(m, msg)
	if r := m.rows[0]; r.rerunning || r.result.Status != steps.Pass {
		t.Fatalf("row 0 after the rerun: %+v", r.result)
	}
	if m.report.Steps[0].Status != steps.Pass {
		t.Error("the report does not hold the rerun's result")
	}
	if !strings.Contains(m.status, "pass") {
		t.Errorf("status %q", m.status)
	}
	// A rerun of an older run is dropped.
	m.startRun()
	mustUpdate(m, stepRerunMsg{run: m.runID - 1, result: healthyResult()})
	if m.rows[0].result != nil {
		t.Error("a stale rerun was applied")
	}
	// r while running is refused.
	mustUpdate(m, press("r"))
	if !m.statusBad {
		t.Error("r during a run was not refused")
	}
}

func TestRerunAll(t *testing.T) {
	for _, st := range []state{stateReview, stateDetail, stateVerdict, stateRunning} {
		m, _ := finished(t, missingRoleReport(), Options{})
		m.state = st
		old := m.runID
		if cmd := mustUpdate(m, press("R")); cmd == nil {
			t.Fatalf("%v: R returned no Cmd", st)
		}
		if m.runID != old+1 || !m.running || m.state != stateRunning || m.report != nil {
			t.Errorf("%v: R: id %d running %v state %v", st, m.runID, m.running, m.state)
		}
		for _, r := range m.rows {
			if r.result != nil {
				t.Errorf("%v: row %s kept its old result", st, r.info.ID)
			}
		}
	}
}

func TestQuit(t *testing.T) {
	prep := func(context.Context, string) (steps.Config, func(), error) { return testConfig(), nil, nil }
	tests := []struct {
		name     string
		key      string
		build    func(t *testing.T) *model
		wantCode int
	}{
		{"q while running", "q", func(t *testing.T) *model {
			m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
			m.Init()
			return m
		}, 3},
		{"ctrl+c while running", "ctrl+c", func(t *testing.T) *model {
			m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
			m.Init()
			return m
		}, 3},
		{"q on review", "q", func(t *testing.T) *model { m, _ := finished(t, missingRoleReport(), Options{}); return m }, 1},
		{"q on the verdict", "q", func(t *testing.T) *model {
			m, _ := finished(t, missingRoleReport(), Options{})
			m.state = stateVerdict
			return m
		}, 1},
		{"q in detail", "q", func(t *testing.T) *model {
			m, _ := finished(t, missingRoleReport(), Options{})
			m.state = stateDetail
			return m
		}, 1},
		{"q in the picker", "q", func(t *testing.T) *model {
			m, _ := testModel(t, steps.Config{}, Options{Prepare: prep, Scenarios: []Scenario{{Name: "a"}}}, missingRoleReport(), 80, 24)
			return m
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.build(t)
			runCtx := m.ctx
			_, cmd := m.Update(press(tt.key))
			if !isQuit(cmd) {
				t.Fatal("no tea.Quit")
			}
			if m.state != stateQuit || runCtx.Err() == nil {
				t.Errorf("state %v, work ctx err %v: in-flight work not cancelled", m.state, runCtx.Err())
			}
			if got := m.exitCode(); got != tt.wantCode {
				t.Errorf("exit code %d, want %d", got, tt.wantCode)
			}
			if m.render() != "" {
				t.Error("the quit screen is not empty")
			}
		})
	}
}

func TestWaitForRole(t *testing.T) {
	rep := propagatingReport()
	m, clk := finished(t, rep, Options{})
	mustUpdate(m, press("v"))
	if !m.canWait() || !strings.Contains(plain(m), "Press w to wait") {
		t.Fatalf("no offer to wait:\n%s", plain(m))
	}
	clk.now = t0
	cmd := mustUpdate(m, press("w"))
	if !m.wait.on || cmd == nil {
		t.Fatal("w did not start waiting")
	}
	if want := time.Date(2026, 3, 14, 14, 3, 0, 0, time.UTC); !m.wait.effectiveAt.Equal(want) {
		t.Errorf("effective at %v, want %v", m.wait.effectiveAt, want)
	}
	clk.now = t0.Add(10*time.Second + 3500*time.Millisecond)
	mustUpdate(m, waitTickMsg{wait: m.wait.id})
	out := plain(m)
	for _, want := range []string{"Waiting for the role", "effective in 2m46s", "next probe in 1s", "left (expires 14:52:00)"} {
		if !strings.Contains(out, want) {
			t.Errorf("wait panel lacks %q:\n%s", want, out)
		}
	}
	// A probe that still fails schedules the next one.
	calls := 0
	m.eng.runOne = func(_ context.Context, _ steps.Config, id steps.StepID) steps.Result {
		calls++
		if id != steps.Reproduce {
			t.Errorf("probe of %s", id)
		}
		if calls == 1 {
			return rep.Steps[0]
		}
		return healthyResult()
	}
	done := pick[probeDoneMsg](t, run(t, mustUpdate(m, probeDueMsg{wait: m.wait.id})))
	if !m.wait.probing {
		t.Error("not probing")
	}
	if cmd := mustUpdate(m, done); cmd == nil || !m.wait.on || m.wait.probes != 1 {
		t.Fatalf("after a failing probe: on %v probes %d", m.wait.on, m.wait.probes)
	}
	// Stale ticks and probes are ignored.
	if cmd := mustUpdate(m, probeDueMsg{wait: m.wait.id - 1}); cmd != nil {
		t.Error("a stale probe ran")
	}
	// The next probe passes: the step turns green and the diagnosis runs again.
	done = pick[probeDoneMsg](t, run(t, mustUpdate(m, probeDueMsg{wait: m.wait.id})))
	old := m.runID
	mustUpdate(m, done)
	if m.wait.on || m.runID != old+1 || m.state != stateRunning {
		t.Errorf("after the passing probe: waiting %v run %d state %v", m.wait.on, m.runID, m.state)
	}
	if !strings.Contains(m.status, "effective now") {
		t.Errorf("status %q", m.status)
	}
}

func TestWaitToggleAndRefusal(t *testing.T) {
	m, _ := finished(t, missingRoleReport(), Options{})
	mustUpdate(m, press("w"))
	if m.wait.on || !m.statusBad {
		t.Error("w waited although the verdict is not role-propagating")
	}
	m, _ = finished(t, propagatingReport(), Options{})
	mustUpdate(m, press("w"))
	if !m.wait.on || m.state != stateVerdict {
		t.Fatal("w from review did not wait on the verdict screen")
	}
	mustUpdate(m, press("w"))
	if m.wait.on {
		t.Error("a second w did not stop waiting")
	}
	if cmd := mustUpdate(m, waitTickMsg{wait: m.wait.id}); cmd != nil {
		t.Error("ticks go on after waiting stopped")
	}
}

func TestPracticeMode(t *testing.T) {
	scenarios := []Scenario{
		{Name: "healthy", Description: "Everything is set up right", Cause: "healthy", Teaches: "What a working setup looks like."},
		{Name: "owner-is-not-enough", Description: "The developer is Owner of the subscription", Cause: "missing-data-role", Teaches: "Owner does not grant data-plane access."},
		{Name: "new-role", Description: "A role was assigned a minute ago", Cause: "role-propagating", Teaches: "Assignments take minutes."},
	}
	var prepared []string
	cleaned := 0
	prep := func(_ context.Context, name string) (steps.Config, func(), error) {
		prepared = append(prepared, name)
		if name == "broken" {
			return steps.Config{}, nil, errors.New("no such world")
		}
		return testConfig(), func() { cleaned++ }, nil
	}
	m, clk := testModel(t, steps.Config{}, Options{Demo: true, Prepare: prep, Scenarios: scenarios}, missingRoleReport(), 80, 24)
	out := plain(m)
	if !strings.Contains(out, "owner-is-not-enough") || !strings.Contains(out, "Owner of the subscription") {
		t.Fatalf("picker:\n%s", out)
	}
	if strings.Contains(out, "missing-data-role") {
		t.Error("the picker gives the expected cause away")
	}
	// Filter to one scenario.
	mustUpdate(m, press("/"))
	for _, r := range "owner" {
		mustUpdate(m, press(string(r)))
	}
	if len(m.picker.shown) != 1 {
		t.Fatalf("filter matched %d", len(m.picker.shown))
	}
	mustUpdate(m, press("esc"))
	if len(m.picker.shown) != 3 {
		t.Fatalf("esc did not clear the filter: %d", len(m.picker.shown))
	}
	mustUpdate(m, press("/"))
	for _, r := range "owner" {
		mustUpdate(m, press(string(r)))
	}
	mustUpdate(m, press("enter")) // leaves the filter
	if m.picker.filtering || m.state != statePicker {
		t.Fatal("enter did not leave the filter")
	}
	msgs := run(t, mustUpdate(m, press("enter")))
	if m.state != statePreparing || !strings.Contains(plain(m), "Starting the local Azure emulator") {
		t.Fatalf("state %v:\n%s", m.state, plain(m))
	}
	p := pick[preparedMsg](t, msgs)
	if p.scenario != "owner-is-not-enough" || p.err != nil || p.cleanup == 0 {
		t.Fatalf("prepared %+v", p)
	}
	mustUpdate(m, p)
	if m.state != stateRunning || m.scenario == nil || m.scenario.Name != "owner-is-not-enough" {
		t.Fatalf("state %v scenario %+v", m.state, m.scenario)
	}
	feedRun(t, m, clk, missingRoleReport())
	mustUpdate(m, press("v"))
	out = strings.Join(strings.Fields(plain(m)), " ")
	for _, want := range []string{"Practice: owner-is-not-enough", "matched the expected cause (missing-data-role)", "Owner does not grant data-plane access."} {
		if !strings.Contains(out, want) {
			t.Errorf("verdict lacks %q:\n%s", want, plain(m))
		}
	}
	// P goes back to the picker and ends this world.
	run(t, mustUpdate(m, press("P")))
	if m.state != statePicker || cleaned != 1 || m.scenario != nil {
		t.Fatalf("P: state %v cleaned %d", m.state, cleaned)
	}
	// A world that fails to start says so and stays on the picker.
	m.opts.Scenarios = append(m.opts.Scenarios, Scenario{Name: "broken"})
	m.picker = newPicker(m.opts.Scenarios)
	m.picker.cursor = 3
	p = pick[preparedMsg](t, run(t, mustUpdate(m, press("enter"))))
	mustUpdate(m, p)
	if m.state != statePicker || !strings.Contains(m.status, "no such world") {
		t.Errorf("state %v status %q", m.state, m.status)
	}
}

func TestPracticeMismatch(t *testing.T) {
	m, _ := finished(t, missingRoleReport(), Options{Demo: true, Scenarios: []Scenario{{Name: "x", Cause: "wrong-tenant"}}})
	m.state = stateVerdict
	if out := plain(m); !strings.Contains(out, "Expected wrong-tenant; the diagnosis named missing-data-role") {
		t.Errorf("verdict:\n%s", out)
	}
}

func TestPreparedAfterLeavingRunsCleanup(t *testing.T) {
	prep := func(context.Context, string) (steps.Config, func(), error) { return testConfig(), nil, nil }
	m, _ := testModel(t, steps.Config{}, Options{Prepare: prep, Scenarios: []Scenario{{Name: "a"}}}, missingRoleReport(), 80, 24)
	cleaned := false
	id := m.res.addCleanup(func() { cleaned = true })
	run(t, mustUpdate(m, preparedMsg{scenario: "a", cleanup: id}))
	if !cleaned || m.state != statePicker {
		t.Errorf("cleaned %v state %v", cleaned, m.state)
	}
}

func TestResourcesClose(t *testing.T) {
	r := newResources()
	n := 0
	r.addCleanup(func() { n++ })
	done := r.goStarted()
	done()
	done() // twice is harmless
	r.close()
	if n != 1 {
		t.Fatalf("cleanups run %d times", n)
	}
	r.addCleanup(func() { n++ }) // after close: at once
	r.close()
	if n != 2 {
		t.Fatalf("late cleanup run %d", n)
	}
}

func TestBackgroundColourRebuildsStyles(t *testing.T) {
	m, _ := finished(t, missingRoleReport(), Options{})
	dark := m.render()
	mustUpdate(m, lightBackground)
	if m.isDark || m.st.isDark {
		t.Fatal("a light background kept dark styles")
	}
	light := m.render()
	if dark == light {
		t.Error("light and dark frames are identical")
	}
	if ansi.Strip(dark) != ansi.Strip(light) {
		t.Error("the theme changed the layout")
	}
	mustUpdate(m, darkBackground)
	if m.render() != dark {
		t.Error("back to dark does not give the dark frame")
	}
}

func TestSpinnerStopsWhenIdle(t *testing.T) {
	m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
	m.Init()
	tick := m.spin.Tick()
	if cmd := mustUpdate(m, tick); cmd == nil {
		t.Fatal("the spinner does not tick while running")
	}
	feedRun(t, m, &testClock{now: t0}, missingRoleReport())
	if cmd := mustUpdate(m, m.spin.Tick()); cmd != nil || m.spinning {
		t.Error("the spinner ticks on when nothing runs")
	}
}

func TestEveryScreenFitsTheWindow(t *testing.T) {
	sizes := [][2]int{{20, 6}, {40, 12}, {59, 20}, {60, 24}, {80, 24}, {99, 30}, {100, 30}, {120, 40}, {200, 60}}
	screens := []struct {
		name  string
		build func(t *testing.T) *model
	}{
		{"setup", func(t *testing.T) *model {
			m, _ := testModel(t, steps.Config{Timeout: time.Second}, Options{}, missingRoleReport(), 80, 24)
			return m
		}},
		{"picker", func(t *testing.T) *model {
			prep := func(context.Context, string) (steps.Config, func(), error) { return testConfig(), nil, nil }
			sc := []Scenario{{Name: "a-very-long-scenario-name-that-goes-on", Description: strings.Repeat("words ", 40)}, {Name: "b"}, {Name: "c"}, {Name: "d"}, {Name: "e"}}
			m, _ := testModel(t, steps.Config{}, Options{Prepare: prep, Scenarios: sc}, missingRoleReport(), 80, 24)
			return m
		}},
		{"running", func(t *testing.T) *model {
			m, _ := testModel(t, testConfig(), Options{}, missingRoleReport(), 80, 24)
			m.Init()
			for _, e := range eventsFor(missingRoleReport())[:15] {
				mustUpdate(m, engineEventMsg{run: m.runID, ev: e})
			}
			return m
		}},
		{"review", func(t *testing.T) *model { m, _ := finished(t, missingRoleReport(), Options{}); return m }},
		{"detail", func(t *testing.T) *model {
			m, _ := finished(t, missingRoleReport(), Options{})
			m.cursor, m.state = 3, stateDetail
			return m
		}},
		{"verdict", func(t *testing.T) *model {
			m, _ := finished(t, missingRoleReport(), Options{Demo: true, Scenarios: []Scenario{{Name: "x", Cause: "missing-data-role", Teaches: strings.Repeat("lesson ", 30)}}})
			m.state = stateVerdict
			return m
		}},
		{"waiting", func(t *testing.T) *model {
			m, _ := finished(t, propagatingReport(), Options{})
			mustUpdate(m, press("w"))
			return m
		}},
		{"full help", func(t *testing.T) *model {
			m, _ := finished(t, missingRoleReport(), Options{})
			mustUpdate(m, press("?"))
			return m
		}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			m := sc.build(t)
			for _, sz := range sizes {
				mustUpdate(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				frame := m.View().Content
				lines := strings.Split(frame, "\n")
				if len(lines) > sz[1] {
					t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("%dx%d: line %d is %d wide: %q", sz[0], sz[1], i, w, ansi.Strip(l))
					}
				}
			}
		})
	}
}

func TestViewDeclaresAltScreen(t *testing.T) {
	m, _ := finished(t, missingRoleReport(), Options{})
	v := m.View()
	if !v.AltScreen || v.WindowTitle != "aoai-doctor" {
		t.Errorf("view %+v", v)
	}
}

func TestDetailWhileRunning(t *testing.T) {
	rep := missingRoleReport()
	m, clk := testModel(t, testConfig(), Options{}, rep, 80, 24)
	m.Init()
	evs := eventsFor(rep)
	for _, e := range evs[:len(rep.Steps)+2] {
		mustUpdate(m, engineEventMsg{run: m.runID, ev: e})
	}
	mustUpdate(m, press("enter"))
	if m.state != stateDetail || !strings.Contains(plain(m), "credential chain") {
		t.Fatalf("state %v: the running step's evidence is not in the detail:\n%s", m.state, plain(m))
	}
	mustUpdate(m, press("v")) // no verdict yet
	if m.state != stateDetail {
		t.Fatalf("v before the end moved to %v", m.state)
	}
	mustUpdate(m, press("esc"))
	if m.state != stateRunning {
		t.Fatalf("esc during the run: %v", m.state)
	}
	mustUpdate(m, press("enter"))
	feedRun(t, m, clk, rep)
	if m.state != stateDetail {
		t.Fatalf("the end of the run left the detail: %v", m.state)
	}
	mustUpdate(m, press("esc"))
	if m.state != stateReview {
		t.Errorf("esc after the run: %v", m.state)
	}
}
