package tui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/aoai-doctor/aoai-doctor/steps"
	"github.com/aoai-doctor/aoai-doctor/steps/report"
)

// runEngine runs the whole diagnosis in the Cmd's goroutine. Engine events (which may come
// from several goroutines) go into ch in order, then the report; then ch is closed. Sends give
// up once ctx is cancelled, so a run nobody reads any more never blocks.
func runEngine(ctx context.Context, run func(context.Context, steps.Config, func(steps.Event)) *steps.Report,
	cfg steps.Config, id int, ch chan tea.Msg, done func()) tea.Cmd {
	return func() tea.Msg {
		defer done()
		var mu sync.Mutex
		closed := false
		send := func(msg tea.Msg) {
			mu.Lock()
			defer mu.Unlock()
			if closed {
				return
			}
			select {
			case ch <- msg:
			case <-ctx.Done():
			}
		}
		var rep *steps.Report
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("the diagnosis stopped unexpectedly: %v", r)
				}
			}()
			rep = run(ctx, cfg, func(ev steps.Event) {
				// Copy what the pointers share with the engine.
				if ev.Result != nil {
					r := *ev.Result
					ev.Result = &r
				}
				if ev.Evidence != nil {
					e := *ev.Evidence
					ev.Evidence = &e
				}
				send(engineEventMsg{run: id, ev: ev})
			})
		}()
		send(runDoneMsg{run: id, report: rep, err: err})
		mu.Lock()
		closed = true
		close(ch)
		mu.Unlock()
		return nil
	}
}

// waitEvent reads one message of the run; Update asks again after each one.
func waitEvent(ch chan tea.Msg) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// File names written in SaveDir.
const (
	fixFile      = "aoai-doctor-fix.txt"
	markdownFile = "aoai-doctor-report.md"
	jsonFile     = "aoai-doctor-report.json"
)

type format int

const (
	formatMarkdown format = iota
	formatJSON
)

// saveDir is where files go: Options.SaveDir or the current directory.
func (m *model) saveDir() string {
	if m.opts.SaveDir != "" {
		return m.opts.SaveDir
	}
	return "."
}

// save writes the report as markdown or JSON (m, J).
func (m *model) save(f format) tea.Cmd {
	if m.report == nil || m.running {
		return m.setStatus("There is no finished report to save yet.", true)
	}
	rep, dir := m.report, m.saveDir()
	name, what := markdownFile, "the markdown report"
	if f == formatJSON {
		name, what = jsonFile, "the JSON report"
	}
	return func() tea.Msg {
		var buf bytes.Buffer
		var err error
		if f == formatJSON {
			err = report.JSON(&buf, rep)
		} else {
			err = report.Markdown(&buf, rep)
		}
		if err != nil {
			return savedMsg{what: what, err: err}
		}
		path, err := writeFileAtomic(dir, name, buf.Bytes())
		if err != nil {
			return savedMsg{what: what, err: err}
		}
		return savedMsg{ok: fmt.Sprintf("Saved %s to %s", what, path)}
	}
}

// copyFix puts a fix's command on the clipboard (OSC 52) and, since not every terminal
// honours OSC 52, also writes it to a file and says where.
func (m *model) copyFix(fix steps.Fix, ok bool) tea.Cmd {
	text := fix.Command
	if text == "" {
		text = fix.Title
	}
	if !ok || text == "" {
		return m.setStatus("There is no fix to copy here.", true)
	}
	dir := m.saveDir()
	write := func() tea.Msg {
		path, err := writeFileAtomic(dir, fixFile, []byte(text+"\n"))
		if err != nil {
			return savedMsg{what: "the fix file (it is still on the clipboard if the terminal supports OSC 52)", err: err}
		}
		return savedMsg{ok: "Copied to the clipboard (OSC 52); also written to " + path}
	}
	return tea.Batch(tea.SetClipboard(text), write)
}

// focusedFix is the focused step's first fix with a command, else the verdict's first fix.
func (m *model) focusedFix() (steps.Fix, bool) {
	if len(m.rows) > 0 {
		if r := m.rows[m.cursor].result; r != nil {
			for _, f := range r.Fixes {
				if f.Command != "" {
					return f, true
				}
			}
			if len(r.Fixes) > 0 {
				return r.Fixes[0], true
			}
		}
	}
	if fx := m.verdictFixes(); len(fx) > 0 {
		return fx[0], true
	}
	return steps.Fix{}, false
}

// verdictFixes are the verdict's ordered fixes (none before the run ends).
func (m *model) verdictFixes() []steps.Fix {
	if m.report == nil || m.running {
		return nil
	}
	return m.report.Verdict.Fixes
}

// writeFileAtomic writes data to dir/name with mode 0600 via a temporary file and a rename,
// so a reader never sees half a file. It returns the absolute path.
func writeFileAtomic(dir, name string, data []byte) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(abs, "."+name+".*.tmp")
	if err != nil {
		return "", err
	}
	tmpName := tmp.Name()
	fail := func(err error) (string, error) {
		tmp.Close()
		os.Remove(tmpName)
		return "", err
	}
	if err := tmp.Chmod(0o600); err != nil {
		return fail(err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmpName)
		return "", err
	}
	path := filepath.Join(abs, name)
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return "", err
	}
	return path, nil
}
