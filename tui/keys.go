package tui

import (
	"charm.land/bubbles/v2/key"
)

// keyMap holds every binding; helpKeys picks the ones that apply on the current screen.
type keyMap struct {
	Up, Down     key.Binding
	FixUp        key.Binding
	FixDown      key.Binding
	Open, Back   key.Binding
	Next, Prev   key.Binding
	PageDown     key.Binding
	PageUp       key.Binding
	Verdict      key.Binding
	Copy         key.Binding
	CopyN        key.Binding
	SaveMarkdown key.Binding
	SaveJSON     key.Binding
	Rerun        key.Binding
	RerunAll     key.Binding
	Wait         key.Binding
	Explain      key.Binding
	Pick         key.Binding
	Help         key.Binding
	Quit         key.Binding

	// setup form
	NextField, PrevField key.Binding
	Cycle                key.Binding
	Submit               key.Binding
	FormQuit             key.Binding

	// picker
	Choose key.Binding
	Filter key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		FixUp:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous fix")),
		FixDown:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next fix")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Back:         key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Next:         key.NewBinding(key.WithKeys("tab", "right", "l", "n"), key.WithHelp("tab/→", "next step")),
		Prev:         key.NewBinding(key.WithKeys("shift+tab", "left", "h", "p"), key.WithHelp("shift+tab/←", "previous step")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		Verdict:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "verdict")),
		Copy:         key.NewBinding(key.WithKeys("c", "y"), key.WithHelp("c", "copy fix")),
		CopyN:        key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "copy fix N")),
		SaveMarkdown: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "save markdown")),
		SaveJSON:     key.NewBinding(key.WithKeys("J", "shift+j"), key.WithHelp("J", "save JSON")),
		Rerun:        key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rerun step")),
		RerunAll:     key.NewBinding(key.WithKeys("R", "shift+r"), key.WithHelp("R", "rerun all")),
		Wait:         key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wait for the role")),
		Explain:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "explanations")),
		Pick:         key.NewBinding(key.WithKeys("P", "shift+p"), key.WithHelp("P", "another scenario")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:         key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Cycle:     key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "credential kind")),
		Submit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / start")),
		FormQuit:  key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "quit")),

		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
	}
}

// screenKeys is the help.KeyMap of one screen.
type screenKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (s screenKeys) ShortHelp() []key.Binding  { return s.short }
func (s screenKeys) FullHelp() [][]key.Binding { return s.full }

// helpKeys returns the bindings that apply on the model's current screen.
func (m *model) helpKeys() screenKeys {
	k := m.keys
	switch m.state {
	case stateSetup:
		return screenKeys{
			short: []key.Binding{k.Submit, k.NextField, k.Cycle, k.FormQuit},
			full:  [][]key.Binding{{k.NextField, k.PrevField}, {k.Cycle, k.Submit}, {k.FormQuit}},
		}
	case statePicker:
		return screenKeys{
			short: []key.Binding{k.Choose, k.Up, k.Down, k.Filter, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Down}, {k.Choose, k.Filter}, {k.Quit}},
		}
	case statePreparing, stateRunning:
		return screenKeys{
			short: []key.Binding{k.Up, k.Down, k.Open, k.Explain, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Down, k.Open}, {k.Explain, k.RerunAll}, {k.Help, k.Quit}},
		}
	case stateDetail:
		return screenKeys{
			short: []key.Binding{k.Back, k.Next, k.Down, k.Copy, k.Rerun, k.Help, k.Quit},
			full: [][]key.Binding{
				{k.Up, k.Down, k.PageDown, k.PageUp},
				{k.Next, k.Prev, k.Back, k.Verdict},
				{k.Copy, k.Rerun, k.RerunAll, k.Explain},
				{k.SaveMarkdown, k.SaveJSON, k.Help, k.Quit},
			},
		}
	case stateVerdict:
		wait := k.Wait
		if m.wait.on {
			wait.SetHelp("w", "stop waiting")
		}
		short := []key.Binding{k.Back, k.FixDown, k.Copy, k.SaveMarkdown}
		if m.canWait() {
			short = append(short, wait)
		}
		short = append(short, k.Help, k.Quit)
		full := [][]key.Binding{
			{k.FixUp, k.FixDown, k.Copy, k.CopyN},
			{k.Back, k.Open, k.RerunAll, wait},
			{k.SaveMarkdown, k.SaveJSON, k.Help, k.Quit},
		}
		if m.opts.Prepare != nil {
			full[1] = append(full[1], k.Pick)
		}
		return screenKeys{short: short, full: full}
	}
	// review
	full := [][]key.Binding{
		{k.Up, k.Down, k.Open, k.Verdict},
		{k.Copy, k.Rerun, k.RerunAll, k.Explain},
		{k.SaveMarkdown, k.SaveJSON, k.Help, k.Quit},
	}
	if m.opts.Prepare != nil {
		full[1] = append(full[1], k.Pick)
	}
	return screenKeys{
		short: []key.Binding{k.Up, k.Down, k.Open, k.Verdict, k.Copy, k.SaveMarkdown, k.Help, k.Quit},
		full:  full,
	}
}
