package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// picker is the practice scenario list: filterable, with descriptions. The expected cause
// is left out on purpose: finding it is the exercise. (bubbles/list needs a module this build
// does not carry; this is the part of it the picker uses.)
type picker struct {
	all       []Scenario
	shown     []int // indexes into all that match the filter
	cursor    int   // index into shown
	filter    textField
	filtering bool // typing into the filter
}

func newPicker(scenarios []Scenario) picker {
	p := picker{all: scenarios, filter: newTextField("", "type to filter")}
	p.refilter()
	return p
}

// refilter keeps the scenarios whose name or description holds every filter word.
func (p *picker) refilter() {
	words := strings.Fields(strings.ToLower(p.filter.String()))
	p.shown = p.shown[:0]
	for i, s := range p.all {
		hay := strings.ToLower(s.Name + " " + s.Description)
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.shown)-1, 0))
}

// selected is the scenario under the cursor.
func (p *picker) selected() (Scenario, bool) {
	if len(p.shown) == 0 {
		return Scenario{}, false
	}
	return p.all[p.shown[p.cursor]], true
}

func (m *model) onPickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k, p := m.keys, &m.picker
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if p.filtering {
		switch msg.String() {
		case "esc":
			p.filtering = false
			p.filter.set("")
			p.refilter()
		case "enter":
			p.filtering = false
		case "up", "down":
			p.move(msg.String())
		default:
			if p.filter.update(msg) {
				p.refilter()
			}
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.help.ShowAll = m.showHelp
	case key.Matches(msg, k.Filter):
		p.filtering = true
	case msg.String() == "esc" && p.filter.String() != "":
		p.filter.set("")
		p.refilter()
	case key.Matches(msg, k.Up), key.Matches(msg, k.Down):
		p.move(msg.String())
	case msg.String() == "home" || msg.String() == "g":
		p.cursor = 0
	case msg.String() == "end" || msg.String() == "G":
		p.cursor = max(len(p.shown)-1, 0)
	case key.Matches(msg, k.Choose):
		if sc, ok := p.selected(); ok {
			return m.prepare(sc.Name)
		}
	}
	return nil
}

func (p *picker) move(dir string) {
	switch dir {
	case "up", "k":
		p.cursor = max(p.cursor-1, 0)
	default:
		p.cursor = min(p.cursor+1, max(len(p.shown)-1, 0))
	}
}

// pickerLines is the picker screen: title, filter, and the scenarios around the cursor.
func (m *model) pickerLines(room int) []string {
	st, p, w := &m.st, &m.picker, m.width
	lines := []string{m.headerLine(), "", " " + st.title.Render("Pick a practice scenario") +
		st.faint.Render(fmt.Sprintf("  %d of %d", len(p.shown), len(p.all)))}
	switch {
	case p.filtering:
		lines = append(lines, " "+st.formFocus.Render("Filter: ")+p.filter.view(w-10, true, st))
	case p.filter.String() != "":
		lines = append(lines, " "+st.label.Render("Filter: ")+st.value.Render(truncate(p.filter.String(), w-10))+st.faint.Render("  esc clears"))
	default:
		lines = append(lines, " "+st.faint.Render(truncate("Each world is broken in one way; run the doctor and see if it finds out why.", w-2)))
	}
	lines = append(lines, "")
	if len(p.shown) == 0 {
		lines = append(lines, " "+st.subtle.Render("No scenario matches the filter."))
		return lines
	}
	// Three lines per scenario: name, description, gap. Scroll to keep the cursor visible.
	room = max(room-len(lines), 3)
	per := 3
	visible := max(room/per, 1)
	first := max(min(p.cursor-visible/2, len(p.shown)-visible), 0)
	for i := first; i < len(p.shown) && i < first+visible; i++ {
		sc := p.all[p.shown[i]]
		name := st.value.Render(truncate(clean(sc.Name), w-4))
		desc := st.faint.Render(truncate(clean(sc.Description), w-4))
		marker := "  "
		if i == p.cursor {
			marker = st.selected.Render(iconCursor) + " "
			name = st.formFocus.Render(truncate(clean(sc.Name), w-4))
			desc = st.subtle.Render(truncate(clean(sc.Description), w-4))
		}
		lines = append(lines, " "+marker+name, "   "+desc, "")
	}
	return lines
}

// prepare starts the emulator for the chosen scenario in a Cmd.
func (m *model) prepare(name string) tea.Cmd {
	m.state = statePreparing
	m.preparing = name
	m.status = ""
	prep, ctx, res := m.opts.Prepare, m.ctx, m.res
	done := res.goStarted()
	return tea.Batch(func() tea.Msg {
		defer done()
		cfg, cleanup, err := prep(ctx, name)
		id := 0
		if cleanup != nil {
			id = res.addCleanup(cleanup)
		}
		return preparedMsg{scenario: name, cfg: cfg, cleanup: id, err: err}
	}, m.startSpinner())
}
