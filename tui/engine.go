package tui

import (
	"context"
	"sync"
	"time"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// engine is what the TUI needs from package steps, as functions so tests can drive the model
// with fixed results instead of a network.
type engine struct {
	run      func(ctx context.Context, cfg steps.Config, emit func(steps.Event)) *steps.Report
	runOne   func(ctx context.Context, cfg steps.Config, id steps.StepID) steps.Result
	validate func(cfg steps.Config) error
	exitCode func(r *steps.Report) int
	infos    func() []steps.Info
}

// stepsEngine is the real diagnosis.
func stepsEngine() engine {
	return engine{
		run:      steps.Run,
		runOne:   steps.RunOne,
		validate: steps.Validate,
		exitCode: steps.ExitCode,
		infos:    steps.Steps,
	}
}

// resources tracks what outlives a message: engine goroutines and demo cleanups. Run closes
// it after the program ends and the work is cancelled. With a demo world to clean up, the
// goroutines first get a short grace period to notice the cancellation (never to finish a
// network call), so the world does not vanish under them; then the cleanups run.
type resources struct {
	mu       sync.Mutex
	wg       sync.WaitGroup
	closed   bool
	cleanups map[int]func()
	nextID   int
}

func newResources() *resources { return &resources{cleanups: map[int]func(){}} }

// addCleanup registers fn and returns its key; after close, fn runs at once.
func (r *resources) addCleanup(fn func()) int {
	if fn == nil {
		return 0
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		fn()
		return 0
	}
	r.nextID++
	id := r.nextID
	r.cleanups[id] = fn
	r.mu.Unlock()
	return id
}

// runCleanup runs and forgets the cleanup registered under id.
func (r *resources) runCleanup(id int) {
	r.mu.Lock()
	fn := r.cleanups[id]
	delete(r.cleanups, id)
	r.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// goStarted counts one piece of background work; done must be called when it ends.
func (r *resources) goStarted() (done func()) {
	r.wg.Add(1)
	var once sync.Once
	return func() { once.Do(r.wg.Done) }
}

// shutdownGrace bounds how long Run waits for cancelled work to return.
const shutdownGrace = 2 * time.Second

func (r *resources) close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	pending := len(r.cleanups) > 0
	r.mu.Unlock()

	if pending {
		// Let cancelled work return before its demo world goes away.
		waited := make(chan struct{})
		go func() { r.wg.Wait(); close(waited) }()
		select {
		case <-waited:
		case <-time.After(shutdownGrace):
		}
	}

	r.mu.Lock()
	fns := make([]func(), 0, len(r.cleanups))
	for _, fn := range r.cleanups {
		fns = append(fns, fn)
	}
	r.cleanups = map[int]func(){}
	r.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
