package tui

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenViews build the screens the goldens pin, from fixed data on the fixed clock.
var goldenViews = []struct {
	name  string
	build func(t *testing.T, w, h int) *model
}{
	{"running", func(t *testing.T, w, h int) *model {
		rep := missingRoleReport()
		m, clk := testModel(t, testConfig(), Options{Version: "v1.0.0"}, rep, w, h)
		m.Init()
		evs := eventsFor(rep)
		n := len(rep.Steps) + 24 // every start and most of the evidence
		for _, e := range evs[:n] {
			mustUpdate(m, engineEventMsg{run: m.runID, ev: e})
		}
		// The first three results are in.
		for _, e := range evs[n:] {
			if e.Result != nil && (e.Result.ID == "reproduce" || e.Result.ID == "scope" || e.Result.ID == "endpoint") {
				mustUpdate(m, engineEventMsg{run: m.runID, ev: e})
			}
		}
		clk.now = t0.Add(2500 * time.Millisecond)
		mustUpdate(m, m.spin.Tick())
		return m
	}},
	{"detail", func(t *testing.T, w, h int) *model {
		m, _ := goldenFinished(t, w, h)
		m.cursor = 3
		mustUpdate(m, press("enter"))
		return m
	}},
	{"verdict", func(t *testing.T, w, h int) *model {
		m, _ := goldenFinished(t, w, h)
		mustUpdate(m, press("v"))
		return m
	}},
	{"waiting", func(t *testing.T, w, h int) *model {
		rep := propagatingReport()
		m, clk := testModel(t, testConfig(), Options{Version: "v1.0.0"}, rep, w, h)
		m.Init()
		feedRun(t, m, clk, rep)
		clk.now = t0.Add(30 * time.Second)
		mustUpdate(m, press("w"))
		return m
	}},
}

func goldenFinished(t *testing.T, w, h int) (*model, *testClock) {
	rep := missingRoleReport()
	sc := []Scenario{{Name: "owner-is-not-enough", Cause: "missing-data-role",
		Teaches: "Owner and Contributor manage a resource; calling its models needs a data-plane role such as Cognitive Services OpenAI User."}}
	m, clk := testModel(t, testConfig(), Options{Version: "v1.0.0", Demo: true, Scenarios: sc}, rep, w, h)
	m.Init()
	feedRun(t, m, clk, rep)
	return m, clk
}

// TestGolden pins running, detail, verdict and waiting at 80x24 and 120x40: the layout
// (escape sequences stripped; the same for both themes) and the raw frames per theme.
// Regenerate with: go test ./tui -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, v := range goldenViews {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				var plain string
				for _, theme := range []string{"Dark", "Light"} {
					m := v.build(t, size[0], size[1])
					if theme == "Light" {
						mustUpdate(m, lightBackground)
					} else {
						mustUpdate(m, darkBackground)
					}
					frame := m.View().Content
					t.Run(theme, func(t *testing.T) { golden.RequireEqual(t, frame) })
					if plain == "" {
						plain = ansi.Strip(frame)
					} else if ansi.Strip(frame) != plain {
						t.Errorf("the %s theme changes the layout", theme)
					}
				}
				t.Run("Plain", func(t *testing.T) { golden.RequireEqual(t, plain) })
			})
		}
	}
}
