package classify

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// rules run in order; each adds candidates. Scores: ~0.9 for a service's own error shape or
// code, ~0.6-0.8 for a recognisable description, ~0.3-0.45 for a bare status code.
var rules = []func(*ctx){
	ruleAADSTS,
	ruleCredentials,
	ruleManagedIdentity,
	ruleClock,
	ruleTokenRejected,
	rulePermissionDenied,
	ruleKeyAndHeader,
	ruleTenant,
	ruleEndpointShapes,
	ruleNetwork,
	ruleControlPlane,
	ruleTooLarge,
	ruleRealtimeAndSDK,
	ruleProse,
	ruleStatus,
	ruleEndpointInfo,
	ruleClaims,
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// ---- Entra ID codes ----

func ruleAADSTS(c *ctx) {
	codes := c.p.aadCodes
	for _, m := range aadRe.FindAllStringSubmatch(c.h, 4) {
		var n int
		fmt.Sscan(m[1], &n)
		codes = append(codes, n)
	}
	for i, n := range codes {
		score := 0.93 - 0.05*float64(min(i, 3))
		e, ok := aadCodes[n]
		if !ok {
			c.add(cause.Unknown, 0.3, fmt.Sprintf("Entra ID refused the sign-in with AADSTS%d; see https://login.microsoftonline.com/error?code=%d", n, n))
			continue
		}
		c.add(e.cause, score, fmt.Sprintf("Entra ID: %s (AADSTS%d)", e.summary, n))
		if e.also != "" {
			c.add(e.also, score-0.35, fmt.Sprintf("AADSTS%d can also mean: %s", n, cause.Title(e.also)))
		}
	}
}

// ---- credentials (azidentity, az CLI) ----

var (
	reCLIMissing   = re(`not found on path|executable not found|is not recognized as an internal or external command|az: (command )?not found|azure cli (is )?not installed|azure cli not found|no such file or directory.*\baz\b`)
	reCLINoLogin   = re(`please run '?"?(az|azd) (login|auth login)|run "?'?az login|az login to set ?up account|not logged in|no subscriptions? found|please sign in|az account set`)
	reChainFail    = re(`credentialunavailable|credential unavailable|authentication unavailable|failed to retrieve a token from the included credentials|no credential in this chain|defaultazurecredential (failed|authentication failed)|chainedtokencredential (failed|authentication failed)|credentials? (in the chain )?(are|were) unavailable`)
	reIncomplete   = re(`incomplete environment configuration|these variables are set|environment variables are not fully configured|environmentcredential.*(unavailable|incomplete)`)
	reFailureWords = re(`\bfail|\berror\b|denied|refused|aadsts|\b40[013]\b|unauthori[sz]ed|forbidden|exception|invalid|not found`)
	reFedFile      = re(`azure_federated_token_file`)
	reBadSecret    = re(`client[ _-]?secret.{0,40}(expired|invalid|wrong|incorrect)|(expired|invalid|wrong) client[ _-]?secret`)
)

func ruleCredentials(c *ctx) {
	switch {
	case reCLIMissing.MatchString(c.h) && (strings.Contains(c.h, "cli") || strings.Contains(c.h, "az")):
		c.add(cause.CredentialUnavailable, 0.92, "the Azure CLI is not on the PATH of the process that asks for the token: install it or add it to that PATH (services, notebooks and IDEs often have a shorter PATH than your shell)")
	case reCLINoLogin.MatchString(c.h):
		c.add(cause.CredentialUnavailable, 0.9, "the Azure CLI is installed but not signed in (or its sign-in expired): run az login (add --tenant <resource tenant> for another tenant)")
	}
	if reChainFail.MatchString(c.h) {
		c.add(cause.CredentialUnavailable, 0.7, "no credential in the chain could get a token; the first link that applies to this machine says why")
	}
	if reIncomplete.MatchString(c.h) {
		// Informational when the text carries no failure of its own.
		rest := reIncomplete.ReplaceAllString(c.h, " ")
		rest = strings.ReplaceAll(rest, "environmentcredential", " ")
		if !reFailureWords.MatchString(rest) {
			c.add(cause.NotAnError, 0.88, "this is an informational line: EnvironmentCredential found only some of its variables and was skipped; DefaultAzureCredential moves on to the next credential")
		} else {
			c.add(cause.CredentialUnavailable, 0.45, "EnvironmentCredential was skipped because its environment variables are incomplete")
		}
	}
	if reFedFile.MatchString(c.h) && (strings.Contains(c.h, "not set") || strings.Contains(c.h, "no such file") || strings.Contains(c.h, "missing")) {
		c.add(cause.CredentialUnavailable, 0.78, "workload identity is not set up in this pod: AZURE_FEDERATED_TOKEN_FILE is missing (service account label/annotation)")
	}
	if reBadSecret.MatchString(c.h) {
		c.add(cause.CredentialInvalid, 0.76, "the client secret is wrong or expired: create a new secret and use its value (not its ID)")
	}
	switch {
	case strings.Contains(c.h, "invalid_client"):
		c.add(cause.CredentialInvalid, 0.7, "Entra ID refused the client credential (invalid_client): wrong secret or certificate, or no matching federated credential")
	case strings.Contains(c.h, "unauthorized_client"):
		c.add(cause.CredentialInvalid, 0.62, "Entra ID refused the client (unauthorized_client): the app is not allowed this grant in this tenant")
	case strings.Contains(c.h, "invalid_grant"):
		c.add(cause.CredentialInvalid, 0.6, "Entra ID refused the grant (invalid_grant): the credential or refresh token is no longer valid")
	}
	if strings.Contains(c.h, "interaction_required") {
		c.add(cause.ConsentRequired, 0.66, "Entra ID needs an interactive sign-in (MFA, consent or Conditional Access): run az login interactively")
	}
}

// ---- managed identity ----

var (
	reMIMisconfig = re(`multiple user[- ]assigned identities exist|no user assigned or delegated managed identity found|identity not found|requested identity (has not been|hasn't been|isn't|is not) assigned|managedidentityisnotenabled|managed identity is not enabled|managed identity (has not been|is not) (enabled|assigned|configured)|unable to load the proper managed identity|user[- ]assigned identity .{0,40}not found|the managed identity .{0,40}(does not exist|not found)`)
	reMIMultiple  = re(`multiple user[- ]assigned identities`)
	reIMDS        = re(`imds|169\.254\.169\.254|no managed identity endpoint|managed identity (endpoint|credential)? ?(is )?(not available|unavailable)|managedidentitycredential.{0,60}(unavailable|no response)|identity_endpoint`)
)

func ruleManagedIdentity(c *ctx) {
	switch {
	case reMIMultiple.MatchString(c.h):
		c.add(cause.ManagedIdentityMisconfigured, 0.93, "several user-assigned identities are attached and the request named none: set AZURE_CLIENT_ID (or the credential's client ID) to the one that holds the role")
	case reMIMisconfig.MatchString(c.h):
		c.add(cause.ManagedIdentityMisconfigured, 0.92, "the managed identity asked for does not exist here: it is not enabled, not attached to this compute, or the client ID is wrong or a placeholder (check AZURE_CLIENT_ID)")
	case reIMDS.MatchString(c.h):
		c.add(cause.CredentialUnavailable, 0.78, "no managed identity is available here (not running on Azure compute, or the identity endpoint did not answer); off Azure use az login or a service principal")
	}
}

// ---- clock ----

var (
	reClock    = re(`not yet valid|time and time zone|clock skew|clockskew|clock (is )?(off|behind|ahead|wrong|out of sync)|system clock|issued in the future|time is not synchroni[sz]ed|hwclock|\bntp\b|nbf.{0,30}future|iat.{0,30}future|idx10222`)
	reX509Time = re(`certificate has expired or is not yet valid|x509: certificate has expired`)
)

func ruleClock(c *ctx) {
	if reX509Time.MatchString(c.h) {
		c.add(cause.ClockSkew, 0.66, "the TLS certificate looks expired or not yet valid: usually this machine's clock is wrong (sync it), else a proxy presents an old certificate")
		c.add(cause.NetworkBlocked, 0.5, "a proxy between you and Azure may be presenting its own, outdated certificate")
		return
	}
	if reClock.MatchString(c.h) {
		c.add(cause.ClockSkew, 0.88, "this machine's clock is off, so tokens look not yet valid (or expired): sync the clock (NTP; on WSL2 after sleep: sudo hwclock -s)")
	}
}

// ---- the 401 "Access token is missing, invalid, audience is incorrect (...)" family ----

var (
	reTokenRejected = re(`access token is missing|audience is incorrect|invalid audience|audience validation failed|idx10214|invalidauthenticationtokenaudience|obtained for (the )?wrong audience|audience (is )?invalid`)
	reAudList       = re(`(?i)audience is incorrect\s*\(([^)]*)\)`)
	reAudSplit      = re(`(?i)\s+or\s+|,|;|\s+`)
)

func (c *ctx) audiencesFromText() []string {
	var out []string
	for _, v := range c.p.variants {
		for _, m := range reAudList.FindAllStringSubmatch(v, 4) {
			for _, a := range reAudSplit.Split(m[1], -1) {
				a = endpoint.NormalizeAudience(strings.Trim(a, "`'\" "))
				if strings.HasPrefix(strings.ToLower(a), "http") && len(a) < 200 && !containsFold(out, a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func ruleTokenRejected(c *ctx) {
	if !reTokenRejected.MatchString(c.h) {
		return
	}
	c.auds = c.audiencesFromText()
	want := strings.Join(c.auds, " or ")
	wantText := ""
	if want != "" {
		wantText = " It accepts the audience " + want + "."
	}
	base := "the service rejected the token itself (missing, invalid, wrong audience or expired)." + wantText

	if cl := c.in.Claims; cl != nil {
		judged := false
		if !cl.Exp.IsZero() && !c.now.Before(cl.Exp) {
			c.add(cause.TokenExpired, 0.93, fmt.Sprintf("the token expired %s ago: the app keeps a token string instead of a credential that refreshes it", claims.HumanDuration(c.now.Sub(cl.Exp))))
			judged = true
		}
		if !cl.Nbf.IsZero() && cl.Nbf.After(c.now) {
			c.add(cause.TokenExpired, 0.85, fmt.Sprintf("the token is not valid for another %s", claims.HumanDuration(cl.Nbf.Sub(c.now))))
			c.add(cause.ClockSkew, 0.6, "a token that is not valid yet usually means a clock is off")
			judged = true
		}
		if !c.audienceAccepted(cl.Aud) {
			id, summary := c.audienceMismatch(cl.Aud)
			c.add(id, 0.94, summary)
			judged = true
		}
		if !judged {
			c.add(cause.WrongTenant, 0.55, "the token's audience and lifetime look right, so the service likely refused its issuer: a token from another tenant or cloud, or not from Entra ID")
			c.add(cause.WrongAuthHeader, 0.45, "check the header: the token must go in Authorization: Bearer <token>, not in api-key")
		}
		return
	}
	sovereign := ""
	for _, a := range c.auds {
		if ac := endpoint.AudienceCloud(a); ac == endpoint.CloudUSGov || ac == endpoint.CloudChina {
			sovereign = ac
		}
	}
	if sovereign == "" && c.in.Endpoint != nil && (c.in.Endpoint.Cloud == endpoint.CloudUSGov || c.in.Endpoint.Cloud == endpoint.CloudChina) {
		sovereign = c.in.Endpoint.Cloud
	}
	if sovereign != "" {
		scope := endpoint.CognitiveAudience(sovereign) + "/.default"
		c.add(cause.WrongCloud, 0.76, fmt.Sprintf("%s The endpoint is in %s; clients that hard-code the public scope https://cognitiveservices.azure.com/.default get this 401: request %s.", capital(base), endpoint.CloudName(sovereign), scope))
		c.add(cause.WrongAudience, 0.6, "the token's audience is not the one the service accepts"+paren(want)+"; decode the token (aoai-doctor token) to compare its aud")
		c.add(cause.TokenExpired, 0.4, "the same 401 is returned for an expired token")
		return
	}
	scope := ""
	if len(c.auds) > 0 {
		scope = " Request the scope " + c.auds[0] + "/.default."
	} else if c.in.Endpoint != nil && c.in.Endpoint.Scope != "" {
		scope = " Request the scope " + c.in.Endpoint.Scope + "."
	}
	c.add(cause.WrongAudience, 0.7, capital(base)+" Most often the token is for another resource (Azure Resource Manager, Graph, ml.azure.com, or ai.azure.com where cognitiveservices is needed)."+scope+" Decode the token (aoai-doctor token) to see its aud and exp.")
	c.add(cause.TokenExpired, 0.5, "the same 401 is returned for an expired token (a token string kept for more than about an hour)")
	c.add(cause.WrongAuthHeader, 0.4, "the same 401 is returned when an API key is sent as a bearer token")
	c.add(cause.WrongTenant, 0.3, "the same 401 can come from a token issued by another tenant")
}

// audienceAccepted compares a token audience with the service's list, else with the endpoint.
func (c *ctx) audienceAccepted(aud string) bool {
	if len(c.auds) > 0 {
		return containsFold(c.auds, endpoint.NormalizeAudience(aud))
	}
	if c.in.Endpoint != nil && len(c.in.Endpoint.Audiences) > 0 {
		return endpoint.AudienceMatches(aud, c.in.Endpoint)
	}
	return endpoint.AudienceMatches(aud, nil)
}

func (c *ctx) audienceMismatch(aud string) (cause.ID, string) {
	want := strings.Join(c.auds, " or ")
	if want == "" && c.in.Endpoint != nil {
		want = strings.Join(c.in.Endpoint.Audiences, " or ")
	}
	if want == "" {
		want = endpoint.CognitiveAudience(endpoint.CloudPublic)
	}
	got := quote(aud, 120)
	if got == "" {
		got = "no aud claim"
	}
	wantCloud := endpoint.AudienceCloud(strings.Split(want, " ")[0])
	gotCloud := endpoint.AudienceCloud(aud)
	what := endpoint.DescribeAudience(aud)
	if wantCloud != "" && gotCloud != "" && wantCloud != gotCloud && (strings.HasPrefix(what, "cognitiveservices") || strings.HasPrefix(what, "ai.azure.com")) {
		return cause.WrongCloud, fmt.Sprintf("the token is for %s (%s) but the service is in %s: expected %s", endpoint.CloudName(gotCloud), got, endpoint.CloudName(wantCloud), want)
	}
	if what != "" {
		what = " (" + what + ")"
	}
	return cause.WrongAudience, fmt.Sprintf("wrong audience: expected %s, got %s%s; request the scope %s/.default", want, got, what, strings.Split(want, " ")[0])
}

// ---- the data-plane authorization family (401 PermissionDenied) ----

var (
	rePermDenied = re(`permissiondenied|principal does not have access to api/operation|lacks the required data action|does not have access to api|principal .{0,120} does not have access`)
	rePrincipal  = re("(?i)the principal [`'\"]?([^`'\"\\s]+)[`'\"]?")
	reAction     = re("(?i)data action [`'\"]?([A-Za-z0-9./*_{}-]+)[`'\"]?")
	reRoute      = re("(?i)to perform [`'\"]?([A-Z]+ /[^`'\"]*?)[`'\"]? operation")
)

func rulePermissionDenied(c *ctx) {
	if !rePermDenied.MatchString(c.h) {
		return
	}
	principal, action, route := "", "", ""
	for _, v := range c.p.variants {
		if m := rePrincipal.FindStringSubmatch(v); m != nil && principal == "" {
			principal = quote(m[1], 120)
		}
		if m := reAction.FindStringSubmatch(v); m != nil && action == "" {
			action = quote(m[1], 160)
		}
		if m := reRoute.FindStringSubmatch(v); m != nil && route == "" {
			route = quote(m[1], 160)
		}
	}
	who := "the identity"
	if principal != "" {
		who = "the principal " + principal
	}
	needs := ""
	if action != "" {
		needs = " lacks the data action " + action
		if route != "" {
			needs += " (for " + route + ")"
		}
	} else {
		needs = " has no data-plane role that allows this call"
	}
	maas := strings.Contains(strings.ToLower(action), "/maas/") || strings.HasPrefix(strings.ToLower(route), "post /models") ||
		strings.Contains(strings.ToLower(route), " /models/") ||
		(c.in.Endpoint != nil && c.in.Endpoint.Kind == endpoint.KindFoundryModels)
	if maas {
		c.add(cause.OpenAIRoleOnFoundry, 0.82, capital(who)+needs+": Foundry Models (non-OpenAI models) need Cognitive Services User (data action Microsoft.CognitiveServices/accounts/MaaS/*) on the Foundry resource; the Cognitive Services OpenAI roles only cover OpenAI models")
		c.add(cause.MissingDataRole, 0.66, capital(who)+needs+": assign Cognitive Services User on the Foundry resource")
	} else {
		role := roleForAction(action, c.in.Endpoint)
		c.add(cause.MissingDataRole, 0.87, fmt.Sprintf("authentication worked but authorization failed (a 401 with PermissionDenied, not a 403): %s%s. Assign %s at the resource; Owner, Contributor and Cognitive Services Contributor do not grant data access", who, needs, role))
	}
	c.add(cause.RolePropagating, 0.4, "if the role was assigned in the last few minutes, it may not be effective yet (up to about 5 minutes)")
	c.add(cause.WrongIdentity, 0.36, "if the role is assigned, the app may be signing in as another identity than the one holding it (compare the principal in the error with the role assignment)")
}

// roleForAction names the built-in role that grants a data action.
func roleForAction(action string, info *endpoint.Info) string {
	a := strings.ToLower(action)
	switch {
	case strings.Contains(a, "/aiservices/"):
		return "Azure AI User (on the Foundry account)"
	case strings.Contains(a, "/maas/"):
		return "Cognitive Services User"
	case strings.Contains(a, "/openai/"):
		return "Cognitive Services OpenAI User"
	}
	if roles := endpoint.RoleFor(info); len(roles) > 0 {
		return strings.Join(roles, " or ")
	}
	return "Cognitive Services OpenAI User (Azure OpenAI) or Cognitive Services User (Foundry Models)"
}

// ---- keys and headers ----

var (
	reKeyRejected   = re(`invalid subscription key|wrong api endpoint|access denied due to invalid subscription key|invalid api[- ]key|incorrect api key provided|api key is invalid`)
	reLocalAuth     = re(`authenticationtypedisabled|key based authentication is disabled|key-based authentication is disabled|local authentication (is )?disabled|disablelocalauth`)
	reHeaderProse   = re(`api[-_ ]?key header|sends? (only )?(an |the )?api[-_ ]?key|token (sent |passed |put )?(as|in) (the |an |a )?api[-_ ]?key|key (sent |passed )?as (a )?bearer|bearer (token )?in (the )?api[-_ ]?key|ocp-apim-subscription-key|same way as an api key`)
	reHeaderContext = re(`token|entra|azure ad|\baad\b|bearer|managed identity|keyless`)
)

func ruleKeyAndHeader(c *ctx) {
	if reLocalAuth.MatchString(c.h) {
		c.add(cause.LocalAuthDisabled, 0.95, "key authentication is disabled on this resource (disableLocalAuth): the request carried an api-key; remove the key (unset AZURE_OPENAI_API_KEY / the api_key argument) and send an Entra ID token as Authorization: Bearer")
	}
	if reKeyRejected.MatchString(c.h) {
		c.add(cause.WrongAuthHeader, 0.82, "the service checked an API key, not a token: the request's api-key header held something that is not this resource's key (often an Entra token put in api-key). Send the token as Authorization: Bearer <token> and no api-key header")
		c.add(cause.EndpointPath, 0.3, "the same message appears when a valid key is sent to another resource's endpoint")
	}
	if reHeaderProse.MatchString(c.prose) && reHeaderContext.MatchString(c.prose) {
		c.add(cause.WrongAuthHeader, 0.72, "the token travels in the wrong header: Entra ID tokens go in Authorization: Bearer <token>, API keys in api-key")
	}
}

// ---- tenant ----

var (
	reTenantMismatch = re(`does not match resource tenant|tenant provided in token does not match|token tenant .{0,60}does not match`)
	reWrongIssuer    = re(`wrong issuer|invalidauthenticationtokentenant|issuer .{0,40}(does not match|is not valid|invalid)`)
	reNamedTenant    = re(`must match the tenant|associated with this subscription|use the authority`)
)

func ruleTenant(c *ctx) {
	if reTenantMismatch.MatchString(c.h) {
		c.add(cause.WrongTenant, 0.95, "the token comes from another tenant than the resource's: get the token in the resource's tenant (az login --tenant <tenant>, or set the credential's tenant ID / AZURE_TENANT_ID)")
		c.add(cause.WrongIdentity, 0.35, "the credential may have picked an account from another tenant")
	}
	if reWrongIssuer.MatchString(c.h) {
		if reNamedTenant.MatchString(c.h) || strings.Contains(c.h, "invalidauthenticationtokentenant") {
			c.add(cause.WrongTenant, 0.88, "the token was issued by another tenant than the one that owns the subscription or resource; the message names the right tenant: get the token there (az login --tenant <tenant>)")
			c.add(cause.WrongIdentity, 0.45, "the credential may have picked an account from another tenant")
		} else {
			c.add(cause.WrongIdentity, 0.62, "the token came from the wrong issuer: the credential (chain) picked an account signed in to another tenant (a shared token cache, Visual Studio or VS Code account before az); pin the credential or its tenant")
			c.add(cause.WrongTenant, 0.6, "the token's tenant is not the resource's tenant: set the tenant explicitly (AZURE_TENANT_ID or az login --tenant)")
		}
	}
}

// ---- endpoint shapes (regional, serverless, 404s) ----

var (
	reCustomSubdomain = re(`provide a custom subdomain|custom subdomain for token authentication|cogsvc-authenticatewithtoken`)
	reRegionalProse   = re(`regional\s+(\(shared\)\s+)?endpoints?|api\.cognitive\.microsoft\.(com|us)|api\.cognitive\.azure\.cn|without (a )?custom subdomain|custom subdomain (name )?(is )?(required|missing)`)
	reServerless      = re(`models\.ai\.azure\.com|inference\.ai\.azure\.com|serverless (api|endpoint|deployment)|pay-as-you-go endpoint`)
	reDeployment      = re(`deploymentnotfound|api deployment for this resource does not exist|deployment .{0,60}(does not exist|not found)|model_not_found|the model .{0,60}does not exist`)
	reSubdomain       = re(`subdomain does not map to a resource`)
	reResourceNF      = re(`resource not found|resourcenotfound`)
	reInvalidURL      = re(`invalid url \(`)
	rePathProse       = re(`/openai/v1/openai|/openai/openai|v1 (path )?(is )?duplicated|duplicated /?v1`)
)

func ruleEndpointShapes(c *ctx) {
	if reCustomSubdomain.MatchString(c.h) {
		c.add(cause.RegionalEndpoint, 0.95, "the call went to a regional endpoint (<region>.api.cognitive.microsoft.com), which accepts only keys: give the resource a custom subdomain and call https://<name>.openai.azure.com/")
	} else if reRegionalProse.MatchString(c.prose) {
		c.add(cause.RegionalEndpoint, 0.72, "regional (shared) endpoints do not accept Entra ID tokens: the resource needs a custom subdomain and the app must call https://<name>.openai.azure.com/")
	}
	if reServerless.MatchString(c.h) {
		c.add(cause.ServerlessEndpoint, 0.6, "serverless (pay-as-you-go) model endpoints often accept only keys: deploy the model to a Foundry resource for Entra ID")
	}
	if reDeployment.MatchString(c.h) {
		c.add(cause.DeploymentNotFound, 0.9, "authentication worked; the deployment name does not exist on this resource (names are the deployment's, not the model's; a new deployment can take a few minutes)")
	}
	if reSubdomain.MatchString(c.h) {
		c.add(cause.EndpointNotFound, 0.92, "the host's subdomain maps to no resource: a typo in the resource name, a deleted resource, or the wrong cloud")
	}
	if reInvalidURL.MatchString(c.h) {
		c.add(cause.EndpointPath, 0.8, "the URL the client built does not exist on this endpoint: the base endpoint and the client do not match (e.g. /openai/v1 base with a deployment-style client, or /models for the inference client)")
	}
	if reResourceNF.MatchString(c.h) && (c.status == 404 || strings.Contains(c.h, "404")) && !reDeployment.MatchString(c.h) {
		c.add(cause.EndpointPath, 0.72, "404 Resource not found: the URL path is wrong, usually because the configured endpoint already carries a path (/openai/v1, /openai/deployments/...) and the client appends its own")
		c.add(cause.DeploymentNotFound, 0.4, "a wrong deployment name can also end in 404")
	}
	if rePathProse.MatchString(c.h) {
		c.add(cause.EndpointPath, 0.72, "the request path repeats /openai or /v1: set the endpoint to the resource root (https://<name>.openai.azure.com/)")
	}
}

// ---- network ----

var (
	reNetDenied = re(`virtual network/firewall rules|public access is disabled|virtual network is configured|trafficdenied|throwexceptionduetotrafficdenied|not allowed by (the )?(network|firewall)|private endpoint`)
	reNetProse  = re(`\bfirewall\b|\bvnet\b|ip (address )?(is )?not allowed|network rules?`)
	reDNS       = re(`no such host|name or service not known|nodename nor servname|getaddrinfo|name resolution|could not resolve host|failed to resolve|dns (lookup|resolution) failed|temporary failure in name resolution|nxdomain|nameresolutionerror|server misbehaving`)
	reTLSTrust  = re(`x509:|certificate signed by unknown authority|certificate_verify_failed|certificate verify failed|self[- ]signed certificate|unable to get local issuer certificate|wrong_version_number|tls: first record does not look like`)
	reProxy     = re(`proxyconnect|proxy authentication required|tunnel connection failed|proxy error|\b407\b`)
	reRefused   = re(`connection refused|econnrefused|actively refused`)
	reTimeout   = re(`i/o timeout|timed out|timeout awaiting|context deadline exceeded|client\.timeout exceeded|operation timed out|read timeout|connecttimeout`)
	reReset     = re(`connection reset|econnreset|broken pipe|unexpected eof`)
)

func ruleNetwork(c *ctx) {
	switch {
	case reNetDenied.MatchString(c.h):
		c.add(cause.NetworkBlocked, 0.9, "network rules block the caller (firewall / IP rules, virtual network, private endpoint, or public access disabled): add your IP to the resource's network rules, or call from inside the network")
	case reNetProse.MatchString(c.prose) && (c.status == 403 || strings.Contains(c.h, "403") || strings.Contains(c.h, "denied") || strings.Contains(c.h, "block")):
		c.add(cause.NetworkBlocked, 0.66, "network rules appear to block the caller")
	}
	if reDNS.MatchString(c.h) {
		c.add(cause.EndpointNotFound, 0.86, "the endpoint's host name does not resolve: a typo in the resource name, a deleted resource, or a private endpoint whose private DNS zone this machine cannot see")
	}
	if reTLSTrust.MatchString(c.h) && !reX509Time.MatchString(c.h) {
		c.add(cause.NetworkBlocked, 0.62, "TLS verification failed: a TLS-inspecting proxy or firewall sits in the way, or the CA bundle is missing (SSL_CERT_FILE / REQUESTS_CA_BUNDLE)")
	}
	if reProxy.MatchString(c.h) {
		c.add(cause.NetworkBlocked, 0.74, "the proxy refused or failed the connection (check HTTPS_PROXY / NO_PROXY and proxy credentials)")
	}
	if reRefused.MatchString(c.h) {
		c.add(cause.NetworkBlocked, 0.6, "the connection was refused: a firewall, a proxy setting, or a wrong host/port")
	}
	if reTimeout.MatchString(c.h) {
		c.add(cause.NetworkBlocked, 0.55, "the endpoint did not answer in time: a firewall dropping traffic, a private endpoint only reachable inside its network, or a proxy")
	}
	if reReset.MatchString(c.h) {
		c.add(cause.NetworkBlocked, 0.45, "the connection was cut: a firewall or proxy in between")
	}
}

// ---- control plane ----

var (
	reAuthzFailed = re(`authorizationfailed|does not have authorization to perform action|linkedauthorizationfailed`)
	reARMAction   = re(`(?i)perform action '([^']+)'`)
)

func ruleControlPlane(c *ctx) {
	if !reAuthzFailed.MatchString(c.h) {
		return
	}
	action := ""
	for _, v := range c.p.variants {
		if m := reARMAction.FindStringSubmatch(v); m != nil {
			action = quote(m[1], 160)
			break
		}
	}
	s := "an Azure Resource Manager call was refused (AuthorizationFailed): the identity has no control-plane role for it"
	if action != "" {
		s += " (action " + action + ")"
	}
	if strings.Contains(strings.ToLower(action), "listkeys") {
		s += ". Listing keys needs Cognitive Services Contributor or similar; for keyless calls you do not need keys at all: use Entra ID with Cognitive Services OpenAI User"
	} else {
		s += ". Reader on the resource is enough for this tool's lookups; data calls need a data-plane role instead"
	}
	c.add(cause.MissingControlPlaneRole, 0.9, s)
}

// ---- size ----

var reTooLarge = re(`request header fields too large|header fields too large|request header or cookie too large|headers? (are |is )?too (large|big|long)|header size exceeds`)

func ruleTooLarge(c *ctx) {
	if reTooLarge.MatchString(c.h) || c.status == 431 {
		c.add(cause.TokenTooLarge, 0.92, "the request headers are too large (431): usually a token with many group claims. Emit only groups assigned to the app (groupMembershipClaims: ApplicationGroup) or use an identity in fewer groups")
	}
}

// ---- realtime and known SDK defects ----

var (
	reWebsocket401 = re(`status code '?401'? when status code '?101'? was expected|websocket.{0,80}\b401\b|\b401\b.{0,80}websocket|realtime.{0,60}\b401\b`)
	reSDKDefect    = re(`known (issue|bug|defect)|fixed in (version |v)?\d|regression in|upgrade (to|the) (latest|newer)|bug in (the )?(sdk|library|client)`)
)

func ruleRealtimeAndSDK(c *ctx) {
	if reWebsocket401.MatchString(c.h) {
		c.add(cause.SDKOutdated, 0.62, "the realtime (websocket) handshake got 401: several client-library versions mishandle Entra ID on the realtime route (token not sent, wrong api-version); upgrade the library first")
		c.add(cause.WrongAuthHeader, 0.55, "some realtime clients send only an api-key header on the websocket; the token must be sent as Authorization: Bearer (or the client's token option)")
	}
	if reSDKDefect.MatchString(c.prose) {
		c.add(cause.SDKOutdated, 0.5, "this reads like a known client-library defect: upgrade the SDK")
	}
}

// ---- descriptions in prose ----

var (
	reOtherResource = re(`management\.azure\.com|management\.core\.windows\.net|graph\.microsoft\.com|graph\.windows\.net|\bml\.azure\.com`)
	reScopeWords    = re(`scope|audience|\baud\b|token|resource`)
	reWrongScope    = re(`(wrong|incorrect|invalid|bad|mismatched) (token |oauth |auth )?(scope|audience)|(scope|audience) (was|is) (wrong|incorrect|invalid)|(scope|audience) mismatch|invalid token/audience`)
	reSovereign     = re(`azureusgovernment|us ?gov(ernment)?\b|government cloud|azure government|sovereign|azure china|china cloud|21vianet|mooncake|fairfax|\.azure\.us\b|\.azure\.cn\b|usgovcloudapi|chinacloudapi|public cloud`)
	reCloudContext  = re(`scope|audience|authority|public`)
	reExpiryProse   = re(`expir|stale token|token (is |was )?(too )?old|after (about )?(an|one) hour|not refreshed|refresh(ed|ing)? (the )?token`)
	reDataRoleProse = re(`\b(only|just)\s+(?:has |have |had |is |are |a |an |the |as )*(owner|contributor|reader|cognitive services contributor|administrator)\b|\b(owner|contributor|reader|administrator)\W+role\b.{0,80}?(does not|doesn't|don't|do not|not|never)\s+(grant|give|provide|include|allow)|(don't|doesn't|do not|does not|not)\s+(grant|provide|give)\s+(inference|data|developer|data-plane)\s+access|(does not|doesn't|do not|don't) have (the )?(required |necessary )?permissions?\b|lacks? (the )?(required |necessary )?permissions?\b|not (authorized|permitted|allowed) to (call|use|build|create|invoke)`)
	rePropagating   = re(`(assigned|granted|added|gave)( the)?( role)? (\d+|a few|few|several) (seconds|minutes?) ago|just (assigned|granted|added)|recently (assigned|granted|added)|propagat|wait(ed|ing)? (\d+|a few|several) minutes`)
	reIdentityProse = re(`(different|wrong|another|other) (identity|account|principal|user|service principal)|picked (up )?(a|the) (different|wrong)|sharedtokencachecredential|visualstudiocredential|visualstudiocodecredential|azurepowershellcredential`)
	reConsentProse  = re(`\bconsent\b|conditional access|multi-?factor|\bmfa\b`)
)

func ruleProse(c *ctx) {
	h := c.prose
	if reOtherResource.MatchString(h) && reScopeWords.MatchString(h) {
		c.add(cause.WrongAudience, 0.75, "the token is requested for another resource (Azure Resource Manager, Graph or ml.azure.com): Azure OpenAI needs https://cognitiveservices.azure.com/.default (Foundry projects https://ai.azure.com/.default)")
	}
	if reWrongScope.MatchString(h) {
		s := 0.7
		if c.status == 401 || strings.Contains(h, "401") {
			s = 0.72
		}
		c.add(cause.WrongAudience, s, "the token's scope/audience does not fit the endpoint: Azure OpenAI and Foundry resources need https://cognitiveservices.azure.com/.default, Foundry project endpoints https://ai.azure.com/.default")
	}
	if reSovereign.MatchString(h) && reCloudContext.MatchString(h) {
		c.add(cause.WrongCloud, 0.78, "the endpoint and the token belong to different clouds: in Azure Government request https://cognitiveservices.azure.us/.default (China: https://cognitiveservices.azure.cn/.default) and sign in to that cloud's authority; some SDKs hard-code the public scope")
	}
	if strings.Contains(h, "token") && reExpiryProse.MatchString(h) {
		c.add(cause.TokenExpired, 0.66, "the token expired and was not replaced: pass a credential / token provider that refreshes, not a token string (tokens last about an hour)")
	}
	if reDataRoleProse.MatchString(h) && !reAuthzFailed.MatchString(h) {
		c.add(cause.MissingDataRole, 0.68, "management roles (Owner, Contributor, Cognitive Services Contributor) do not grant data-plane access: assign Cognitive Services OpenAI User (Azure OpenAI), Cognitive Services User (Foundry Models) or Azure AI User (Foundry agents)")
	}
	if rePropagating.MatchString(h) {
		c.add(cause.RolePropagating, 0.6, "a new role assignment takes up to about 5 minutes to take effect; wait, then get a fresh token")
	}
	if reIdentityProse.MatchString(h) {
		c.add(cause.WrongIdentity, 0.6, "the app signs in as another identity than the one that holds the role (DefaultAzureCredential picks the first credential that works: environment variables, managed identity, then az)")
	}
	if reConsentProse.MatchString(h) {
		c.add(cause.ConsentRequired, 0.55, "consent, Conditional Access or MFA blocks the sign-in: sign in interactively or ask an administrator")
	}
}

// ---- bare status codes ----

// ruleStatus adds weak candidates from the status code alone, only when nothing more
// specific was recognised.
func ruleStatus(c *ctx) {
	for _, cand := range c.cands {
		if cand.Confidence >= 0.6 {
			return
		}
	}
	switch c.status {
	case 401:
		c.add(cause.WrongAudience, 0.42, "401 without more detail: most often the token's audience is wrong (request https://cognitiveservices.azure.com/.default); decode the token to check aud and exp")
		c.add(cause.TokenExpired, 0.34, "401 also means an expired token")
		c.add(cause.WrongAuthHeader, 0.3, "401 also comes from a token sent as api-key, or a key sent as a bearer token")
		c.add(cause.MissingDataRole, 0.26, "a missing data-plane role is also a 401 (PermissionDenied)")
	case 403:
		c.add(cause.NetworkBlocked, 0.42, "403 from Azure OpenAI is usually the network (firewall, private endpoint, public access disabled)")
		c.add(cause.LocalAuthDisabled, 0.3, "403 is also returned when an API key is sent to a resource with key authentication disabled")
		c.add(cause.MissingDataRole, 0.25, "some services return 403 for a missing role")
	case 404:
		c.add(cause.EndpointPath, 0.45, "404: the URL path is wrong (extra path in the endpoint) or")
		c.add(cause.DeploymentNotFound, 0.4, "404: the deployment name does not exist")
		c.add(cause.EndpointNotFound, 0.3, "404: the host maps to no resource")
	case 407:
		c.add(cause.NetworkBlocked, 0.8, "407: the proxy requires authentication")
	case 429:
		c.add(cause.Unknown, 0.35, "429: rate limited, which is not an authentication problem: retry later or raise the quota")
	case 500, 502, 503, 504:
		c.add(cause.Unknown, 0.3, fmt.Sprintf("%d: a server-side or gateway error, not an authentication problem; retry", c.status))
	}
}

// ---- the endpoint the app called ----

func ruleEndpointInfo(c *ctx) {
	info := c.in.Endpoint
	if info == nil {
		return
	}
	for _, p := range info.Problems {
		score := 0.45
		switch {
		case p.Cause == cause.Unknown:
			continue
		case p.Cause == cause.EndpointPath && c.status == 404:
			score = 0.88
		case p.Cause == cause.RegionalEndpoint && (c.status == 400 || c.status == 401):
			score = 0.9
		case p.Cause == cause.ServerlessEndpoint && (c.status == 401 || c.status == 403):
			score = 0.8
		case p.Cause == cause.EndpointNotFound && (c.status == 0 || c.status == 404):
			score = 0.7
		}
		c.add(p.Cause, score, p.Summary)
	}
}

// ---- the token that was sent ----

func ruleClaims(c *ctx) {
	cl := c.in.Claims
	if cl == nil || reTokenRejected.MatchString(c.h) || rePermDenied.MatchString(c.h) {
		return // judged already, or the service accepted the token
	}
	score := 0.5
	if c.status == 401 {
		score = 0.85
	}
	for _, f := range claims.Lint(cl, c.in.Endpoint, "", c.now) {
		if f.Status != claims.Fail || f.Cause == "" || f.Cause == cause.Unknown {
			continue
		}
		c.add(f.Cause, score, "the token sent: "+f.Summary)
	}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
