package tui

import (
	"strings"
)

// formLabelWidth is the label column of the setup form.
const formLabelWidth = 12

// setupLines is the setup form with its inline validation.
func (m *model) setupLines() []string {
	st := &m.st
	f := &m.form
	w := m.width
	lines := []string{
		m.headerLine(),
		"",
		" " + st.title.Render(truncate("How does your app call Azure OpenAI?", w-2)),
		" " + st.faint.Render(truncate("Prefilled from flags and environment. Nothing runs until you press enter.", w-2)),
		"",
	}
	for i := range fieldCount {
		marker := "  "
		label := st.formLabel.Render(padRight(fieldLabels[i], formLabelWidth))
		if f.focus == i {
			marker = st.formFocus.Render(iconCursor) + " "
			label = st.formFocus.Render(padRight(fieldLabels[i], formLabelWidth))
		}
		var value string
		if i == fieldCredential {
			kind := credentialKinds[f.cred]
			if f.focus == i {
				value = st.formFocus.Render("‹ ") + st.value.Render(kind) + st.formFocus.Render(" ›")
			} else {
				value = st.value.Render(kind)
			}
		} else {
			value = f.inputs[i].view(w-formLabelWidth-3, f.focus == i, st)
		}
		lines = append(lines, marker+label+value)
	}
	lines = append(lines, "")
	if f.err != nil {
		for j, l := range wrap(clean(f.err.Error()), w-4) {
			prefix := "   "
			if j == 0 {
				prefix = " " + st.fail.Render(iconFail) + " "
			}
			lines = append(lines, prefix+st.formErr.Render(l))
		}
	} else {
		lines = append(lines, " "+st.pass.Render(iconPass)+" "+st.value.Render(truncate("Ready: press enter to start the diagnosis.", w-4)))
	}
	if hint := fieldHints[f.focus]; hint != "" && f.focus == fieldCredential {
		lines = append(lines, "   "+st.faint.Render(strings.TrimSpace(hint)))
	}
	return lines
}
