package endpoint

import (
	"fmt"
	"github.com/aoai-doctor/aoai-doctor/azure/spelling"
	"net/url"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// NormalizeAudience trims spaces and trailing slashes and lower-cases the scheme and host,
// so that "https://cognitiveservices.azure.com/" equals "https://cognitiveservices.azure.com".
func NormalizeAudience(aud string) string {
	a := strings.TrimRight(strings.TrimSpace(aud), "/")
	if u, err := url.Parse(a); err == nil && u.Scheme != "" && u.Host != "" {
		u.Scheme = strings.ToLower(u.Scheme)
		u.Host = strings.ToLower(u.Host)
		return strings.TrimRight(u.String(), "/")
	}
	return a
}

// AudienceMatches reports whether a token audience is accepted by the endpoint.
// With no endpoint kind to judge by, it accepts the cognitiveservices and ai.azure.com audiences
// of any cloud.
func AudienceMatches(aud string, info *Info) bool {
	a := NormalizeAudience(aud)
	if a == "" {
		return false
	}
	if info == nil || len(info.Audiences) == 0 {
		u, err := url.Parse(a)
		if err != nil {
			return false
		}
		r, ok := lookupResource(u.Host)
		return ok && (r.kind == resCognitive || r.kind == resFoundry)
	}
	for _, want := range info.Audiences {
		if strings.EqualFold(a, NormalizeAudience(want)) {
			return true
		}
	}
	return false
}

// DescribeAudience names the resource an audience or scope belongs to, e.g.
// "Azure Resource Manager (public cloud)"; "" when unknown.
func DescribeAudience(aud string) string {
	u, err := url.Parse(NormalizeAudience(aud))
	if err != nil || u.Host == "" {
		return ""
	}
	r, ok := lookupResource(u.Host)
	if !ok {
		return ""
	}
	return string(r.kind) + " in " + CloudName(r.cloud)
}

// AudienceCloud is the cloud of an audience or scope host ("" when unknown).
func AudienceCloud(aud string) string {
	u, err := url.Parse(NormalizeAudience(aud))
	if err != nil || u.Host == "" {
		return ""
	}
	if r, ok := lookupResource(u.Host); ok {
		return r.cloud
	}
	return CloudOfHost(u.Host)
}

// ScopeProblems checks the scope an app requests against the endpoint (info may be nil).
// An empty result means the scope is right.
func ScopeProblems(scope string, info *Info) []Problem {
	want := ""
	if info != nil {
		want = info.Scope
	}
	use := func() string {
		if want != "" {
			return "; request " + want
		}
		return "; request https://cognitiveservices.azure.com/.default (Azure OpenAI) or https://ai.azure.com/.default (Foundry projects)"
	}
	s := strings.TrimSpace(scope)
	if s == "" {
		return []Problem{{cause.InvalidScope, "the scope is empty: a token provider built with an empty scope (get_bearer_token_provider(credential, \"\")) cannot get a token" + use()}}
	}
	shown := sanitize.Line(clip(s, 120))
	var resources []string
	for _, f := range strings.Fields(s) {
		switch strings.ToLower(f) {
		case "openid", "offline_access", "profile", "email":
			continue
		}
		resources = append(resources, f)
	}
	if len(resources) != 1 {
		return []Problem{{cause.InvalidScope, fmt.Sprintf("the scope %q names %d resources; a token is for exactly one resource%s", shown, len(resources), use())}}
	}
	s = resources[0]
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return []Problem{{cause.InvalidScope, fmt.Sprintf("the scope %q is not a resource URI with /.default%s", shown, use())}}
	}
	if strings.ToLower(u.Scheme) != "https" {
		return []Problem{{cause.InvalidScope, fmt.Sprintf("the scope %q does not start with https://%s", shown, use())}}
	}
	host := strings.ToLower(u.Hostname())
	var out []Problem
	path := u.EscapedPath()
	switch {
	case path == "/.default" || path == "//.default":
	case path == "" || path == "/":
		out = append(out, Problem{cause.InvalidScope, fmt.Sprintf("the scope %q has no /.default: Entra ID rejects a bare resource URI as a v2 scope (AADSTS70011)%s", shown, use())})
	case strings.EqualFold(path, "/user_impersonation"):
		// a delegated scope: valid for user sign-ins
	default:
		out = append(out, Problem{cause.InvalidScope, fmt.Sprintf("the scope %q should end in /.default%s", shown, use())})
	}
	if u.RawQuery != "" {
		out = append(out, Problem{cause.InvalidScope, fmt.Sprintf("the scope %q carries a query string%s", shown, use())})
	}

	r, known := lookupResource(host)
	if !known {
		return append(out, unknownScopeHost(host, shown, info, use())...)
	}
	switch r.kind {
	case resARM, resGraph, resVault, resStorage:
		return append(out, Problem{cause.WrongAudience, fmt.Sprintf("the scope %q is for %s; its tokens are valid but the data plane rejects them%s", shown, r.kind, use())})
	case resML:
		if info != nil && info.Kind == KindServerless {
			return out
		}
		return append(out, Problem{cause.WrongAudience, fmt.Sprintf("the scope %q is for Azure Machine Learning, not Azure OpenAI / Foundry (some SDK versions defaulted to it)%s", shown, use())})
	}
	if info == nil || info.Kind == KindUnknown {
		return out
	}
	if info.Cloud != "" && r.cloud != info.Cloud {
		return append(out, Problem{cause.WrongCloud, fmt.Sprintf("the scope %q is for %s but the endpoint %s is in %s%s", shown, CloudName(r.cloud), info.Host, CloudName(info.Cloud), use())})
	}
	if !AudienceMatches("https://"+host, info) {
		return append(out, Problem{cause.WrongAudience, fmt.Sprintf("the scope %q gives a token with audience https://%s, which %s does not accept (it accepts %s)%s",
			shown, host, kindWords(info), strings.Join(info.Audiences, " or "), use())})
	}
	return out
}

// unknownScopeHost explains a scope whose host is not a resource Entra knows.
func unknownScopeHost(host, shown string, info *Info, use string) []Problem {
	if info != nil && info.Host != "" && (host == info.Host || strings.HasSuffix(host, ".openai.azure.com") ||
		strings.HasSuffix(host, ".cognitiveservices.azure.com") || strings.HasSuffix(host, ".services.ai.azure.com")) {
		return []Problem{{cause.InvalidScope, fmt.Sprintf("the scope %q names the endpoint, not the resource app: Entra ID finds no such resource (AADSTS500011)%s", shown, use)}}
	}
	best, bestD := "", 1<<20
	for h := range resourceHosts {
		if d := spelling.Distance(host, h); d < bestD {
			best, bestD = h, d
		}
	}
	if bestD <= 3 {
		return []Problem{{cause.InvalidScope, fmt.Sprintf("the scope %q looks like a typo of https://%s/.default%s", shown, best, use)}}
	}
	return []Problem{{cause.InvalidScope, fmt.Sprintf("the scope %q names a resource Entra ID does not know for Azure OpenAI or Foundry%s", shown, use)}}
}

func kindWords(info *Info) string {
	switch info.Kind {
	case KindAzureOpenAI:
		return "an Azure OpenAI endpoint"
	case KindAIServices:
		return "a Foundry / AI services endpoint"
	case KindFoundryModels:
		return "a Foundry Models endpoint"
	case KindFoundryProject:
		return "a Foundry project endpoint"
	case KindRegional:
		return "a regional endpoint"
	case KindServerless:
		return "a serverless endpoint"
	}
	return "this endpoint"
}

// Data actions of the probes.
const (
	ActionChat         = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"
	ActionModelsRead   = "Microsoft.CognitiveServices/accounts/OpenAI/models/read"
	ActionMaaSChat     = "Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action"
	ActionAgentsRead   = "Microsoft.CognitiveServices/accounts/AIServices/agents/read"
	ActionMaaSWildcard = "Microsoft.CognitiveServices/accounts/MaaS/*"
)

// DataActionFor is the data action the probe needs: chat completions when a deployment is
// known, else reading the model list (Azure OpenAI kinds); MaaS chat for Foundry Models;
// reading agents for a project; none for serverless or unknown hosts.
func DataActionFor(info *Info, deployment string) string {
	if info == nil {
		return ""
	}
	switch info.Kind {
	case KindAzureOpenAI, KindAIServices, KindRegional:
		if strings.TrimSpace(deployment) != "" {
			return ActionChat
		}
		return ActionModelsRead
	case KindFoundryModels:
		return ActionMaaSChat
	case KindFoundryProject:
		return ActionAgentsRead
	}
	return ""
}

// RoleFor names the built-in role(s) that grant the probe's data action, the least privileged first.
func RoleFor(info *Info) []string {
	if info == nil {
		return nil
	}
	switch info.Kind {
	case KindAzureOpenAI, KindAIServices, KindRegional:
		return []string{"Cognitive Services OpenAI User"}
	case KindFoundryModels:
		return []string{"Cognitive Services User"}
	case KindFoundryProject:
		return []string{"Azure AI User"}
	}
	return nil
}
