package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// state is the screen the model shows; see the package comment for the transitions.
type state int

const (
	statePicker state = iota
	stateSetup
	statePreparing
	stateRunning
	stateReview
	stateDetail
	stateVerdict
	stateQuit
)

func (s state) String() string {
	switch s {
	case statePicker:
		return "picker"
	case stateSetup:
		return "setup"
	case statePreparing:
		return "preparing"
	case stateRunning:
		return "running"
	case stateReview:
		return "review"
	case stateDetail:
		return "detail"
	case stateVerdict:
		return "verdict"
	case stateQuit:
		return "quit"
	}
	return "unknown"
}

// rowState is where one step is in the current run.
type rowState int

const (
	rowPending rowState = iota
	rowRunning
	rowDone
)

// row is one step as the TUI shows it.
type row struct {
	info      steps.Info
	state     rowState
	started   time.Time
	note      string           // the latest live summary
	evidence  []steps.Evidence // streamed while running
	result    *steps.Result    // final
	rerunning bool             // r: a single rerun is in flight
}

// waiting is the live wait for a role to take effect (w on role-propagating).
type waiting struct {
	on          bool
	id          int       // stale ticks and probes carry an older id
	effectiveAt time.Time // zero when unknown
	probing     bool
	probes      int
	lastProbe   time.Time
	lastResult  *steps.Result
	nextProbe   time.Time
}

// model is the one root model.
type model struct {
	ctx    context.Context // cancelled on quit: every piece of work derives from it
	cancel context.CancelFunc
	cfg    steps.Config
	opts   Options
	eng    engine
	res    *resources
	clock  func() time.Time
	now    time.Time
	state  state
	back   state // where esc returns from detail or verdict
	width  int
	height int

	isDark bool
	st     styles
	keys   keyMap
	help   help.Model
	spin   spinner.Model

	rows     []row
	cursor   int  // focused step
	follow   bool // the cursor follows the running step until the user moves it
	scroll   int  // detail view offset in lines
	explain  bool // e: show why each step matters in the panes
	fixSel   int  // selected fix on the verdict screen
	showHelp bool
	spinning bool // a spinner tick is in flight

	runID     int
	runCancel context.CancelFunc
	events    chan tea.Msg
	running   bool
	report    *steps.Report
	finished  time.Time

	form      form
	picker    picker
	scenario  *Scenario // the practice scenario, when known
	cleanupID int       // the current demo's cleanup in res
	preparing string    // the scenario being started

	wait waiting

	status    string
	statusBad bool
	statusSeq int
	quitFrom  state // the screen q was pressed on
}

func newModel(ctx context.Context, cfg steps.Config, opts Options) *model {
	return newModelWith(ctx, cfg, opts, stepsEngine(), time.Now)
}

// newModelWith is newModel with the engine and clock given (tests).
func newModelWith(ctx context.Context, cfg steps.Config, opts Options, eng engine, clock func() time.Time) *model {
	if ctx == nil {
		ctx = context.Background()
	}
	work, cancel := context.WithCancel(ctx)
	m := &model{
		ctx:    work,
		cancel: cancel,
		cfg:    cfg,
		opts:   opts,
		eng:    eng,
		res:    newResources(),
		clock:  clock,
		isDark: true,
		keys:   newKeyMap(),
		help:   help.New(),
		width:  80,
		height: 24,
		follow: true,
	}
	m.now = m.clock()
	m.st = newStyles(true)
	m.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m.initRows()
	switch {
	case opts.Prepare != nil:
		m.state = statePicker
		m.picker = newPicker(opts.Scenarios)
	default:
		if opts.Demo && len(opts.Scenarios) == 1 {
			sc := opts.Scenarios[0]
			m.scenario = &sc
		}
		if m.eng.validate(cfg) != nil {
			m.state = stateSetup
			m.form = newForm(cfg)
			m.form.check(m.eng.validate)
		} else {
			m.state = stateRunning
		}
	}
	m.applyStyles(true)
	return m
}

// initRows lays out one row per step in documented order.
func (m *model) initRows() {
	infos := m.eng.infos()
	m.rows = make([]row, len(infos))
	for i, in := range infos {
		m.rows[i] = row{info: in}
	}
	if m.cursor >= len(m.rows) {
		m.cursor = 0
	}
}

// applyStyles rebuilds every style for a dark or light background.
func (m *model) applyStyles(isDark bool) {
	m.isDark = isDark
	m.st = newStyles(isDark)
	m.help.Styles = m.st.help
	m.spin.Style = m.st.running
}

// Init asks for the background colour and starts the first screen's work.
func (m *model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch m.state {
	case stateRunning:
		cmds = append(cmds, m.startRun())
	}
	return tea.Batch(cmds...)
}

// exitCode is the verdict's exit code; 3 (inconclusive) without a verdict, 2 when the
// setup form was left with invalid inputs.
func (m *model) exitCode() int {
	if m.report != nil && !m.running {
		return m.eng.exitCode(m.report)
	}
	if (m.state == stateSetup || m.quitFrom == stateSetup) && m.form.err != nil {
		return 2
	}
	return 3
}

// stopWork cancels whatever is in flight. It never waits.
func (m *model) stopWork() {
	if m.runCancel != nil {
		m.runCancel()
	}
	m.cancel()
	m.wait.on = false
	m.running = false
}
