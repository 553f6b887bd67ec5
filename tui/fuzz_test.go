package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// FuzzRender feeds arbitrary server-ish text into a step and the verdict and checks every
// screen stays inside the window and lets no control character through.
func FuzzRender(f *testing.F) {
	f.Add("response", "401 PermissionDenied", uint8(80), uint8(24))
	f.Add("x\x1b]2;title\x07", "\x1b[2J\x1b[Hwiped\r\nover", uint8(20), uint8(5))
	f.Add("", strings.Repeat("wide 字符 ", 40), uint8(59), uint8(12))
	f.Add("bidi\u202e", "\x9b31m c1 \u2066", uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, label, value string, w, h uint8) {
		rep := missingRoleReport()
		rep.Steps[3].Evidence = append(rep.Steps[3].Evidence, steps.Evidence{Label: label, Value: value})
		rep.Steps[3].Summary = value
		rep.Verdict.Summary = value
		rep.Verdict.Fixes = append(rep.Verdict.Fixes, steps.Fix{Title: label, Command: value})
		m, clk := testModel(t, testConfig(), Options{}, rep, 80, 24)
		m.Init()
		feedRun(t, m, clk, rep)
		width, height := int(w)%200+1, int(h)%60+1
		mustUpdate(m, tea.WindowSizeMsg{Width: width, Height: height})
		m.cursor = 3
		for _, st := range []state{stateReview, stateDetail, stateVerdict} {
			m.state = st
			frame := m.View().Content
			lines := strings.Split(frame, "\n")
			if len(lines) > height {
				t.Fatalf("%v: %d lines in %d", st, len(lines), height)
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > width {
					t.Fatalf("%v: line wider than %d: %q", st, width, l)
				}
			}
			for _, r := range ansi.Strip(frame) {
				if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidi(r)) {
					t.Fatalf("%v: control character %U reached the screen", st, r)
				}
			}
		}
	})
}
