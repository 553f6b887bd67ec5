package tui

import (
	"context"
	"image/color"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

// t0 is the fixed clock of every test: runs start here.
var t0 = time.Date(2026, 3, 14, 14, 0, 0, 0, time.UTC)

const (
	testEndpoint = "https://contoso-ai.openai.azure.com/"
	roleCommand  = `az role assignment create --assignee-object-id 7b1f3c2e-5d4a-4e8b-9c0d-1a2b3c4d5e6f --assignee-principal-type User --role "Cognitive Services OpenAI User" --scope /subscriptions/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai`
	dataAction   = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"
)

func testConfig() steps.Config {
	return steps.Config{Endpoint: testEndpoint, Deployment: "gpt-4o", Credential: "default", Timeout: 30 * time.Second}
}

func ev(label, value string) steps.Evidence { return steps.Evidence{Label: label, Value: value} }

// missingRoleReport is a fixed diagnosis of the missing-data-role scenario: the facts are the
// emulator's (401 PermissionDenied for a caller with only Owner), the times are fixed.
func missingRoleReport() *steps.Report {
	roleFix := steps.Fix{Title: "Assign Cognitive Services OpenAI User to dev@contoso.example at contoso-ai", Command: roleCommand}
	res := []steps.Result{
		{
			ID: steps.Reproduce, Title: "Reproduce the app's call", Status: steps.Fail,
			Summary: "The call fails with 401 PermissionDenied: the token is accepted but the caller may not call the deployment",
			Evidence: []steps.Evidence{
				ev("credential chain", "EnvironmentCredential: skipped (AZURE_CLIENT_ID not set); WorkloadIdentityCredential: skipped; ManagedIdentityCredential: skipped (no managed identity endpoint); AzureCLICredential: used"),
				ev("scope requested", "https://cognitiveservices.azure.com/.default"),
				ev("credential used", "AzureCLICredential"),
				ev("signed in as", "dev@contoso.example"),
				ev("token", "eyJ0eX…(1532 chars)"),
				ev("request", "POST https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"),
				ev("response", "401 PermissionDenied: The principal `7b1f3c2e-5d4a-4e8b-9c0d-1a2b3c4d5e6f` lacks the required data action `"+dataAction+"` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation."),
			},
			Causes: []cause.ID{"missing-data-role"}, Fixes: []steps.Fix{}, Duration: 1234 * time.Millisecond,
		},
		{
			ID: steps.Scope, Title: "Token scope and audience", Status: steps.Pass,
			Summary: "The token is for https://cognitiveservices.azure.com, which the endpoint accepts",
			Evidence: []steps.Evidence{
				ev("scope the app requests", "https://cognitiveservices.azure.com/.default (the default)"),
				ev("scope the endpoint needs", "https://cognitiveservices.azure.com/.default"),
				ev("token audience (aud)", "https://cognitiveservices.azure.com"),
			},
			Causes: []cause.ID{}, Fixes: []steps.Fix{}, Duration: 2 * time.Millisecond,
		},
		{
			ID: steps.Endpoint, Title: "Endpoint", Status: steps.Pass,
			Summary: "contoso-ai.openai.azure.com is the custom subdomain of contoso-ai",
			Evidence: []steps.Evidence{
				ev("endpoint", testEndpoint),
				ev("kind", "azure-openai"),
				ev("custom subdomain", "contoso-ai"),
				ev("reachable", "yes (HTTP 401 without a token)"),
				ev("resource", "contoso-ai (OpenAI, eastus)"),
			},
			Causes: []cause.ID{}, Fixes: []steps.Fix{}, Duration: 812 * time.Millisecond,
		},
		{
			ID: steps.Role, Title: "Data-plane role", Status: steps.Fail,
			Summary: "dev@contoso.example has no role that allows " + dataAction + " at contoso-ai\nOnly Owner: control-plane roles (Owner, Contributor, Reader, Cognitive Services Contributor) do not grant data access",
			Evidence: []steps.Evidence{
				ev("caller", "dev@contoso.example, user, object ID 7b1f3c2e-5d4a-4e8b-9c0d-1a2b3c4d5e6f"),
				ev("data action needed", dataAction),
				ev("role that grants it", "Cognitive Services OpenAI User"),
				ev("resource", "/subscriptions/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai"),
				ev("assignments", "Owner at subscription prod (inherited)"),
			},
			Causes: []cause.ID{"missing-data-role"}, Fixes: []steps.Fix{roleFix}, Duration: 2100 * time.Millisecond,
		},
		{
			ID: steps.Token, Title: "Token freshness and tenant", Status: steps.Pass,
			Summary: "The token is valid for another 52m and comes from the resource's tenant",
			Evidence: []steps.Evidence{
				ev("issued (iat)", "2026-03-14 13:52:00 UTC"),
				ev("expires (exp)", "2026-03-14 14:52:00 UTC"),
				ev("lifetime left", "52m"),
				ev("tenant (tid)", "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c"),
			},
			Causes: []cause.ID{}, Fixes: []steps.Fix{}, Duration: 3 * time.Millisecond,
		},
		{
			ID: steps.CLI, Title: "Azure CLI token test", Status: steps.Warn,
			Summary: "az signs in as the same identity and gets the same 401: the app's configuration is not the problem",
			Evidence: []steps.Evidence{
				ev("az signed in as", "dev@contoso.example"),
				ev("command", "az account get-access-token --resource https://cognitiveservices.azure.com"),
				ev("response", "401 PermissionDenied"),
			},
			Causes: []cause.ID{}, Fixes: []steps.Fix{}, Duration: 3400 * time.Millisecond,
		},
	}
	for i := range res {
		res[i].DurationMS = res[i].Duration.Milliseconds()
	}
	return &steps.Report{
		Version: 1,
		Tool:    steps.Tool{Name: "aoai-doctor", Version: "test"},
		Input:   steps.Input{Endpoint: testEndpoint, Credential: "default", Scope: "https://cognitiveservices.azure.com/.default", Deployment: "gpt-4o"},
		Steps:   res,
		Verdict: steps.Verdict{
			Cause:   "missing-data-role",
			Also:    []cause.ID{},
			Summary: "dev@contoso.example gets a token, but holds no data-plane role on contoso-ai: Owner manages the resource and does not allow calling models.",
			Fixes: []steps.Fix{
				roleFix,
				{Title: "Then wait up to 5 minutes for the assignment to take effect, and retry"},
				{Title: "Or in the portal: contoso-ai › Access control (IAM) › Add role assignment › Cognitive Services OpenAI User"},
			},
		},
		Duration:   3500 * time.Millisecond,
		DurationMS: 3500,
	}
}

// propagatingReport is the role-propagating variant: the role was assigned 2 minutes ago.
func propagatingReport() *steps.Report {
	r := missingRoleReport()
	role := &r.Steps[3]
	role.Summary = "dev@contoso.example was given Cognitive Services OpenAI User 2m ago: it is not effective yet and should work by 14:03:00 UTC"
	role.Evidence = append(role.Evidence[:4], ev("assignments", "Cognitive Services OpenAI User at contoso-ai (2m ago)"),
		ev("takes effect", "by 14:03:00 UTC (assigned 2m ago; role assignments take up to 5 minutes)"))
	role.Causes = []cause.ID{"role-propagating"}
	r.Verdict.Cause = "role-propagating"
	r.Verdict.Summary = "The right role was assigned 2 minutes ago and is not effective yet: it should work by 14:03:00 UTC."
	r.Verdict.Fixes = []steps.Fix{{Title: "Wait until 14:03:00 UTC and retry; nothing else needs to change"}}
	return r
}

// healthyResult is the reproduce step once the call works.
func healthyResult() steps.Result {
	return steps.Result{ID: steps.Reproduce, Title: "Reproduce the app's call", Status: steps.Pass,
		Summary: "The call succeeds (200) with an Entra ID token", Duration: 900 * time.Millisecond}
}

// eventsFor replays a report as the engine emits it: every step starts, each piece of
// evidence arrives, then the results in order and the report.
func eventsFor(r *steps.Report) []steps.Event {
	var out []steps.Event
	for _, s := range r.Steps {
		out = append(out, steps.Event{Kind: steps.StepStarted, Step: s.ID})
	}
	for _, s := range r.Steps {
		for i := range s.Evidence {
			e := s.Evidence[i]
			out = append(out, steps.Event{Kind: steps.StepProgress, Step: s.ID, Note: e.Label + ": " + e.Value, Evidence: &e})
		}
	}
	for i := range r.Steps {
		res := r.Steps[i]
		out = append(out, steps.Event{Kind: steps.StepFinished, Step: res.ID, Result: &res})
	}
	return append(out, steps.Event{Kind: steps.RunFinished, Report: r})
}

// testClock is a settable clock.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time { return c.now }

// replayEngine is the real steps API except that Run and RunOne replay fixed results.
func replayEngine(rep *steps.Report, one func(steps.StepID) steps.Result) engine {
	e := stepsEngine()
	e.run = func(_ context.Context, _ steps.Config, emit func(steps.Event)) *steps.Report {
		for _, x := range eventsFor(rep) {
			emit(x)
		}
		return rep
	}
	e.runOne = func(_ context.Context, _ steps.Config, id steps.StepID) steps.Result {
		if one != nil {
			return one(id)
		}
		for _, s := range rep.Steps {
			if s.ID == id {
				return s
			}
		}
		return steps.Result{ID: id}
	}
	return e
}

// testModel is a model on the fixed clock at w x h, with the replay engine.
func testModel(t testing.TB, cfg steps.Config, opts Options, rep *steps.Report, w, h int) (*model, *testClock) {
	t.Helper()
	clk := &testClock{now: t0}
	if opts.SaveDir == "" {
		opts.SaveDir = t.TempDir()
	}
	m := newModelWith(context.Background(), cfg, opts, replayEngine(rep, nil), clk.Now)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, clk
}

// feedRun starts the run and delivers every event of rep directly (no goroutines).
func feedRun(t testing.TB, m *model, clk *testClock, rep *steps.Report) {
	t.Helper()
	if !m.running {
		m.startRun()
	}
	for _, e := range eventsFor(rep) {
		if e.Kind == steps.StepFinished {
			clk.now = t0.Add(e.Result.Duration)
		}
		m.Update(engineEventMsg{run: m.runID, ev: e})
	}
	m.Update(runDoneMsg{run: m.runID, report: rep})
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

var (
	darkBackground  = tea.BackgroundColorMsg{Color: color.RGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}}
	lightBackground = tea.BackgroundColorMsg{Color: color.RGBA{R: 0xfa, G: 0xfa, B: 0xfa, A: 0xff}}
)
