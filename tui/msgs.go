package tui

import (
	"time"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// engineEventMsg carries one engine event of run number run.
type engineEventMsg struct {
	run int
	ev  steps.Event
}

// runDoneMsg says run number run returned its report.
type runDoneMsg struct {
	run    int
	report *steps.Report
	err    error // the engine stopped unexpectedly
}

// stepRerunMsg is the result of rerunning one step (r).
type stepRerunMsg struct {
	run    int
	result steps.Result
}

// preparedMsg says the demo emulator for scenario is up (or failed to start).
type preparedMsg struct {
	scenario string
	cfg      steps.Config
	cleanup  int // key in resources; 0 = none
	err      error
}

// savedMsg says a file was written (report or fix): ok is the status line to show, what
// names the file on error.
type savedMsg struct {
	ok   string
	what string
	err  error
}

// clearStatusMsg clears the status line if it is still the one numbered seq.
type clearStatusMsg struct{ seq int }

// waitTickMsg redraws the countdown while waiting for a role to take effect.
type waitTickMsg struct {
	wait int
	at   time.Time
}

// probeDueMsg says it is time to re-probe while waiting.
type probeDueMsg struct{ wait int }

// probeDoneMsg is a re-probe's result while waiting.
type probeDoneMsg struct {
	wait   int
	result steps.Result
}
