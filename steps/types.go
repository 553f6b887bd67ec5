package steps

import (
	"net/http"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// StepID names a step. The IDs are part of the JSON contract.
type StepID string

const (
	Reproduce StepID = "reproduce"
	Scope     StepID = "scope"
	Endpoint  StepID = "endpoint"
	Role      StepID = "role"
	Token     StepID = "token"
	CLI       StepID = "cli"
)

// Status is a step's outcome. The values are part of the JSON contract.
type Status string

const (
	Pass  Status = "pass"
	Warn  Status = "warn"
	Fail  Status = "fail"
	Skip  Status = "skip"
	Error Status = "error" // the check itself could not run (inconclusive)
)

// Evidence is one labelled observation. Values never hold a whole token, secret or key,
// and text that came from a server is sanitized before it is stored here.
type Evidence struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Fix is one action, ideally a command to copy with the real IDs filled in.
type Fix struct {
	Title   string `json:"title"`
	Command string `json:"command,omitempty"`
	Lang    string `json:"lang,omitempty"` // python, javascript, csharp, go, java, shell, env; empty = shell/portal
}

// Result is one step's outcome.
type Result struct {
	ID       StepID        `json:"id"`
	Title    string        `json:"title"`
	Status   Status        `json:"status"`
	Summary  string        `json:"summary"`
	Evidence []Evidence    `json:"evidence"`
	Causes   []cause.ID    `json:"causes"`
	Fixes    []Fix         `json:"fixes"`
	Duration time.Duration `json:"-"`
	// DurationMS mirrors Duration for JSON (filled by the renderer).
	DurationMS int64 `json:"duration_ms"`
}

// Verdict names exactly one root cause.
type Verdict struct {
	Cause   cause.ID   `json:"cause"`
	Also    []cause.ID `json:"also"`
	Summary string     `json:"summary"`
	Fixes   []Fix      `json:"fixes"`
}

// Tool identifies the program in reports.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Input echoes the diagnosed configuration (never a secret).
type Input struct {
	Endpoint   string `json:"endpoint"`
	Credential string `json:"credential"`
	Scope      string `json:"scope"`
	Deployment string `json:"deployment"`
	Tenant     string `json:"tenant"`
}

// Report is the whole diagnosis: the JSON document of DESIGN.md.
type Report struct {
	Version    int           `json:"version"`
	Tool       Tool          `json:"tool"`
	Input      Input         `json:"input"`
	Steps      []Result      `json:"steps"`
	Verdict    Verdict       `json:"verdict"`
	Duration   time.Duration `json:"-"`
	DurationMS int64         `json:"duration_ms"`
}

// EventKind says what an Event reports.
type EventKind int

const (
	StepStarted  EventKind = iota + 1 // a step began
	StepProgress                      // a step produced a piece of evidence or a progress note
	StepFinished                      // a step's Result is final
	RunFinished                       // the Report is final
)

// Event is emitted while a run progresses, in step order for StepFinished.
type Event struct {
	Kind     EventKind
	Step     StepID
	Note     string    // StepProgress: a short live summary
	Evidence *Evidence // StepProgress: a piece of evidence as it arrives
	Result   *Result   // StepFinished
	Report   *Report   // RunFinished
}

// Config is how the user's app calls Azure: the inputs of `check` (DESIGN.md).
type Config struct {
	Endpoint   string
	Deployment string
	APIVersion string
	Scope      string // the scope the app requests; see ScopeSet
	// ScopeSet says Scope was given explicitly. An explicit empty scope is what an app that
	// builds its token provider with "" requests; an unset scope means "the right one".
	ScopeSet     bool
	Credential   string // default|cli|managed-identity|service-principal|workload-identity|token
	Tenant       string
	ClientID     string
	Token        string // --token / --token-file contents
	APIKey       string // only to compare key auth with token auth; never printed
	Error        string // the error the app saw
	Subscription string
	Lang         string // fix snippets: python|javascript|csharp|go|java|all (default all)
	AzPath       string // az executable; empty = "az" on PATH
	Timeout      time.Duration

	// Env is the app's environment as the credential chain sees it (KEY -> value).
	// nil means the process environment.
	Env map[string]string
	// HTTPClient carries every request (proxy, CA). nil = a default client honouring HTTPS_PROXY.
	HTTPClient *http.Client
	// Now is the app's clock. nil = time.Now.
	Now func() time.Time
	// ToolVersion fills Report.Tool.Version.
	ToolVersion string
}
