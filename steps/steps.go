// Package steps is the diagnosis: it reproduces the app's Entra ID call, walks the documented
// troubleshooting steps (scope, endpoint, role, token freshness, CLI token test) and names one
// root cause with the fixes to apply. It has no terminal and no HTTP code of its own.
package steps

// Info describes one step for front ends (the TUI's list, help, `--help` text).
type Info struct {
	ID        StepID   `json:"id"`
	Title     string   `json:"title"`
	Why       string   `json:"why"`
	DependsOn []StepID `json:"depends_on"`
}

// catalog is the ordered list of steps; the order is the report's order.
var catalog = []Info{
	{
		ID:    Reproduce,
		Title: "Reproduce the app's call",
		Why: "An API key is checked directly against the resource; an Entra ID token must be issued for the " +
			"right audience, sent to the resource's own endpoint and allowed by an Azure RBAC role. " +
			"Making the call the way the app does shows which of these fails.",
	},
	{
		ID:    Scope,
		Title: "Token scope and audience",
		Why: "The token must be requested for the endpoint's resource (https://cognitiveservices.azure.com/.default " +
			"for Azure OpenAI). Tokens for other audiences, such as Azure Resource Manager, are valid tokens " +
			"but the endpoint rejects them.",
		DependsOn: []StepID{Reproduce},
	},
	{
		ID:    Endpoint,
		Title: "Endpoint",
		Why: "The endpoint must be the resource's own custom subdomain (https://<resource>.openai.azure.com/) " +
			"without extra path segments. A regional or generic endpoint, or an extra path, does not match " +
			"what the service expects even when the token is right.",
	},
	{
		ID:    Role,
		Title: "Data-plane role",
		Why: "The identity that gets the token needs a data-plane role at the resource (or above): Cognitive " +
			"Services OpenAI User or Contributor, or Cognitive Services User for Foundry Models. Owner and " +
			"Contributor do not grant it, and a new assignment can take up to 5 minutes to take effect.",
		DependsOn: []StepID{Reproduce},
	},
	{
		ID:    Token,
		Title: "Token freshness and tenant",
		Why: "The token must be within its lifetime on a correct clock, issued by the resource's tenant and " +
			"refreshed by the SDK's token provider. Version 1.0 tokens are normal for this resource.",
		DependsOn: []StepID{Reproduce},
	},
	{
		ID:    CLI,
		Title: "Azure CLI token test",
		Why: "A token from the Azure CLI, used outside the app, separates the app's configuration or SDK from " +
			"problems with the resource or the role.",
	},
}

// Steps returns the steps in report order.
func Steps() []Info {
	out := make([]Info, len(catalog))
	for i, s := range catalog {
		s.DependsOn = append([]StepID{}, s.DependsOn...)
		out[i] = s
	}
	return out
}

// stepInfo returns the catalogue entry for id.
func stepInfo(id StepID) (Info, bool) {
	for _, s := range catalog {
		if s.ID == id {
			return s, true
		}
	}
	return Info{}, false
}
