package tui

import (
	"bytes"
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestSmoke runs the whole program: the engine's events arrive over the channel bridge from
// its goroutine, the verdict is painted, q quits with the verdict's exit code.
func TestSmoke(t *testing.T) {
	rep := missingRoleReport()
	m := newModelWith(context.Background(), testConfig(), Options{Version: "test", SaveDir: t.TempDir()},
		replayEngine(rep, nil), time.Now)
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("missing-data-role"))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*model)
	if !ok {
		t.Fatal("final model is not *model")
	}
	if fm.state != stateQuit || fm.report == nil {
		t.Fatalf("final state %v, report %v", fm.state, fm.report != nil)
	}
	if got := fm.exitCode(); got != 1 {
		t.Errorf("exit code %d, want 1", got)
	}
	if fm.ctx.Err() == nil {
		t.Error("quitting did not cancel the work context")
	}
}
