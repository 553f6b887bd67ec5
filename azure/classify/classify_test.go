package classify

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

const (
	token401   = `{"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}`
	foundry401 = `{"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com/ or https://ai.azure.com/), or have expired."}`
	gov401     = `{"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.us/ or https://ai.azure.us/), or have expired."}`
	permOld    = `{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}`
	permNew    = "{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"The principal `11111111-1111-1111-1111-111111111111` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation.\"}}"
	keyBad     = `{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}`
	tenant400  = `{"error":{"code":"Tenant provided in token does not match resource token","message":"Token tenant 22222222-2222-2222-2222-222222222222 does not match resource tenant."}}`
)

// TestClassifyWrappedForms feeds the same families in the shapes SDKs and logs wrap them in.
// None of these strings is a line of testdata/errors.jsonl.
func TestClassifyWrappedForms(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		status int
		want   cause.ID
	}{
		{"python openai", "openai.AuthenticationError: Error code: 401 - {'error': {'code': 'PermissionDenied', 'message': 'Principal does not have access to API/Operation.'}}", 0, cause.MissingDataRole},
		{"python azure-core", "azure.core.exceptions.ClientAuthenticationError: (PermissionDenied) The principal `dev@contoso.example` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/embeddings/action`", 0, cause.MissingDataRole},
		{".NET", "Azure.RequestFailedException: Service request failed.\nStatus: 401 (Unauthorized)\n\nContent:\n" + token401, 0, cause.WrongAudience},
		{"Go azcore", "POST https://x.openai.azure.com/openai/deployments/g/chat/completions\n----\nRESPONSE 401: 401 Unauthorized\nERROR CODE: PermissionDenied\n----\n" + permNew + "\n----", 0, cause.MissingDataRole},
		{"json in json", `{"detail": "` + strings.ReplaceAll(tenant400, `"`, `\"`) + `"}`, 0, cause.WrongTenant},
		{"double escaped", `"{\\\"error\\\":{\\\"code\\\":\\\"AuthenticationTypeDisabled\\\",\\\"message\\\":\\\"Key based authentication is disabled for this resource.\\\"}}"`, 403, cause.LocalAuthDisabled},
		{"log line", "2026-01-02T03:04:05.123Z [error] chat failed status=403 body=" + `{"error":{"code":"403","message":"Access denied due to Virtual Network/Firewall rules."}}`, 0, cause.NetworkBlocked},
		{"header only", "forbidden", 403, cause.NetworkBlocked},
		{"key error via openai-node", "401 Access denied due to invalid subscription key or wrong API endpoint.", 0, cause.WrongAuthHeader},
		{"gov list", gov401, 401, cause.WrongCloud},
		{"foundry list", foundry401, 401, cause.WrongAudience},
		{"regional", "HttpResponseError: (BadRequest) Please provide a custom subdomain for token authentication, otherwise API key is required.", 400, cause.RegionalEndpoint},
		{"deployment", `Error code: 404 - {'error': {'code': 'DeploymentNotFound', 'message': 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'}}`, 0, cause.DeploymentNotFound},
		{"subdomain", `{"error":{"code":"404","message":"Subdomain does not map to a resource."}}`, 404, cause.EndpointNotFound},
		{"431", "<html><head><title>431 Request Header Fields Too Large</title></head></html>", 0, cause.TokenTooLarge},
		{"ARM authz", `{"error":{"code":"AuthorizationFailed","message":"The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.CognitiveServices/accounts/read' over scope '/subscriptions/s' or the scope is invalid. If access was recently granted, please refresh your credentials."}}`, 403, cause.MissingControlPlaneRole},
		{"AADSTS500011", "AADSTS500011: The resource principal named https://contoso.openai.azure.com was not found in the tenant named contoso.", 400, cause.InvalidScope},
		{"AADSTS in error_codes", `{"error":"invalid_request","error_description":"Tenant not found.","error_codes":[90002]}`, 400, cause.WrongTenant},
		{"AADSTS50076 in azidentity text", "InteractiveBrowserCredential: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication", 0, cause.ConsentRequired},
		{"AADSTS65001", "AADSTS65001: The user or administrator has not consented to use the application", 400, cause.ConsentRequired},
		{"AADSTS700016", "AADSTS700016: Application with identifier 'abc' was not found in the directory 'contoso'.", 400, cause.CredentialInvalid},
		{"AADSTS53003", "AADSTS53003: Access has been blocked by Conditional Access policies.", 400, cause.ConsentRequired},
		{"AADSTS700082", "AADSTS700082: The refresh token has expired due to inactivity.", 400, cause.CredentialUnavailable},
		{"Go azidentity secret", `ClientSecretCredential authentication failed. POST https://login.microsoftonline.com/t/oauth2/v2.0/token
--------------------------------------------------------------------------------
RESPONSE 401: 401 Unauthorized
--------------------------------------------------------------------------------
{
  "error": "invalid_client",
  "error_description": "AADSTS7000222: The provided client secret keys for app 'x' are expired.",
  "error_codes": [7000222]
}`, 0, cause.CredentialInvalid},
		{"azidentity cli missing", "AzureCLICredential: executable not found on path", 0, cause.CredentialUnavailable},
		{"azidentity cli not logged in", "AzureCLICredential: ERROR: Please run 'az login' to setup account.", 0, cause.CredentialUnavailable},
		{"MI several identities", `ManagedIdentityCredential: {'error': 'invalid_request', 'error_description': 'Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request'}`, 400, cause.ManagedIdentityMisconfigured},
		{"MI unknown client id", "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.", 400, cause.ManagedIdentityMisconfigured},
		{"IMDS unreachable", "ManagedIdentityCredential: no response from the IMDS endpoint", 0, cause.CredentialUnavailable},
		{"informational env line", "[INFO] azure.identity._credentials.environment: Incomplete environment configuration for EnvironmentCredential. These variables are set: AZURE_TENANT_ID, AZURE_CLIENT_ID", 0, cause.NotAnError},
		{"clock", "AADSTS700024: Client assertion is not within its valid time range.", 400, cause.CredentialInvalid},
		{"clock login", "ERROR: The token is not yet valid (nbf). Check the system clock.", 0, cause.ClockSkew},
		{"dns", `Post "https://contoso.openai.azure.com/openai/deployments/x/chat/completions": dial tcp: lookup contoso.openai.azure.com on 127.0.0.53:53: no such host`, 0, cause.EndpointNotFound},
		{"python dns", "openai.APIConnectionError: Connection error. [Errno -2] Name or service not known", 0, cause.EndpointNotFound},
		{"tls", "x509: certificate signed by unknown authority", 0, cause.NetworkBlocked},
		{"websocket", "WebSocketException: The server returned status code '401' when status code '101' was expected.", 0, cause.SDKOutdated},
		{"ARM wrong audience", `{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience or resource 'https://cognitiveservices.azure.com'."}}`, 401, cause.WrongAudience},
		{"expired (.NET identity model)", "IDX10223: Lifetime validation failed. The token is expired.", 401, cause.TokenExpired},
		{"MaaS action", "The principal `x` lacks the required data action `Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action` to perform `POST /models/chat/completions` operation.", 401, cause.OpenAIRoleOnFoundry},
		{"agents action", "The principal `x` lacks the required data action `Microsoft.CognitiveServices/accounts/AIServices/agents/write` to perform `POST /api/projects/{projectName}/assistants` operation.", 401, cause.MissingDataRole},
		{"nothing", "all good", 0, cause.Unknown},
		{"empty", "", 0, cause.Unknown},
		{"throttled", `{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation have exceeded call rate limit."}}`, 429, cause.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(Input{Text: tt.text, Status: tt.status})
			if len(got) == 0 {
				t.Fatal("empty result")
			}
			if got[0].Cause != tt.want {
				t.Errorf("top = %s (%.2f: %s), want %s; all: %v", got[0].Cause, got[0].Confidence, got[0].Summary, tt.want, ids(got))
			}
			for i, f := range got {
				if f.Confidence < 0 || f.Confidence > 1 || f.Summary == "" || !cause.Known(f.Cause) {
					t.Errorf("bad finding %+v", f)
				}
				if i > 0 && f.Confidence > got[i-1].Confidence {
					t.Errorf("not ranked: %v", got)
				}
			}
		})
	}
}

func ids(fs []Finding) []cause.ID {
	var out []cause.ID
	for _, f := range fs {
		out = append(out, f.Cause)
	}
	return out
}

func tok(t *testing.T, payload map[string]any) *claims.Claims {
	t.Helper()
	enc := base64.RawURLEncoding
	p, _ := json.Marshal(payload)
	c, err := claims.Decode(enc.EncodeToString([]byte(`{"alg":"RS256"}`)) + "." + enc.EncodeToString(p) + ".x")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestClassifyUsesClaimsAndEndpoint: the same 401 message means different causes depending on
// the token that was sent and the endpoint that was called.
func TestClassifyUsesClaimsAndEndpoint(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	good := map[string]any{"aud": "https://cognitiveservices.azure.com", "tid": "t", "exp": now.Add(time.Hour).Unix(), "nbf": now.Add(-time.Minute).Unix()}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range good {
			m[a] = b
		}
		m[k] = v
		return m
	}
	aoai, _ := endpoint.Parse("https://contoso.openai.azure.com/")
	models, _ := endpoint.Parse("https://contoso.services.ai.azure.com/models")
	proj, _ := endpoint.Parse("https://contoso.services.ai.azure.com/api/projects/p")
	gov, _ := endpoint.Parse("https://contoso.openai.azure.us/")
	pathy, _ := endpoint.Parse("https://contoso.openai.azure.com/openai/v1/openai/deployments/x")
	regional, _ := endpoint.Parse("https://eastus.api.cognitive.microsoft.com/")
	tests := []struct {
		name     string
		text     string
		status   int
		info     *endpoint.Info
		claims   map[string]any
		want     cause.ID
		contains string
	}{
		{"ARM token", token401, 401, aoai, with("aud", "https://management.azure.com/"), cause.WrongAudience, "expected https://cognitiveservices.azure.com, got https://management.azure.com/"},
		{"expired token", token401, 401, aoai, with("exp", now.Add(-20*time.Minute).Unix()), cause.TokenExpired, "20m ago"},
		{"not yet valid", token401, 401, aoai, with("nbf", now.Add(time.Hour).Unix()), cause.TokenExpired, ""},
		{"good token, still 401", token401, 401, aoai, good, cause.WrongTenant, ""},
		{"public token on gov", gov401, 401, gov, good, cause.WrongCloud, ""},
		{"cognitiveservices token on project", `{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired."}`, 401, proj, good, cause.WrongAudience, "expected https://ai.azure.com"},
		{"foundry list accepts ai.azure.com", foundry401, 401, models, with("aud", "https://ai.azure.com/"), cause.WrongTenant, ""},
		{"PermissionDenied on Foundry Models", permOld, 401, models, good, cause.OpenAIRoleOnFoundry, "Cognitive Services User"},
		{"PermissionDenied on Azure OpenAI", permOld, 401, aoai, good, cause.MissingDataRole, "Cognitive Services OpenAI User"},
		{"PermissionDenied names principal and action", permNew, 401, aoai, nil, cause.MissingDataRole, "11111111-1111-1111-1111-111111111111"},
		{"bare 404 with path problem", "Resource not found", 404, pathy, nil, cause.EndpointPath, ""},
		{"400 on regional", `{"error":{"code":"BadRequest","message":"Bad request"}}`, 400, regional, nil, cause.RegionalEndpoint, ""},
		{"bare 401 with ARM token", "Unauthorized", 401, aoai, with("aud", "https://management.azure.com"), cause.WrongAudience, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Text: tt.text, Status: tt.status, Endpoint: tt.info, Now: now}
			if tt.claims != nil {
				in.Claims = tok(t, tt.claims)
			}
			got := Classify(in)
			if got[0].Cause != tt.want {
				t.Fatalf("top = %s (%s), want %s; all %v", got[0].Cause, got[0].Summary, tt.want, ids(got))
			}
			if tt.contains != "" && !strings.Contains(got[0].Summary, tt.contains) {
				t.Errorf("summary %q does not contain %q", got[0].Summary, tt.contains)
			}
		})
	}
}

func TestAudiencesParsed(t *testing.T) {
	got := Classify(Input{Text: foundry401})
	if len(got[0].Audiences) != 2 || got[0].Audiences[0] != "https://cognitiveservices.azure.com" || got[0].Audiences[1] != "https://ai.azure.com" {
		t.Errorf("audiences = %v", got[0].Audiences)
	}
}

func TestUnwrap(t *testing.T) {
	tests := []struct{ in, want string }{
		{"openai.AuthenticationError: Error code: 401 - {'error': {'code': 'PermissionDenied', 'message': 'Principal does not have access to API/Operation.'}}",
			"(PermissionDenied) Principal does not have access to API/Operation."},
		{`{"error":"{\"error\":{\"code\":\"X\",\"message\":\"inner\"}}"}`, "(X) inner"},
		{`{"statusCode": 401, "message": "Unauthorized."}`, "Unauthorized."},
		{"2026-01-01 10:00:00,123 ERROR azure.core.exceptions.HttpResponseError: something broke", "something broke"},
		{"System.Net.WebSockets.WebSocketException (0x80004005): The server returned status code '401'", "The server returned status code '401'"},
		{"Error: 400 Token x does not match resource tenant.", "400 Token x does not match resource tenant."},
		{"{'error': {'message': 'a', 'ok': True, 'n': None, 'list': (1, 2,),}}", "a"},
		{"\x1b[31mred\x1b[0m text", "red text"},
		{"use Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln now", "use Bearer eyJ0eX…(57 chars) now"},
	}
	for _, tt := range tests {
		if got := Unwrap(tt.in); got != tt.want {
			t.Errorf("Unwrap(%.50q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAADSTS(t *testing.T) {
	if n, ok := AADSTS("x AADSTS7000215: Invalid client secret"); !ok || n != 7000215 {
		t.Errorf("got %d %v", n, ok)
	}
	if _, ok := AADSTS("no code here, AADSTS only"); ok {
		t.Error("found a code in text without one")
	}
	for code, e := range aadCodes {
		if !cause.Known(e.cause) || (e.also != "" && !cause.Known(e.also)) || e.summary == "" {
			t.Errorf("AADSTS%d: bad entry %+v", code, e)
		}
	}
}

func TestNoSecretsInFindings(t *testing.T) {
	jwt := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJlc2lnbmF0dXJl"
	key := "0123456789abcdef0123456789abcdef"
	secret := "Xy7~Q8pL.s3cretValue_1234567890abcdef"
	texts := []string{
		"401 Unauthorized for request with Authorization: Bearer " + jwt,
		"api-key: " + key + " was rejected: Access denied due to invalid subscription key",
		"client_secret=" + secret + "&grant_type=client_credentials AADSTS7000215: Invalid client secret provided.",
		`{"error":{"code":"PermissionDenied","message":"token ` + jwt + ` lacks the required data action"}}`,
		"hello " + jwt,
	}
	for _, text := range texts {
		for _, f := range Classify(Input{Text: text}) {
			all := f.Summary + f.Detail + f.Code + strings.Join(f.Audiences, "")
			for _, s := range []string{jwt[:20], key, secret, "c2lnbmF0dXJl"} {
				if strings.Contains(all, s) {
					t.Errorf("finding leaks %q: %+v", s, f)
				}
			}
		}
		if u := Unwrap(text); strings.Contains(u, jwt[:20]) || strings.Contains(u, key) || strings.Contains(u, secret) {
			t.Errorf("Unwrap leaks a secret: %q", u)
		}
	}
}

func TestFindingsAreSanitized(t *testing.T) {
	fs := Classify(Input{Text: "\x1b]52;c;ZXZpbA==\x07\x1b[2J weird \u202e text"})
	for _, f := range fs {
		if strings.ContainsAny(f.Summary+f.Detail, "\x1b\x07\u202e") {
			t.Errorf("control characters survive: %q", f.Summary+f.Detail)
		}
	}
}
