package probe

import (
	"github.com/aoai-doctor/aoai-doctor/azure/retry"

	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

func mustParse(t *testing.T, raw string) *endpoint.Info {
	t.Helper()
	info, err := endpoint.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func TestPlan(t *testing.T) {
	tests := []struct {
		name, endpoint, deployment, apiVersion, kind string
		method, url                                  string
	}{
		{"openai chat", "https://contoso-ai.openai.azure.com/", "gpt-4o", "", "", "POST", "https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"},
		{"openai read", "https://contoso-ai.openai.azure.com", "", "2025-01-01-preview", "", "GET", "https://contoso-ai.openai.azure.com/openai/models?api-version=2025-01-01-preview"},
		{"forced read with deployment", "https://contoso-ai.openai.azure.com", "gpt-4o", "", KindRead, "GET", "https://contoso-ai.openai.azure.com/openai/models?api-version=2024-10-21"},
		{"ai services chat", "https://x.cognitiveservices.azure.com/", "gpt-4o", "", "", "POST", "https://x.cognitiveservices.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"},
		{"foundry models chat", "https://x.services.ai.azure.com/models", "Llama-3", "2024-10-21", "", "POST", "https://x.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview"},
		{"foundry models read", "https://x.services.ai.azure.com/models", "", "", "", "GET", "https://x.services.ai.azure.com/openai/models?api-version=2024-10-21"},
		{"v1 chat", "https://x.openai.azure.com/openai/v1/", "gpt-4o", "2024-10-21", "", "POST", "https://x.openai.azure.com/openai/v1/chat/completions"},
		{"v1 read", "https://x.openai.azure.com/openai/v1", "", "", "", "GET", "https://x.openai.azure.com/openai/v1/models"},
		{"project", "https://x.services.ai.azure.com/api/projects/p1", "gpt-4o", "2024-10-21", "", "GET", "https://x.services.ai.azure.com/api/projects/p1/assistants?api-version=2025-05-01"},
		{"regional", "https://eastus.api.cognitive.microsoft.com/", "gpt-4o", "", "", "POST", "https://eastus.api.cognitive.microsoft.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"},
		{"extra path is dropped", "https://x.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=1", "gpt-4o", "", "", "POST", "https://x.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, u, err := Plan(Request{Endpoint: mustParse(t, tt.endpoint), Deployment: tt.deployment, APIVersion: tt.apiVersion, Kind: tt.kind})
			if err != nil {
				t.Fatal(err)
			}
			if m != tt.method || u != tt.url {
				t.Fatalf("got %s %s\nwant %s %s", m, u, tt.method, tt.url)
			}
		})
	}
}

func TestPlanRejects(t *testing.T) {
	info := mustParse(t, "https://x.openai.azure.com/")
	tests := []Request{
		{},
		{Endpoint: info, Deployment: "a/../b"},
		{Endpoint: info, Deployment: "a?b"},
		{Endpoint: info, Deployment: "a\nb"},
		{Endpoint: info, APIVersion: "2024&x=1"},
		{Endpoint: info, Kind: KindChat},
		{Endpoint: info, Kind: "delete"},
	}
	for _, r := range tests {
		if _, _, err := Plan(r); err == nil {
			t.Errorf("%+v: accepted", r)
		}
	}
	resp := Do(t.Context(), nil, Request{Endpoint: info, Auth: Auth{Bearer: "a", APIKey: "b"}})
	if resp.Err == nil || resp.Status != 0 {
		t.Fatalf("both auths: %+v", resp)
	}
}

func TestRetryWait(t *testing.T) {
	h := func(kv ...string) http.Header {
		out := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	tests := []struct {
		h       http.Header
		attempt int
		want    time.Duration
	}{
		{h(), 0, 250 * time.Millisecond},
		{h(), 1, 500 * time.Millisecond},
		{h("Retry-After", "2"), 0, 2 * time.Second},
		{h("Retry-After", "120"), 0, maxTotalWait},
		{h("retry-after-ms", "10"), 0, 10 * time.Millisecond},
		{h("Retry-After", "-3"), 0, 250 * time.Millisecond},
		{h("Retry-After", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)), 0, 0},
	}
	for i, tt := range tests {
		if got := retry.Wait(tt.h, tt.attempt, 250*time.Millisecond, maxTotalWait); got != tt.want {
			t.Errorf("%d: got %v want %v", i, got, tt.want)
		}
	}
	if !strings.Contains(clip(strings.Repeat("é", 3000), 4096), "…") {
		t.Error("clip")
	}
}
