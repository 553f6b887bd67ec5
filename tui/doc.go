// Package tui is the interactive front end of aoai-doctor: a bubbletea v2 program over the
// diagnosis engine in package steps. It never talks to Azure itself; all work runs in the
// engine, inside tea.Cmds, and comes back as messages.
//
// One root model owns all state. Its screens form this state machine:
//
//	             demo, no scenario
//	  start ───────────────────────────▶ picker ──enter──▶ preparing ──ok──┐
//	    │                                  ▲                               │
//	    │ inputs incomplete                │ P (practice)                  │
//	    ├──────────────▶ setup ──enter─────┼───────────────────────────────┤
//	    │               (valid)            │                               ▼
//	    └─ inputs complete ───────────────────────────────────────────▶ running
//	                                       │                               │ run finished
//	                                       │                               ▼
//	                                       └────────── verdict ◀──v/esc──▶ review ◀──enter/esc──▶ detail
//	                                                     │  ▲                 │ R (rerun all) ──▶ running
//	                                             w (wait)│  │role effective   │
//	                                                     ▼  │(reruns all)     │
//	                                                   waiting ─────────────▶ running
//
//	q / ctrl+c from any screen ──▶ quit (in-flight work is cancelled, never awaited)
//
// picker: a filterable list of practice scenarios (demo mode without a scenario); the expected
// cause is not shown. setup: a form prefilled from flags and environment, validated inline with
// steps.Validate; skipped when the inputs are complete. running: the steps in documented order,
// each with a status icon, elapsed time, a spinner and a live one-line summary; the focused
// step's evidence streams into the detail pane. review and detail: move between steps, read the
// evidence, why the step matters, the causes and the fixes. verdict: the root cause in plain
// words, who and what it is about, and the fixes in order; for role-propagating, w waits with a
// countdown and re-probes every 15 s until the role takes effect.
//
// Layout: two columns (steps beside the detail) from 100 columns up, one column with full rows
// from 60, and a compact single column below 60. Every frame is cut to the window: no line is
// wider than the terminal and no frame taller.
package tui
