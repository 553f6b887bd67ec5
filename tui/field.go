package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// textField is a one-line text input. (bubbles/textinput needs a module this build does not
// carry, and the form needs little: typing, paste, cursor moves, deletes.)
type textField struct {
	value       []rune
	pos         int
	placeholder string
	limit       int
}

func newTextField(value, placeholder string) textField {
	f := textField{placeholder: placeholder, limit: 2048}
	f.set(value)
	return f
}

func (f *textField) set(s string) {
	f.value = []rune(clean(s))
	if f.limit > 0 && len(f.value) > f.limit {
		f.value = f.value[:f.limit]
	}
	f.pos = len(f.value)
}

func (f *textField) String() string { return string(f.value) }

func (f *textField) insert(s string) {
	rs := []rune(clean(s))
	if f.limit > 0 {
		rs = rs[:min(len(rs), max(f.limit-len(f.value), 0))]
	}
	if len(rs) == 0 {
		return
	}
	v := make([]rune, 0, len(f.value)+len(rs))
	v = append(v, f.value[:f.pos]...)
	v = append(v, rs...)
	v = append(v, f.value[f.pos:]...)
	f.value = v
	f.pos += len(rs)
}

// update edits the field; it reports whether the message was used.
func (f *textField) update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		f.insert(msg.Content)
		return true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "left", "ctrl+b":
			f.pos = max(f.pos-1, 0)
		case "right", "ctrl+f":
			f.pos = min(f.pos+1, len(f.value))
		case "home", "ctrl+a":
			f.pos = 0
		case "end", "ctrl+e":
			f.pos = len(f.value)
		case "backspace", "ctrl+h":
			if f.pos > 0 {
				f.value = append(f.value[:f.pos-1], f.value[f.pos:]...)
				f.pos--
			}
		case "delete", "ctrl+d":
			if f.pos < len(f.value) {
				f.value = append(f.value[:f.pos], f.value[f.pos+1:]...)
			}
		case "ctrl+u":
			f.value = append([]rune(nil), f.value[f.pos:]...)
			f.pos = 0
		case "ctrl+k":
			f.value = f.value[:f.pos]
		default:
			if msg.Text == "" || msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) {
				return false
			}
			f.insert(msg.Text)
		}
		return true
	}
	return false
}

// view renders the field in width cells; focused fields show a block cursor and scroll
// so the cursor stays visible.
func (f *textField) view(width int, focused bool, st *styles) string {
	width = max(width, 4)
	if len(f.value) == 0 {
		ph := st.faint.Render(truncate(f.placeholder, width-1))
		if focused {
			return st.cursor.Render(" ") + ph
		}
		return ph
	}
	text := st.value
	if !focused {
		text = st.subtle
		return text.Render(truncate(string(f.value), width))
	}
	// Keep the cursor in view: show a window of the value that ends at or after it.
	start := 0
	for cells(string(f.value[start:f.pos]))+1 > width {
		start++
	}
	var b strings.Builder
	b.WriteString(text.Render(string(f.value[start:f.pos])))
	if f.pos < len(f.value) {
		b.WriteString(st.cursor.Render(string(f.value[f.pos])))
		rest := string(f.value[f.pos+1:])
		room := width - cells(string(f.value[start:f.pos+1]))
		b.WriteString(text.Render(truncate(rest, room)))
	} else {
		b.WriteString(st.cursor.Render(" "))
	}
	return b.String()
}
