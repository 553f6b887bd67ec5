package steps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// DefaultTimeout bounds a run whose Config has no Timeout.
const DefaultTimeout = 30 * time.Second

// run is one diagnosis: the configuration, the shared work the steps draw on, and the facts
// they establish for the verdict.
type run struct {
	ctx    context.Context
	cancel context.CancelFunc
	cfg    Config
	lang   string
	kind   string // credential kind

	info     *endpoint.Info // nil only when the endpoint is not a URL (Validate catches that)
	infoErr  error
	appScope string // the scope the app requests

	acquire   *task[acquireOut]
	probe     *task[probeOut] // the app's call with the app's token
	keyProbe  *task[probeOut] // the same call with --api-key
	reach     *task[probeOut] // an anonymous request: does the host answer at all?
	arm       *task[armOut]
	role      *task[roleOut]
	azAccount *task[azAccountOut]
	cliToken  *task[cliTokenOut]
	cliProbe  *task[probeOut]

	mu    sync.Mutex
	facts facts
}

type stepFunc func(r *run, ctx context.Context, s *stepCtx) Result

var stepFuncs = map[StepID]stepFunc{
	Reproduce: (*run).stepReproduce,
	Scope:     (*run).stepScope,
	Endpoint:  (*run).stepEndpoint,
	Role:      (*run).stepRole,
	Token:     (*run).stepToken,
	CLI:       (*run).stepCLI,
}

func newRun(parent context.Context, cfg Config) *run {
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(parent, timeout)
	r := &run{ctx: ctx, cancel: cancel, cfg: cfg, lang: langOf(cfg), kind: credentialOf(cfg)}
	r.info, r.infoErr = endpoint.Parse(cfg.Endpoint)
	switch {
	case cfg.ScopeSet:
		r.appScope = cfg.Scope
	case r.info != nil && r.info.Scope != "":
		r.appScope = r.info.Scope
	default:
		r.appScope = "https://cognitiveservices.azure.com/.default"
	}
	r.acquire = newTask(ctx, r.doAcquire)
	r.probe = newTask(ctx, r.doProbe)
	r.keyProbe = newTask(ctx, r.doKeyProbe)
	r.reach = newTask(ctx, r.doReach)
	r.arm = newTask(ctx, r.doARM)
	r.role = newTask(ctx, r.doRole)
	r.azAccount = newTask(ctx, r.doAzAccount)
	r.cliToken = newTask(ctx, r.doCLIToken)
	r.cliProbe = newTask(ctx, r.doCLIProbe)
	return r
}

// now is the app's clock.
func (r *run) now() time.Time {
	if r.cfg.Now != nil {
		return r.cfg.Now()
	}
	return time.Now()
}

// getenv reads the app's environment.
func (r *run) getenv(k string) string {
	if r.cfg.Env != nil {
		return r.cfg.Env[k]
	}
	return os.Getenv(k)
}

// environ is the environment for child processes (az): the process's, overlaid with the app's.
func (r *run) environ() []string {
	if r.cfg.Env == nil {
		return nil
	}
	m := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	for k, v := range r.cfg.Env {
		m[k] = v
	}
	out := make([]string, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, k+"="+m[k])
	}
	return out
}

func (r *run) httpClient() *http.Client { return r.cfg.HTTPClient }

func (r *run) setFacts(fn func(f *facts)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fn(&r.facts)
}

func (r *run) getFacts() facts {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.facts
	f.endpointProblems = append([]cause.ID(nil), r.facts.endpointProblems...)
	f.scopeProblems = append([]cause.ID(nil), r.facts.scopeProblems...)
	return f
}

// Run diagnoses cfg: the steps run concurrently, sharing the work they depend on, bounded by
// cfg.Timeout and ctx. emit (may be nil) receives StepStarted and StepProgress events as they
// happen, StepFinished events in step order, then RunFinished; calls are serialized.
func Run(ctx context.Context, cfg Config, emit func(Event)) *Report {
	start := time.Now()
	r := newRun(ctx, cfg)
	defer r.cancel()
	em := newEmitter(emit, len(catalog))
	results := make([]Result, len(catalog))
	var wg sync.WaitGroup
	for i, info := range catalog {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := r.runStep(info, em)
			results[i] = res
			em.finished(i, res)
		}()
	}
	wg.Wait()
	rep := r.report(results, time.Since(start))
	em.send(Event{Kind: RunFinished, Report: rep})
	return rep
}

// RunOne runs one step again, with the work it depends on, and returns its result.
func RunOne(ctx context.Context, cfg Config, id StepID) Result {
	info, ok := stepInfo(id)
	if !ok {
		return Result{ID: id, Title: string(id), Status: Error, Summary: fmt.Sprintf("no step %q", id),
			Evidence: []Evidence{}, Causes: []cause.ID{}, Fixes: []Fix{}}
	}
	r := newRun(ctx, cfg)
	defer r.cancel()
	return r.runStep(info, newEmitter(nil, len(catalog)))
}

// runStep runs one step, never panicking, and fills in what every result has.
func (r *run) runStep(info Info, em *emitter) (res Result) {
	em.send(Event{Kind: StepStarted, Step: info.ID})
	s := &stepCtx{id: info.ID, em: em}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			res = s.result(Error, fmt.Sprintf("internal error in this step: %v", p))
			res.Evidence = append(res.Evidence, Evidence{Label: "stack", Value: firstLines(string(debug.Stack()), 6)})
		}
		res.ID, res.Title = info.ID, info.Title
		res.Duration = time.Since(start)
		res.DurationMS = res.Duration.Milliseconds()
		if res.Evidence == nil {
			res.Evidence = []Evidence{}
		}
		if res.Causes == nil {
			res.Causes = []cause.ID{}
		}
		if res.Fixes == nil {
			res.Fixes = []Fix{}
		}
	}()
	return stepFuncs[info.ID](r, r.ctx, s)
}

// interrupted is the result of a step whose wait ended with the run's deadline or cancellation.
func (r *run) interrupted(s *stepCtx, what string) Result {
	err := r.ctx.Err()
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return s.result(Error, fmt.Sprintf("timed out while %s (the whole run may take %v; raise --timeout)", what, r.timeout()))
	case err != nil:
		return s.result(Error, "cancelled while "+what)
	}
	return s.result(Error, "stopped while "+what)
}

func (r *run) timeout() time.Duration {
	if r.cfg.Timeout > 0 {
		return r.cfg.Timeout
	}
	return DefaultTimeout
}

// stepCtx collects one step's evidence, causes and fixes, and reports progress live.
type stepCtx struct {
	id       StepID
	em       *emitter
	mu       sync.Mutex
	evidence []Evidence
	causes   []cause.ID
	fixes    []Fix
}

// add records a piece of evidence and shows it live.
func (s *stepCtx) add(label, value string) {
	e := Evidence{Label: label, Value: value}
	s.mu.Lock()
	s.evidence = append(s.evidence, e)
	s.mu.Unlock()
	s.em.send(Event{Kind: StepProgress, Step: s.id, Note: label + ": " + firstLines(value, 1), Evidence: &e})
}

// note shows a progress line without recording evidence.
func (s *stepCtx) note(text string) {
	s.em.send(Event{Kind: StepProgress, Step: s.id, Note: text})
}

func (s *stepCtx) cause(ids ...cause.ID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if id != "" && !containsCause(s.causes, id) {
			s.causes = append(s.causes, id)
		}
	}
}

func (s *stepCtx) fix(f ...Fix) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fixes = append(s.fixes, f...)
}

func (s *stepCtx) result(status Status, summary string) Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Result{
		ID: s.id, Status: status, Summary: summary,
		Evidence: append([]Evidence{}, s.evidence...),
		Causes:   append([]cause.ID{}, s.causes...),
		Fixes:    append([]Fix{}, s.fixes...),
	}
}

func containsCause(list []cause.ID, id cause.ID) bool {
	for _, c := range list {
		if c == id {
			return true
		}
	}
	return false
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
