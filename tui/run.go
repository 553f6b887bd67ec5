package tui

import (
	"context"
	"errors"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// Scenario is one practice world offered by demo mode.
type Scenario struct {
	Name        string
	Description string
	Teaches     string
	Cause       string // the cause a correct diagnosis names
}

// Options configures Run.
type Options struct {
	// Demo marks a run against the local emulator: the practice panel is shown after the
	// verdict when the scenario is known.
	Demo bool
	// Scenarios are the practice worlds. With Prepare set, the picker offers them; without
	// it, a single entry names the scenario cfg was prepared for.
	Scenarios []Scenario
	// Prepare starts the emulator for the chosen scenario and returns the configuration to
	// diagnose and a cleanup to call when done. Set it to open the picker.
	Prepare func(ctx context.Context, scenario string) (steps.Config, func(), error)
	// SaveDir is where reports and copied fixes are written; "" is the current directory.
	SaveDir string
	// Version is shown in the header.
	Version string
	// Input and Output replace the terminal (tests). nil means stdin and stdout.
	Input  io.Reader
	Output io.Writer
	// Environ replaces os.Environ() for colour detection (tests). nil means os.Environ().
	Environ []string
}

// IsInteractive reports whether stdin and stdout are both terminals; Run must not be called
// otherwise.
func IsInteractive() bool {
	return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
}

// Run shows the interactive doctor until the user quits and returns the exit code of the
// verdict (DESIGN.md: 0 healthy, 1 problem, 2 usage, 3 inconclusive). Quitting before a
// verdict returns 3 (2 from an unfinished setup form). Cancelling ctx ends the program.
func Run(ctx context.Context, cfg steps.Config, opts Options) (int, error) {
	m := newModel(ctx, cfg, opts)
	defer m.res.close()

	env := opts.Environ
	if env == nil {
		env = os.Environ()
	}
	var out io.Writer = os.Stdout
	if opts.Output != nil {
		out = opts.Output
	}
	popts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithEnvironment(env),
		tea.WithOutput(out),
		tea.WithColorProfile(colorprofile.Detect(out, env)),
	}
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if fm, ok := final.(*model); ok && fm != nil {
		m = fm
	}
	m.stopWork()
	code := m.exitCode()
	if err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			// Interrupted from outside (signal): not a failure of the program itself.
			return code, nil
		}
		return code, err
	}
	return code, nil
}
