package steps

import "sync"

// emitter serializes events from the steps' goroutines and holds back a StepFinished until
// every earlier step has finished, so front ends see results in step order.
type emitter struct {
	mu      sync.Mutex
	fn      func(Event)
	results []*Result
	next    int
}

func newEmitter(fn func(Event), n int) *emitter {
	return &emitter{fn: fn, results: make([]*Result, n)}
}

func (e *emitter) send(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.fn != nil {
		e.fn(ev)
	}
}

// finished records step idx's result and emits every result now in order.
func (e *emitter) finished(idx int, res Result) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r := res
	e.results[idx] = &r
	for e.next < len(e.results) && e.results[e.next] != nil {
		if e.fn != nil {
			cp := *e.results[e.next]
			e.fn(Event{Kind: StepFinished, Step: cp.ID, Result: &cp})
		}
		e.next++
	}
}
