package arm

import (
	"errors"
	"strings"
	"testing"
)

func TestMatchAction(t *testing.T) {
	tests := []struct {
		pattern, action string
		want            bool
	}{
		{"Microsoft.CognitiveServices/*", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action", true},
		{"microsoft.cognitiveservices/accounts/openai/*", "Microsoft.CognitiveServices/accounts/OpenAI/models/read", true},
		{"Microsoft.CognitiveServices/accounts/OpenAI/*/read", "Microsoft.CognitiveServices/accounts/OpenAI/models/read", true},
		{"Microsoft.CognitiveServices/accounts/OpenAI/*/read", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action", false},
		{"Microsoft.CognitiveServices/accounts/OpenAI/*", "Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action", false},
		{"*", "anything/at/all", true},
		{"*/read", "Microsoft.CognitiveServices/accounts/read", true},
		{"*/read", "Microsoft.CognitiveServices/accounts/listKeys/action", false},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"", "", true},
		{"", "x", false},
		{"abc", "ab", false},
	}
	for _, tt := range tests {
		if got := MatchAction(tt.pattern, tt.action); got != tt.want {
			t.Errorf("MatchAction(%q, %q) = %v, want %v", tt.pattern, tt.action, got, tt.want)
		}
	}
}

func TestHasDataAction(t *testing.T) {
	const chat = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"
	openAIUser := Permission{DataActions: []string{"Microsoft.CognitiveServices/accounts/OpenAI/*/read", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"},
		NotDataActions: []string{"Microsoft.CognitiveServices/accounts/OpenAI/stored-completions/read"}}
	contributor := Permission{Actions: []string{"*"}, NotActions: []string{"Microsoft.Authorization/*/Write"}}
	denyChat := Permission{DataActions: []string{"Microsoft.CognitiveServices/*"}, NotDataActions: []string{chat}}
	tests := []struct {
		name   string
		perms  []Permission
		action string
		want   bool
	}{
		{"openai user chat", []Permission{openAIUser}, chat, true},
		{"openai user stored completions excluded", []Permission{openAIUser}, "Microsoft.CognitiveServices/accounts/OpenAI/stored-completions/read", false},
		{"contributor has no data actions", []Permission{contributor}, chat, false},
		{"notDataActions only apply to their own element", []Permission{denyChat, openAIUser}, chat, true},
		{"excluded in the only element", []Permission{denyChat}, chat, false},
		{"none", nil, chat, false},
	}
	for _, tt := range tests {
		if got := HasDataAction(tt.perms, tt.action); got != tt.want {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
	if !HasAction([]Permission{contributor}, "Microsoft.CognitiveServices/accounts/read") || HasAction([]Permission{contributor}, "Microsoft.Authorization/roleAssignments/write") {
		t.Error("HasAction with notActions")
	}
}

func TestParseResourceID(t *testing.T) {
	good := []struct{ in, sub, rg, typ, name string }{
		{"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct", "s1", "rg", "accounts", "acct"},
		{"/subscriptions/s1/resourcegroups/rg", "s1", "rg", "", ""},
		{"/subscriptions/s1", "s1", "", "", ""},
		{"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "s1", "", "roleDefinitions", "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"},
		{"/providers/Microsoft.Authorization/roleDefinitions", "", "", "roleDefinitions", ""},
		{"/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p", "s", "rg", "accounts/projects", "p"},
	}
	for _, g := range good {
		r, err := ParseResourceID(g.in)
		if err != nil {
			t.Fatalf("%s: %v", g.in, err)
		}
		if r.Subscription != g.sub || r.ResourceGroup != g.rg || r.Type != g.typ || r.Name != g.name {
			t.Errorf("%s: got %+v", g.in, r)
		}
		if r.String() != strings.TrimSuffix(g.in, "/") {
			t.Errorf("String() = %s", r.String())
		}
	}
	for _, bad := range []string{"", "subscriptions/x", "/subscriptions/", "/subscriptions/s/../../x", "/subscriptions/s?x=1", "/subscriptions/s#f",
		"/subscriptions/s//resourceGroups", "/tenants/x", "/subscriptions/s/resourceGroups", "/subscriptions/s/bogus/x", "/subscriptions/s%2f", "/subscriptions/s\n"} {
		if _, err := ParseResourceID(bad); err == nil {
			t.Errorf("%q: no error", bad)
		} else {
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeBadInput {
				t.Errorf("%q: err %v", bad, err)
			}
		}
	}
}

func TestNormalizeHost(t *testing.T) {
	tests := []struct{ in, host, sub string }{
		{"contoso-ai.openai.azure.com", "contoso-ai.openai.azure.com", "contoso-ai"},
		{"https://Contoso-AI.openai.azure.com/openai/deployments/x", "contoso-ai.openai.azure.com", "contoso-ai"},
		{"x.services.ai.azure.com:443", "x.services.ai.azure.com", "x"},
		{"gov.openai.azure.us", "gov.openai.azure.us", "gov"},
		{"eastus.api.cognitive.microsoft.com", "eastus.api.cognitive.microsoft.com", ""},
		{"a.b.openai.azure.com", "a.b.openai.azure.com", ""},
	}
	for _, tt := range tests {
		h, s, err := normalizeHost(tt.in)
		if err != nil || h != tt.host || s != tt.sub {
			t.Errorf("%q: got %q %q %v", tt.in, h, s, err)
		}
	}
	for _, bad := range []string{"", "x' or 1=1", "white space.com", "évil.com"} {
		if _, _, err := normalizeHost(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestParseErrorAndPredicates(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		code      string
		forbidden bool
		auth      bool
		notFound  bool
	}{
		{"authorization failed", 403, `{"error":{"code":"AuthorizationFailed","message":"The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Authorization/permissions/read'"}}`, "AuthorizationFailed", true, false, false},
		{"expired token", 401, `{"error":{"code":"ExpiredAuthenticationToken","message":"The access token expiry UTC time is earlier than current UTC time."}}`, "ExpiredAuthenticationToken", false, true, false},
		{"wrong audience", 401, `{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience or resource"}}`, "InvalidAuthenticationTokenAudience", false, true, false},
		{"bare shape", 404, `{"code":"ResourceNotFound","message":"gone"}`, "ResourceNotFound", false, false, true},
		{"not json", 502, "<html>\x1b[31mbad gateway</html>", "", false, false, false},
	}
	for _, tt := range tests {
		e := parseError("GET", "/x", tt.status, []byte(tt.body))
		if e.Code != tt.code || IsForbidden(e) != tt.forbidden || IsAuth(e) != tt.auth || IsNotFound(e) != tt.notFound {
			t.Errorf("%s: %+v forbidden=%v auth=%v notfound=%v", tt.name, e, IsForbidden(e), IsAuth(e), IsNotFound(e))
		}
		if strings.ContainsRune(e.Error(), 0x1b) {
			t.Errorf("%s: escape kept", tt.name)
		}
	}
	if IsForbidden(errors.New("AuthorizationFailed")) || IsAuth(nil) {
		t.Error("predicates on foreign errors")
	}
}

func TestCloudFor(t *testing.T) {
	for in, base := range map[string]string{"": "https://management.azure.com", "usgov": "https://management.usgovcloudapi.net", "China": "https://management.chinacloudapi.cn"} {
		c, err := CloudFor(in)
		if err != nil || c.BaseURL != base {
			t.Errorf("%q: %v %v", in, c, err)
		}
	}
	if _, err := CloudFor("mars"); err == nil {
		t.Error("mars accepted")
	}
	if Scope("usgov") != "https://management.usgovcloudapi.net/.default" {
		t.Error(Scope("usgov"))
	}
}

func FuzzParseResourceID(f *testing.F) {
	f.Add("/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a")
	f.Add("/providers/Microsoft.Authorization/roleDefinitions/x")
	f.Add("/subscriptions/s/../x")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ParseResourceID(in)
		if err != nil {
			return
		}
		s := r.String()
		if strings.Contains(s, "..") && strings.Contains(s, "/../") || strings.ContainsAny(s, "?#") {
			t.Fatalf("unsafe id accepted: %q", s)
		}
		if _, err := ParseResourceID(s); err != nil {
			t.Fatalf("String() not re-parseable: %q: %v", s, err)
		}
	})
}
