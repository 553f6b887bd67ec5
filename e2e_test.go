//go:build emulator

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// binary builds aoai-doctor once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "aoai-doctor-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "aoai-doctor")
		goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
		out, err := exec.Command(goBin, "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// needTool skips when a tool is missing locally and fails under CI=true.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true (.ci/run installs it): %v", name, err)
		}
		t.Skipf("%s not installed; skipping (apt-get install -y %s)", name, name)
	}
	return p
}

// tmuxPane is one detached tmux session on a private server socket.
type tmuxPane struct {
	t      *testing.T
	tmux   string
	socket string
	name   string
}

func newTmuxPane(t *testing.T, width, height int, command string) *tmuxPane {
	t.Helper()
	p := &tmuxPane{t: t, tmux: needTool(t, "tmux"), socket: fmt.Sprintf("aoai-doctor-test-%d", os.Getpid()), name: fmt.Sprintf("s%d", time.Now().UnixNano())}
	p.run("new-session", "-d", "-s", p.name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), command)
	t.Cleanup(func() { _ = exec.Command(p.tmux, "-L", p.socket, "kill-session", "-t", p.name).Run() })
	return p
}

func (p *tmuxPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command(p.tmux, append([]string{"-L", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (p *tmuxPane) capture() string {
	out, _ := exec.Command(p.tmux, "-L", p.socket, "capture-pane", "-p", "-t", p.name).CombinedOutput()
	return string(out)
}

// waitFor polls the pane until cond holds or the deadline passes.
func (p *tmuxPane) waitFor(d time.Duration, cond func(string) bool) (string, bool) {
	deadline := time.Now().Add(d)
	for {
		s := p.capture()
		if cond(s) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func waitFile(path string, d time.Duration) (string, bool) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && strings.HasSuffix(string(b), "\n") {
			return strings.TrimSpace(string(b)), true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", false
}

// TestTUIEndToEnd runs the built binary's demo in a 100x30 tmux pane for three scenarios,
// waits for the verdict, presses q and checks the exit code.
func TestTUIEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	needTool(t, "tmux")
	bin := binary(t)
	tests := []struct {
		scenario string
		cause    string
		code     int
	}{
		{"healthy-cli", "healthy", 0},
		{"missing-data-role-owner", "missing-data-role", 1},
		{"wrong-audience-arm", "wrong-audience", 1},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := t.TempDir()
			exitFile := filepath.Join(dir, "exit")
			cmd := fmt.Sprintf("cd %q && TERM=xterm-256color %q demo %s; echo $? > %q", dir, bin, tt.scenario, exitFile)
			start := time.Now()
			pane := newTmuxPane(t, 100, 30, cmd)
			if _, ok := pane.waitFor(20*time.Second, func(s string) bool { return strings.TrimSpace(s) != "" }); ok {
				t.Logf("first frame after %v", time.Since(start).Round(time.Millisecond))
			}
			screen, ok := pane.waitFor(60*time.Second, func(s string) bool {
				return strings.Contains(s, tt.cause) && strings.Contains(strings.ToLower(s), "verdict")
			})
			if !ok {
				t.Fatalf("no verdict naming %q within 60s; screen:\n%s", tt.cause, screen)
			}
			pane.run("send-keys", "-t", pane.name, "q")
			code, ok := waitFile(exitFile, 10*time.Second)
			if !ok {
				t.Fatalf("the program did not exit after q; screen:\n%s", pane.capture())
			}
			if code != strconv.Itoa(tt.code) {
				t.Fatalf("exit code %s, want %d", code, tt.code)
			}
		})
	}
}
