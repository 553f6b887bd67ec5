package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

func TestRunEngineBridge(t *testing.T) {
	rep := missingRoleReport()
	want := eventsFor(rep)
	ch := make(chan tea.Msg, len(want)+1)
	doneCalled := false
	cmd := runEngine(context.Background(), replayEngine(rep, nil).run, testConfig(), 7, ch, func() { doneCalled = true })
	if msg := cmd(); msg != nil {
		t.Fatalf("the engine Cmd returned %T; everything goes through the channel", msg)
	}
	var got []tea.Msg
	for msg := range ch {
		got = append(got, msg)
	}
	if len(got) != len(want)+1 || !doneCalled {
		t.Fatalf("%d messages (done %v), want %d", len(got), doneCalled, len(want)+1)
	}
	for i, e := range want {
		em, ok := got[i].(engineEventMsg)
		if !ok || em.run != 7 || em.ev.Kind != e.Kind || em.ev.Step != e.Step {
			t.Fatalf("message %d = %#v, want event %v of %s", i, got[i], e.Kind, e.Step)
		}
	}
	last, ok := got[len(got)-1].(runDoneMsg)
	if !ok || last.report != rep || last.run != 7 || last.err != nil {
		t.Fatalf("last message %#v", got[len(got)-1])
	}
	// waitEvent reads one message at a time and nil once closed.
	if msg := waitEvent(ch)(); msg != nil {
		t.Errorf("closed channel gave %#v", msg)
	}
}

func TestRunEngineDoesNotBlockOnceCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ch := make(chan tea.Msg) // nobody reads
	run := func(ctx context.Context, _ steps.Config, emit func(steps.Event)) *steps.Report {
		for range 100 {
			emit(steps.Event{Kind: steps.StepProgress, Step: steps.Role, Note: "x"})
		}
		return nil
	}
	runEngine(ctx, run, testConfig(), 1, ch, func() {})() // returns: sends give up
	if _, ok := <-ch; ok {
		t.Error("the channel is not closed")
	}
}

func TestRunEnginePanicBecomesAnError(t *testing.T) {
	ch := make(chan tea.Msg, 4)
	run := func(context.Context, steps.Config, func(steps.Event)) *steps.Report { panic("boom") }
	runEngine(context.Background(), run, testConfig(), 1, ch, func() {})()
	msg := (<-ch).(runDoneMsg)
	if msg.err == nil || !strings.Contains(msg.err.Error(), "boom") {
		t.Errorf("err %v", msg.err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	for _, content := range []string{"first\n", "second, longer\n"} {
		path, err := writeFileAtomic(dir, "f.txt", []byte(content))
		if err != nil {
			t.Fatal(err)
		}
		if path != filepath.Join(dir, "f.txt") {
			t.Errorf("path %q", path)
		}
		data, _ := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if string(data) != content || fi.Mode().Perm() != 0o600 {
			t.Errorf("content %q mode %v", data, fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if _, err := writeFileAtomic(filepath.Join(dir, "missing"), "f.txt", nil); err == nil {
		t.Error("no error for a missing directory")
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 3, 14, 23, 58, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-03-14T14:03:00Z", time.Date(2026, 3, 14, 14, 3, 0, 0, time.UTC), true},
		{"2026-03-14T15:03:00+01:00", time.Date(2026, 3, 14, 14, 3, 0, 0, time.UTC), true},
		{"2026-03-14 14:52:00 UTC", time.Date(2026, 3, 14, 14, 52, 0, 0, time.UTC), true},
		{"by 23:59:30 UTC (assigned 4m ago; role assignments take up to 5 minutes)", time.Date(2026, 3, 14, 23, 59, 30, 0, time.UTC), true},
		{"by 00:01:00 UTC (past midnight)", time.Date(2026, 3, 15, 0, 1, 0, 0, time.UTC), true},
		{"by 25:61:00 UTC", time.Time{}, false},
		{"soon", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseTime(tt.in, now)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseTime(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"red \x1b[31mALERT\x1b[0m", "red ALERT"},
		{"title \x1b]2;pwned\x07 here", "title  here"},
		{"two\nlines\r", "two lines"},
		{"bell\x07 and del\x7f", "bell  and del"},
		{"bidi \u202eevil", "bidi  evil"},
		{"tab\there", "tab  here"},
		{"ünïcødé ✓", "ünïcødé ✓"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := cleanBlock("a\nb\x1b[1m\n"); got != "a\nb" {
		t.Errorf("cleanBlock kept %q", got)
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "0s"}, {850 * time.Millisecond, "850ms"}, {1234 * time.Millisecond, "1.2s"},
		{31 * time.Second, "31s"}, {133 * time.Second, "2m13s"}, {130 * time.Second, "2m10s"}, {120 * time.Second, "2m"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.in); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextField(t *testing.T) {
	f := newTextField("abc", "")
	steps := []struct {
		msg  tea.Msg
		want string
		pos  int
	}{
		{press("left"), "abc", 2},
		{press("X"), "abXc", 3},
		{press("backspace"), "abc", 2},
		{tea.KeyPressMsg{Code: tea.KeyDelete}, "ab", 2},
		{tea.KeyPressMsg{Code: tea.KeyHome}, "ab", 0},
		{tea.PasteMsg{Content: "x\ny"}, "x yab", 3},
		{tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}, "x y", 3},
		{tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, "", 0},
	}
	for i, s := range steps {
		f.update(s.msg)
		if f.String() != s.want || f.pos != s.pos {
			t.Fatalf("step %d: %q at %d, want %q at %d", i, f.String(), f.pos, s.want, s.pos)
		}
	}
	if f.update(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}) {
		t.Error("ctrl+x was taken as text")
	}
}

func TestWrapNeverOverflows(t *testing.T) {
	for _, s := range []string{strings.Repeat("/", 300), strings.Repeat("a", 300), "a b/c-d " + strings.Repeat("字", 50), ""} {
		for _, w := range []int{1, 2, 3, 7, 80} {
			for _, l := range wrap(s, w) {
				if ansi.StringWidth(l) > max(w, 2) {
					t.Fatalf("wrap(%.20q, %d) gave a %d-wide line", s, w, ansi.StringWidth(l))
				}
			}
		}
	}
}
