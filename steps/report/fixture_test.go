package report

import (
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

// fixtureReport is a fixed diagnosis (a missing role) with hostile text in places a server or a
// user controls, for the golden tests.
func fixtureReport() *steps.Report {
	return &steps.Report{
		Version: 1,
		Tool:    steps.Tool{Name: "aoai-doctor", Version: "1.2.3"},
		Input: steps.Input{
			Endpoint: "https://contoso-ai.openai.azure.com/", Credential: "default",
			Scope: "https://cognitiveservices.azure.com/.default", Deployment: "gpt-4o", Tenant: "",
		},
		Steps: []steps.Result{
			{
				ID: steps.Reproduce, Title: "Reproduce the app's call", Status: steps.Fail,
				Summary: "The app's call failed: 401 PermissionDenied",
				Evidence: []steps.Evidence{
					{Label: "credential", Value: "AzureCLICredential (EnvironmentCredential skipped: incomplete environment)"},
					{Label: "token", Value: "eyJ0eX…(1532 chars)"},
					{Label: "response", Value: "401 PermissionDenied: The principal `dev@contoso.example` lacks the required data action \x1b[31m|evil|\x1b[0m [link](http://x)"},
				},
				Causes:   []cause.ID{cause.MissingDataRole},
				Duration: 412 * time.Millisecond,
			},
			{
				ID: steps.Scope, Title: "Token scope and audience", Status: steps.Pass,
				Summary:  "The app requests https://cognitiveservices.azure.com/.default; the token's audience https://cognitiveservices.azure.com is accepted (token version 1.0, normal for this resource)",
				Evidence: []steps.Evidence{{Label: "aud", Value: "https://cognitiveservices.azure.com"}},
				Duration: 1 * time.Millisecond,
			},
			{
				ID: steps.Endpoint, Title: "Endpoint", Status: steps.Pass,
				Summary:  "https://contoso-ai.openai.azure.com/ is the custom subdomain of an Azure OpenAI resource",
				Duration: 2 * time.Millisecond,
			},
			{
				ID: steps.Role, Title: "Data-plane role", Status: steps.Fail,
				Summary: "dev@contoso.example has no role with Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action at contoso-ai\nOnly Contributor at the resource group: control-plane roles do not grant data access",
				Evidence: []steps.Evidence{
					{Label: "caller", Value: "dev@contoso.example (user, object ID 11111111-2222-3333-4444-555555555555)"},
					{Label: "assignments", Value: "Contributor at /subscriptions/s/resourceGroups/rg-ai\nReader at /subscriptions/s"},
				},
				Causes: []cause.ID{cause.MissingDataRole},
				Fixes: []steps.Fix{{
					Title:   "Grant \"Cognitive Services OpenAI User\" to dev@contoso.example at the resource",
					Command: "az role assignment create --role \"Cognitive Services OpenAI User\" --assignee-object-id 11111111-2222-3333-4444-555555555555 --assignee-principal-type User --scope /subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai",
					Lang:    "shell",
				}},
				Duration: 1500 * time.Millisecond,
			},
			{ID: steps.Token, Title: "Token freshness and tenant", Status: steps.Warn, Summary: "The token expires in 4m (it should be refreshed by the SDK)", Duration: 0},
			{ID: steps.CLI, Title: "Azure CLI token test", Status: steps.Skip, Summary: "az is not installed", Duration: 30 * time.Millisecond},
		},
		Verdict: steps.Verdict{
			Cause: cause.MissingDataRole,
			Also:  []cause.ID{cause.TokenExpired},
			Summary: "dev@contoso.example (object ID 11111111-2222-3333-4444-555555555555) may not call " +
				"Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action on contoso-ai.",
			Fixes: []steps.Fix{
				{Title: "Grant the role", Command: "az role assignment create --role \"Cognitive Services OpenAI User\" --assignee-object-id 11111111-2222-3333-4444-555555555555 --assignee-principal-type User --scope /subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai", Lang: "shell"},
				{Title: "Request the token for https://cognitiveservices.azure.com/.default", Command: "token_provider = get_bearer_token_provider(DefaultAzureCredential(), \"https://cognitiveservices.azure.com/.default\")", Lang: "python"},
				{Title: "A command with ``` fences ```` inside", Command: "echo '````'\necho done", Lang: "shell"},
				{Title: "Wait up to 5 minutes"},
			},
		},
		Duration: 2345 * time.Millisecond,
	}
}

func fixtureExplanation() *steps.Explanation {
	return &steps.Explanation{Causes: []steps.ExplainedCause{
		{ID: cause.MissingDataRole, Confidence: 0.9, Summary: "401 PermissionDenied: the principal lacks the data action", Code: "401",
			Fixes: []steps.Fix{{Title: "Grant the role", Command: "az role assignment create --role \"Cognitive Services OpenAI User\" --assignee-object-id <object-id> --assignee-principal-type <User|ServicePrincipal> --scope <resource-id>", Lang: "shell"}}},
		{ID: cause.RolePropagating, Confidence: 0.3, Summary: "a role assigned in the last 5 minutes is not effective yet", Fixes: nil},
	}}
}

func fixtureToken() *steps.TokenReport {
	return &steps.TokenReport{
		Claims: map[string]any{
			"aud": "https://management.azure.com", "iss": "https://sts.windows.net/t/", "ver": "1.0",
			"exp": float64(1767225600), "groups": []any{"g1", "g2"}, "name": "Dev \x1b]52;c;evil\x07User",
		},
		Masked: "eyJ0eX…(1532 chars)",
		Header: map[string]any{"alg": "RS256", "kid": "k1"},
		Findings: []steps.TokenFinding{
			{Status: steps.Fail, Summary: "the audience https://management.azure.com is Azure Resource Manager, not the endpoint", Cause: cause.WrongAudience},
			{Status: steps.Pass, Summary: "version 1.0 token: normal for Azure OpenAI"},
		},
	}
}
