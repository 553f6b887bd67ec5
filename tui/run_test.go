package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// TestRunQuitsFromThePicker drives Run itself over pipes: the picker opens (no engine, no
// network), q quits, and nothing was prepared so there is no verdict: exit code 3. (The
// drawing itself is TestSmoke's.)
func TestRunQuitsFromThePicker(t *testing.T) {
	prepared := false
	prep := func(context.Context, string) (steps.Config, func(), error) {
		prepared = true
		return steps.Config{}, nil, nil
	}
	pr, pw := io.Pipe()
	var out bytes.Buffer
	done := make(chan struct{})
	var code int
	var err error
	go func() {
		defer close(done)
		code, err = Run(context.Background(), steps.Config{}, Options{
			Demo: true, Prepare: prep, Scenarios: []Scenario{{Name: "healthy", Description: "works"}},
			Input: pr, Output: &out, Environ: []string{"TERM=xterm-256color", "NO_COLOR=1"},
		})
	}()
	if _, werr := io.WriteString(pw, "q"); werr != nil {
		t.Fatal(werr)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after q")
	}
	pw.Close()
	if err != nil || code != 3 || prepared {
		t.Errorf("code %d err %v prepared %v", code, err, prepared)
	}
	if !strings.Contains(out.String(), "\x1b]2;aoai-doctor") {
		t.Errorf("the program did not start on the given output: %q", out.String())
	}
}

// TestRunEndsWithItsContext: cancelling ctx ends the program without an error.
func TestRunEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	done := make(chan struct{})
	var code int
	var err error
	prep := func(context.Context, string) (steps.Config, func(), error) { return steps.Config{}, nil, nil }
	go func() {
		defer close(done)
		code, err = Run(ctx, steps.Config{}, Options{Prepare: prep, Input: pr, Output: io.Discard, Environ: []string{"TERM=dumb"}})
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if err != nil || code != 3 {
		t.Errorf("code %d err %v", code, err)
	}
}
