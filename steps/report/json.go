// Package report renders a diagnosis (and the offline explain and token outputs) as text for a
// terminal, as JSON for scripts, and as markdown for a support ticket.
package report

import (
	"encoding/json"
	"io"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

// JSON writes the report in the schema of DESIGN.md (version 1). Arrays are never null and
// every fix has both "title" and "command" ("lang" is added for code fixes).
func JSON(w io.Writer, r *steps.Report) error {
	n := Normalize(r)
	out := wireReport{Version: n.Version, Tool: n.Tool, Input: n.Input, Steps: []wireStep{}, DurationMS: n.DurationMS,
		Verdict: wireVerdict{Cause: n.Verdict.Cause, Also: n.Verdict.Also, Summary: n.Verdict.Summary, Fixes: wireFixes(n.Verdict.Fixes)}}
	for _, s := range n.Steps {
		out.Steps = append(out.Steps, wireStep{ID: s.ID, Title: s.Title, Status: s.Status, Summary: s.Summary,
			Evidence: s.Evidence, Causes: s.Causes, Fixes: wireFixes(s.Fixes), DurationMS: s.DurationMS})
	}
	return writeJSON(w, out)
}

// The JSON document of DESIGN.md, field for field.
type (
	wireReport struct {
		Version    int         `json:"version"`
		Tool       steps.Tool  `json:"tool"`
		Input      steps.Input `json:"input"`
		Steps      []wireStep  `json:"steps"`
		Verdict    wireVerdict `json:"verdict"`
		DurationMS int64       `json:"duration_ms"`
	}
	wireStep struct {
		ID         steps.StepID     `json:"id"`
		Title      string           `json:"title"`
		Status     steps.Status     `json:"status"`
		Summary    string           `json:"summary"`
		Evidence   []steps.Evidence `json:"evidence"`
		Causes     []cause.ID       `json:"causes"`
		Fixes      []wireFix        `json:"fixes"`
		DurationMS int64            `json:"duration_ms"`
	}
	wireVerdict struct {
		Cause   cause.ID   `json:"cause"`
		Also    []cause.ID `json:"also"`
		Summary string     `json:"summary"`
		Fixes   []wireFix  `json:"fixes"`
	}
	wireFix struct {
		Title   string `json:"title"`
		Command string `json:"command"`
		Lang    string `json:"lang,omitempty"`
	}
	wireCause struct {
		ID         cause.ID  `json:"id"`
		Confidence float64   `json:"confidence"`
		Summary    string    `json:"summary"`
		Fixes      []wireFix `json:"fixes"`
		Detail     string    `json:"detail,omitempty"`
		Code       string    `json:"code,omitempty"`
	}
	wireExplanation struct {
		Version int         `json:"version"`
		Causes  []wireCause `json:"causes"`
	}
)

func wireFixes(in []steps.Fix) []wireFix {
	out := make([]wireFix, 0, len(in))
	for _, f := range in {
		out = append(out, wireFix{Title: f.Title, Command: f.Command, Lang: f.Lang})
	}
	return out
}

// Normalize returns a copy of r ready to encode: version and tool set, durations mirrored in
// milliseconds, nil slices replaced by empty ones, every string sanitized.
func Normalize(r *steps.Report) *steps.Report {
	if r == nil {
		r = &steps.Report{}
	}
	out := *r
	if out.Version == 0 {
		out.Version = 1
	}
	if out.Tool.Name == "" {
		out.Tool.Name = "aoai-doctor"
	}
	out.Tool.Version = sanitize.Line(out.Tool.Version)
	out.Input = steps.Input{
		Endpoint:   sanitize.Line(r.Input.Endpoint),
		Credential: sanitize.Line(r.Input.Credential),
		Scope:      sanitize.Line(r.Input.Scope),
		Deployment: sanitize.Line(r.Input.Deployment),
		Tenant:     sanitize.Line(r.Input.Tenant),
	}
	if r.Duration > 0 {
		out.DurationMS = r.Duration.Milliseconds()
	}
	out.Steps = make([]steps.Result, len(r.Steps))
	for i, s := range r.Steps {
		out.Steps[i] = normalizeResult(s)
	}
	out.Verdict = steps.Verdict{
		Cause:   r.Verdict.Cause,
		Also:    causes(r.Verdict.Also),
		Summary: sanitize.Text(r.Verdict.Summary),
		Fixes:   fixes(r.Verdict.Fixes),
	}
	if out.Verdict.Cause == "" {
		out.Verdict.Cause = cause.Unknown
	}
	return &out
}

func normalizeResult(s steps.Result) steps.Result {
	out := s
	out.Title = sanitize.Line(s.Title)
	out.Summary = sanitize.Text(s.Summary)
	out.Evidence = make([]steps.Evidence, 0, len(s.Evidence))
	for _, e := range s.Evidence {
		out.Evidence = append(out.Evidence, steps.Evidence{Label: sanitize.Line(e.Label), Value: sanitize.Text(e.Value)})
	}
	out.Causes = causes(s.Causes)
	out.Fixes = fixes(s.Fixes)
	if s.Duration > 0 {
		out.DurationMS = s.Duration.Milliseconds()
	}
	return out
}

func causes(in []cause.ID) []cause.ID {
	out := make([]cause.ID, 0, len(in))
	return append(out, in...)
}

func fixes(in []steps.Fix) []steps.Fix {
	out := make([]steps.Fix, 0, len(in))
	for _, f := range in {
		out = append(out, steps.Fix{Title: sanitize.Text(f.Title), Command: sanitize.Text(f.Command), Lang: f.Lang})
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
