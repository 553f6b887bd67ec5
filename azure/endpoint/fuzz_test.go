package endpoint

import (
	"strings"
	"testing"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

var kinds = map[Kind]bool{KindAzureOpenAI: true, KindAIServices: true, KindFoundryModels: true, KindFoundryProject: true,
	KindRegional: true, KindServerless: true, KindUnknown: true}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"https://contoso.openai.azure.com/", "contoso.openai.azure.com", "http://x.cognitiveservices.azure.us/openai/v1",
		"https://x.services.ai.azure.com/api/projects/p/openai/v1/", "https://x.services.ai.azure.com/models/chat/completions",
		"https://eastus.api.cognitive.microsoft.com/", "https://d.eastus2.models.ai.azure.com", "https://u:p@h.openai.azure.cn:8/?api-version=1#f",
		"\"https://x.openai.azure.com\"", "https://[::1]:443/", "::", "https://%zz", "/subscriptions/x", "https://x.openai.azure.com//openai//v1",
		"https://x.privatelink.openai.azure.com", "https://a.b.openai.azure.com", "https://\u202eevil.openai.azure.com",
	} {
		f.Add(s, "https://cognitiveservices.azure.com/.default")
	}
	f.Add("https://x.openai.azure.com", "")
	f.Add("https://x.openai.azure.us", "https://management.azure.com")
	f.Fuzz(func(t *testing.T, raw, scope string) {
		_ = ScopeProblems(scope, nil)
		info, err := Parse(raw)
		if err != nil {
			if info != nil {
				t.Fatal("info and error both set")
			}
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if info.Host == "" || !strings.HasPrefix(info.BaseURL, "https://") || !strings.HasPrefix(info.Root, "https://") {
			t.Fatalf("bad info: host %q base %q root %q", info.Host, info.BaseURL, info.Root)
		}
		if !kinds[info.Kind] {
			t.Fatalf("unknown kind %q", info.Kind)
		}
		if info.Kind != KindUnknown && (info.Scope == "" || len(info.Audiences) == 0) {
			t.Fatalf("kind %s without scope/audiences", info.Kind)
		}
		for _, p := range append(info.Problems, ScopeProblems(scope, info)...) {
			if !cause.Known(p.Cause) || p.Summary == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		for _, s := range []string{info.Input, info.BaseURL, info.Project, info.Deployment} {
			if strings.ContainsAny(s, "\x1b\x07") {
				t.Fatalf("control characters in %q", s)
			}
		}
		_ = AudienceMatches(scope, info)
		_ = DataActionFor(info, scope)
		_ = RoleFor(info)
	})
}
