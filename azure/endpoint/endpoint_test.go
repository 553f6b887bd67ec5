package endpoint

import (
	"slices"
	"strings"
	"testing"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

func causes(ps []Problem) []cause.ID {
	var out []cause.ID
	for _, p := range ps {
		out = append(out, p.Cause)
	}
	return out
}

func TestParseKinds(t *testing.T) {
	tests := []struct {
		raw       string
		kind      Kind
		cloud     string
		sub       string
		project   string
		base      string
		scope     string
		audiences []string
		problems  []cause.ID
		v1        bool
	}{
		{raw: "https://contoso.openai.azure.com/", kind: KindAzureOpenAI, cloud: CloudPublic, sub: "contoso",
			base: "https://contoso.openai.azure.com/", scope: "https://cognitiveservices.azure.com/.default",
			audiences: []string{"https://cognitiveservices.azure.com"}},
		{raw: "  https://Contoso.OpenAI.Azure.com  ", kind: KindAzureOpenAI, cloud: CloudPublic, sub: "contoso",
			base: "https://contoso.openai.azure.com/", scope: "https://cognitiveservices.azure.com/.default"},
		{raw: "https://contoso.cognitiveservices.azure.com/", kind: KindAIServices, cloud: CloudPublic, sub: "contoso",
			base: "https://contoso.cognitiveservices.azure.com/", scope: "https://cognitiveservices.azure.com/.default",
			audiences: []string{"https://cognitiveservices.azure.com", "https://ai.azure.com"}},
		{raw: "https://contoso.services.ai.azure.com/", kind: KindAIServices, cloud: CloudPublic, sub: "contoso",
			base: "https://contoso.services.ai.azure.com/"},
		{raw: "https://contoso.services.ai.azure.com/models", kind: KindFoundryModels, cloud: CloudPublic, sub: "contoso",
			base: "https://contoso.services.ai.azure.com/models", scope: "https://cognitiveservices.azure.com/.default"},
		{raw: "https://contoso.services.ai.azure.com/api/projects/proj1", kind: KindFoundryProject, cloud: CloudPublic,
			sub: "contoso", project: "proj1", base: "https://contoso.services.ai.azure.com/api/projects/proj1",
			scope: "https://ai.azure.com/.default", audiences: []string{"https://ai.azure.com"}},
		{raw: "https://contoso.services.ai.azure.com/api/projects/proj1/openai/v1", kind: KindFoundryProject, project: "proj1",
			base: "https://contoso.services.ai.azure.com/api/projects/proj1", v1: true, scope: "https://ai.azure.com/.default"},
		{raw: "https://contoso.openai.azure.com/openai/v1/", kind: KindAzureOpenAI, v1: true, base: "https://contoso.openai.azure.com/"},
		{raw: "https://contoso.openai.azure.us/", kind: KindAzureOpenAI, cloud: CloudUSGov, sub: "contoso",
			scope: "https://cognitiveservices.azure.us/.default", audiences: []string{"https://cognitiveservices.azure.us"}},
		{raw: "https://contoso.cognitiveservices.azure.us", kind: KindAIServices, cloud: CloudUSGov,
			audiences: []string{"https://cognitiveservices.azure.us", "https://ai.azure.us"}},
		{raw: "https://contoso.openai.azure.cn/", kind: KindAzureOpenAI, cloud: CloudChina, scope: "https://cognitiveservices.azure.cn/.default"},
		{raw: "https://eastus.api.cognitive.microsoft.com/", kind: KindRegional, cloud: CloudPublic, sub: "eastus",
			problems: []cause.ID{cause.RegionalEndpoint}},
		{raw: "https://usgovvirginia.api.cognitive.microsoft.us/", kind: KindRegional, cloud: CloudUSGov, problems: []cause.ID{cause.RegionalEndpoint}},
		{raw: "https://chinaeast2.api.cognitive.azure.cn/", kind: KindRegional, cloud: CloudChina, problems: []cause.ID{cause.RegionalEndpoint}},
		{raw: "https://deepseek-r1.eastus2.models.ai.azure.com", kind: KindServerless, problems: []cause.ID{cause.ServerlessEndpoint}},
		{raw: "https://phi4.eastus2.inference.ai.azure.com/v1", kind: KindServerless, problems: []cause.ID{cause.ServerlessEndpoint}},
		{raw: "https://contoso.privatelink.openai.azure.com/", kind: KindAzureOpenAI, sub: "contoso"},
		{raw: "https://api.openai.com/v1", kind: KindUnknown, problems: []cause.ID{cause.Unknown}},
		{raw: "https://example.com/", kind: KindUnknown, problems: []cause.ID{cause.Unknown}},
		{raw: "https://contoso.opnai.azure.com/", kind: KindUnknown, problems: []cause.ID{cause.EndpointNotFound}},
		{raw: "https://openai.azure.com/", kind: KindUnknown, problems: []cause.ID{cause.EndpointNotFound}},
		{raw: "https://127.0.0.1:8443/", kind: KindUnknown, problems: []cause.ID{cause.EndpointPath, cause.Unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			info, err := Parse(tt.raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if info.Kind != tt.kind {
				t.Errorf("kind = %s, want %s", info.Kind, tt.kind)
			}
			if tt.cloud != "" && info.Cloud != tt.cloud {
				t.Errorf("cloud = %q, want %q", info.Cloud, tt.cloud)
			}
			if tt.sub != "" && info.Subdomain != tt.sub {
				t.Errorf("subdomain = %q, want %q", info.Subdomain, tt.sub)
			}
			if info.Project != tt.project {
				t.Errorf("project = %q, want %q", info.Project, tt.project)
			}
			if tt.base != "" && info.BaseURL != tt.base {
				t.Errorf("base = %q, want %q", info.BaseURL, tt.base)
			}
			if tt.scope != "" && info.Scope != tt.scope {
				t.Errorf("scope = %q, want %q", info.Scope, tt.scope)
			}
			if tt.audiences != nil && !slices.Equal(info.Audiences, tt.audiences) {
				t.Errorf("audiences = %v, want %v", info.Audiences, tt.audiences)
			}
			if info.V1 != tt.v1 {
				t.Errorf("v1 = %v, want %v", info.V1, tt.v1)
			}
			if got := causes(info.Problems); !slices.Equal(got, tt.problems) {
				t.Errorf("problems = %v, want %v (%+v)", got, tt.problems, info.Problems)
			}
		})
	}
}

func TestParsePathProblems(t *testing.T) {
	tests := []struct {
		raw        string
		kind       Kind
		base       string
		deployment string
		apiVersion string
		want       []cause.ID
		mention    string // the corrected base must appear in a problem
	}{
		{raw: "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
			kind: KindAzureOpenAI, base: "https://contoso.openai.azure.com/", deployment: "gpt-4o", apiVersion: "2024-10-21",
			want: []cause.ID{cause.EndpointPath, cause.EndpointPath}, mention: "https://contoso.openai.azure.com/"},
		{raw: "https://contoso.openai.azure.com/openai/v1/openai/v1/", kind: KindAzureOpenAI,
			want: []cause.ID{cause.EndpointPath}, mention: "https://contoso.openai.azure.com/"},
		{raw: "https://contoso.openai.azure.com/openai/v1/openai/deployments/gpt/chat/completions", kind: KindAzureOpenAI,
			deployment: "gpt", want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com/openai", kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com/chat/completions", kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com/v1", kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com/openai/v1/chat/completions", kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.services.ai.azure.com/models/chat/completions", kind: KindFoundryModels,
			base: "https://contoso.services.ai.azure.com/models", want: []cause.ID{cause.EndpointPath}, mention: "https://contoso.services.ai.azure.com/models"},
		{raw: "https://contoso.services.ai.azure.com/api/projects/p/assistants", kind: KindFoundryProject,
			base: "https://contoso.services.ai.azure.com/api/projects/p", want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.services.ai.azure.com/api/projects", kind: KindAIServices, want: []cause.ID{cause.EndpointPath}},
		{raw: "http://contoso.openai.azure.com/", kind: KindAzureOpenAI, base: "https://contoso.openai.azure.com/", want: []cause.ID{cause.EndpointPath}},
		{raw: "contoso.openai.azure.com", kind: KindAzureOpenAI, base: "https://contoso.openai.azure.com/", want: []cause.ID{cause.EndpointPath}},
		{raw: `"https://contoso.openai.azure.com/"`, kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com/?foo=bar", kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com:444/", kind: KindAzureOpenAI, want: []cause.ID{cause.EndpointPath}},
		{raw: "https://contoso.openai.azure.com:443/", kind: KindAzureOpenAI, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			info, err := Parse(tt.raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if info.Kind != tt.kind {
				t.Errorf("kind = %s, want %s", info.Kind, tt.kind)
			}
			if tt.base != "" && info.BaseURL != tt.base {
				t.Errorf("base = %q, want %q", info.BaseURL, tt.base)
			}
			if info.Deployment != tt.deployment {
				t.Errorf("deployment = %q, want %q", info.Deployment, tt.deployment)
			}
			if info.APIVersion != tt.apiVersion {
				t.Errorf("api version = %q, want %q", info.APIVersion, tt.apiVersion)
			}
			if got := causes(info.Problems); !slices.Equal(got, tt.want) {
				t.Errorf("problems = %v, want %v (%+v)", got, tt.want, info.Problems)
			}
			if tt.mention != "" {
				found := false
				for _, p := range info.Problems {
					found = found || strings.Contains(p.Summary, tt.mention)
				}
				if !found {
					t.Errorf("no problem names the corrected base %s: %+v", tt.mention, info.Problems)
				}
			}
		})
	}
}

func TestParseV1BaseIsNotAProblem(t *testing.T) {
	for _, raw := range []string{"https://contoso.openai.azure.com/openai/v1", "https://contoso.services.ai.azure.com/openai/v1/"} {
		info, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if len(info.Problems) != 0 || !info.V1 || len(info.Notes) == 0 {
			t.Errorf("%s: problems %+v, v1 %v, notes %v", raw, info.Problems, info.V1, info.Notes)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", "empty"},
		{"   ", "empty"},
		{"https://", "no host"},
		{"https://exa mple.com", "spaces"},
		{"https://a..b/", "not a valid host"},
		{"https://[::1", "not a URL"},
		{"/subscriptions/x/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", "resource ID"},
		{strings.Repeat("a", 5000), "characters long"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.raw)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%.40q) error = %v, want it to mention %q", tt.raw, err, tt.want)
		}
	}
}

func TestParseHidesURLCredentials(t *testing.T) {
	info, err := Parse("https://user:hunter2secret@contoso.openai.azure.com/")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(info.Input, "hunter2") || strings.Contains(info.URL.String(), "hunter2") || strings.Contains(info.BaseURL, "hunter2") {
		t.Errorf("password leaked: %q %q", info.Input, info.URL)
	}
	if got := causes(info.Problems); !slices.Contains(got, cause.EndpointPath) {
		t.Errorf("problems = %v", got)
	}
	_, err = Parse("https://user:hunter2secret@contoso.openai.azure.com:badport/")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error %v: want an error without the password", err)
	}
}

func TestScopeProblems(t *testing.T) {
	aoai, _ := Parse("https://contoso.openai.azure.com/")
	proj, _ := Parse("https://contoso.services.ai.azure.com/api/projects/p")
	gov, _ := Parse("https://contoso.openai.azure.us/")
	foundry, _ := Parse("https://contoso.services.ai.azure.com/")
	serverless, _ := Parse("https://x.eastus.models.ai.azure.com/")
	tests := []struct {
		scope string
		info  *Info
		want  []cause.ID
	}{
		{"https://cognitiveservices.azure.com/.default", aoai, nil},
		{" https://cognitiveservices.azure.com/.default ", aoai, nil},
		{"https://cognitiveservices.azure.com//.default", aoai, nil},
		{"https://cognitiveservices.azure.com/.default openid offline_access", aoai, nil},
		{"https://cognitiveservices.azure.com/user_impersonation", aoai, nil},
		{"", aoai, []cause.ID{cause.InvalidScope}},
		{"https://cognitiveservices.azure.com", aoai, []cause.ID{cause.InvalidScope}},
		{"https://cognitiveservices.azure.com/", aoai, []cause.ID{cause.InvalidScope}},
		{"cognitiveservices.azure.com/.default", aoai, []cause.ID{cause.InvalidScope}},
		{"http://cognitiveservices.azure.com/.default", aoai, []cause.ID{cause.InvalidScope}},
		{"https://cognitiveservice.azure.com/.default", aoai, []cause.ID{cause.InvalidScope}},
		{"https://contoso.openai.azure.com/.default", aoai, []cause.ID{cause.InvalidScope}},
		{"https://a/.default https://b/.default", aoai, []cause.ID{cause.InvalidScope}},
		{"https://management.azure.com/.default", aoai, []cause.ID{cause.WrongAudience}},
		{"https://graph.microsoft.com/.default", aoai, []cause.ID{cause.WrongAudience}},
		{"https://ml.azure.com/.default", foundry, []cause.ID{cause.WrongAudience}},
		{"https://ml.azure.com/.default", serverless, nil},
		{"https://ai.azure.com/.default", aoai, []cause.ID{cause.WrongAudience}},
		{"https://ai.azure.com/.default", foundry, nil},
		{"https://ai.azure.com/.default", proj, nil},
		{"https://cognitiveservices.azure.com/.default", proj, []cause.ID{cause.WrongAudience}},
		{"https://cognitiveservices.azure.com/.default", gov, []cause.ID{cause.WrongCloud}},
		{"https://cognitiveservices.azure.us/.default", gov, nil},
		{"https://cognitiveservices.azure.us/.default", aoai, []cause.ID{cause.WrongCloud}},
		{"https://management.azure.com", aoai, []cause.ID{cause.InvalidScope, cause.WrongAudience}},
		{"https://cognitiveservices.azure.com/.default", nil, nil},
		{"https://management.azure.com/.default", nil, []cause.ID{cause.WrongAudience}},
		{"https://nothing.example/.default", nil, []cause.ID{cause.InvalidScope}},
	}
	for _, tt := range tests {
		got := ScopeProblems(tt.scope, tt.info)
		if !slices.Equal(causes(got), tt.want) {
			host := "<nil>"
			if tt.info != nil {
				host = tt.info.Host
			}
			t.Errorf("ScopeProblems(%q, %s) = %+v, want %v", tt.scope, host, got, tt.want)
		}
		for _, p := range got {
			if tt.info != nil && tt.info.Scope != "" && !strings.Contains(p.Summary, tt.info.Scope) {
				t.Errorf("ScopeProblems(%q): summary does not name the right scope %s: %s", tt.scope, tt.info.Scope, p.Summary)
			}
		}
	}
}

func TestAudienceMatches(t *testing.T) {
	aoai, _ := Parse("https://contoso.openai.azure.com/")
	foundry, _ := Parse("https://contoso.services.ai.azure.com/")
	tests := []struct {
		aud  string
		info *Info
		want bool
	}{
		{"https://cognitiveservices.azure.com", aoai, true},
		{"https://cognitiveservices.azure.com/", aoai, true},
		{"HTTPS://CognitiveServices.azure.com", aoai, true},
		{"https://ai.azure.com", aoai, false},
		{"https://ai.azure.com/", foundry, true},
		{"https://management.azure.com/", aoai, false},
		{"", aoai, false},
		{"https://ai.azure.com", nil, true},
		{"https://management.core.windows.net/", nil, false},
	}
	for _, tt := range tests {
		if got := AudienceMatches(tt.aud, tt.info); got != tt.want {
			t.Errorf("AudienceMatches(%q) = %v, want %v", tt.aud, got, tt.want)
		}
	}
}

func TestDataActionAndRole(t *testing.T) {
	tests := []struct {
		raw, deployment, action, role string
	}{
		{"https://c.openai.azure.com/", "gpt-4o", ActionChat, "Cognitive Services OpenAI User"},
		{"https://c.openai.azure.com/", "", ActionModelsRead, "Cognitive Services OpenAI User"},
		{"https://c.cognitiveservices.azure.com/", "gpt", ActionChat, "Cognitive Services OpenAI User"},
		{"https://c.services.ai.azure.com/models", "Llama-3", ActionMaaSChat, "Cognitive Services User"},
		{"https://c.services.ai.azure.com/api/projects/p", "", ActionAgentsRead, "Azure AI User"},
		{"https://x.eastus.models.ai.azure.com/", "", "", ""},
		{"https://example.com/", "", "", ""},
	}
	for _, tt := range tests {
		info, err := Parse(tt.raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := DataActionFor(info, tt.deployment); got != tt.action {
			t.Errorf("DataActionFor(%s, %q) = %q, want %q", tt.raw, tt.deployment, got, tt.action)
		}
		roles := RoleFor(info)
		if tt.role == "" && roles != nil || tt.role != "" && (len(roles) == 0 || roles[0] != tt.role) {
			t.Errorf("RoleFor(%s) = %v, want %q", tt.raw, roles, tt.role)
		}
	}
	info, _ := Parse("https://c.openai.azure.com/openai/deployments/gpt/chat/completions")
	if info.DataAction != ActionChat {
		t.Errorf("a deployment in the path should make the probe action chat, got %q", info.DataAction)
	}
	if DataActionFor(nil, "x") != "" || RoleFor(nil) != nil {
		t.Error("nil info should give nothing")
	}
}

func TestCloudOfHost(t *testing.T) {
	tests := map[string]string{
		"login.microsoftonline.com": CloudPublic, "sts.windows.net": CloudPublic, "x.openai.azure.us": CloudUSGov,
		"management.usgovcloudapi.net": CloudUSGov, "login.chinacloudapi.cn": CloudChina, "x.openai.azure.cn:443": CloudChina,
		"example.com": "",
	}
	for host, want := range tests {
		if got := CloudOfHost(host); got != want {
			t.Errorf("CloudOfHost(%q) = %q, want %q", host, got, want)
		}
	}
}
