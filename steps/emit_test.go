package steps

import (
	"context"
	"testing"
	"time"
)

// TestEmitterOrder: a step that finishes before an earlier one is held back.
func TestEmitterOrder(t *testing.T) {
	var got []StepID
	em := newEmitter(func(ev Event) {
		if ev.Kind == StepFinished {
			got = append(got, ev.Step)
		}
	}, 3)
	em.finished(2, Result{ID: "c"})
	em.finished(1, Result{ID: "b"})
	if len(got) != 0 {
		t.Fatalf("emitted %v before the first step finished", got)
	}
	em.finished(0, Result{ID: "a"})
	if len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "c" {
		t.Errorf("order %v, want [a b c]", got)
	}
}

// TestTask: work runs once, only when asked for, and a waiter can give up.
func TestTask(t *testing.T) {
	runs := 0
	release := make(chan struct{})
	tk := newTask(context.Background(), func(context.Context) int { runs++; <-release; return 7 })
	if _, ok := tk.peek(); ok || runs != 0 {
		t.Fatal("peek started or finished the work")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, ok := tk.get(ctx); ok {
		t.Fatal("get returned before the work finished")
	}
	close(release)
	for range 2 {
		if v, ok := tk.get(context.Background()); !ok || v != 7 {
			t.Fatalf("get = %d, %v", v, ok)
		}
	}
	if runs != 1 {
		t.Errorf("work ran %d times", runs)
	}
}
