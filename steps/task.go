package steps

import (
	"context"
	"sync"
)

// task is a piece of shared work (a token, the app's call, a Resource Manager lookup) that
// starts the first time a step asks for it and runs once; every step that needs it waits on
// the same result. Work that nobody asks for never runs, so RunOne does only what one step needs.
type task[T any] struct {
	once sync.Once
	done chan struct{}
	ctx  context.Context
	fn   func(context.Context) T
	v    T
}

func newTask[T any](ctx context.Context, fn func(context.Context) T) *task[T] {
	return &task[T]{done: make(chan struct{}), ctx: ctx, fn: fn}
}

// start begins the work if it has not begun.
func (t *task[T]) start() {
	t.once.Do(func() {
		go func() {
			defer close(t.done)
			t.v = t.fn(t.ctx)
		}()
	})
}

// get starts the work and waits for it; ok is false when ctx ended first.
func (t *task[T]) get(ctx context.Context) (v T, ok bool) {
	t.start()
	if v, ok := t.peek(); ok {
		return v, true
	}
	select {
	case <-t.done:
		return t.v, true
	case <-ctx.Done():
		return v, false
	}
}

// peek returns the result if the work is done, without starting or waiting for it.
func (t *task[T]) peek() (v T, ok bool) {
	select {
	case <-t.done:
		return t.v, true
	default:
		return v, false
	}
}
