// Package cause holds the stable cause IDs of DESIGN.md and their plain-words titles.
package cause

// ID is a stable, kebab-case root-cause identifier. IDs are a public contract:
// scripts and support tooling match on them, so they are never renamed.
type ID string

const (
	Healthy                      ID = "healthy"
	NotAnError                   ID = "not-an-error"
	WrongAudience                ID = "wrong-audience"
	InvalidScope                 ID = "invalid-scope"
	WrongAuthHeader              ID = "wrong-auth-header"
	WrongTenant                  ID = "wrong-tenant"
	TokenExpired                 ID = "token-expired"
	ClockSkew                    ID = "clock-skew"
	TokenTooLarge                ID = "token-too-large"
	MissingDataRole              ID = "missing-data-role"
	OpenAIRoleOnFoundry          ID = "openai-role-on-foundry"
	RolePropagating              ID = "role-propagating"
	WrongIdentity                ID = "wrong-identity"
	RegionalEndpoint             ID = "regional-endpoint"
	ServerlessEndpoint           ID = "serverless-endpoint"
	EndpointPath                 ID = "endpoint-path"
	EndpointNotFound             ID = "endpoint-not-found"
	WrongCloud                   ID = "wrong-cloud"
	NetworkBlocked               ID = "network-blocked"
	LocalAuthDisabled            ID = "local-auth-disabled"
	CredentialUnavailable        ID = "credential-unavailable"
	CredentialInvalid            ID = "credential-invalid"
	ManagedIdentityMisconfigured ID = "managed-identity-misconfigured"
	ConsentRequired              ID = "consent-required"
	MissingControlPlaneRole      ID = "missing-control-plane-role"
	SDKOutdated                  ID = "sdk-outdated"
	DeploymentNotFound           ID = "deployment-not-found"
	Unknown                      ID = "unknown"
)

var titles = map[ID]string{
	Healthy:                      "The call succeeds with Microsoft Entra ID",
	NotAnError:                   "The text is informational, not a failure",
	WrongAudience:                "The token was issued for another resource (wrong audience)",
	InvalidScope:                 "Entra ID refused the requested scope",
	WrongAuthHeader:              "The right secret is sent in the wrong header",
	WrongTenant:                  "The token's tenant is not the resource's tenant",
	TokenExpired:                 "The token is expired or not yet valid",
	ClockSkew:                    "The local clock is off far enough to break token validation",
	TokenTooLarge:                "The token is too large for the request headers",
	MissingDataRole:              "The identity has no data-plane role on the resource",
	OpenAIRoleOnFoundry:          "An Azure OpenAI role is used for Foundry Models, which need Cognitive Services User",
	RolePropagating:              "The right role was assigned recently and is not effective yet",
	WrongIdentity:                "The app signs in as another identity than the one that holds the role",
	RegionalEndpoint:             "A regional endpoint is used: Entra ID needs the custom subdomain",
	ServerlessEndpoint:           "A serverless endpoint that accepts keys only",
	EndpointPath:                 "The base endpoint carries extra path or query, or is malformed",
	EndpointNotFound:             "The endpoint host maps to no resource",
	WrongCloud:                   "Endpoint and token belong to different clouds",
	NetworkBlocked:               "Network rules block the caller",
	LocalAuthDisabled:            "Key authentication is disabled on the resource",
	CredentialUnavailable:        "No credential could be used",
	CredentialInvalid:            "Entra ID refused the credential",
	ManagedIdentityMisconfigured: "The managed identity is not set up as the app expects",
	ConsentRequired:              "Consent, conditional access or MFA blocks the sign-in",
	MissingControlPlaneRole:      "An Azure Resource Manager call was refused (no control-plane role)",
	SDKOutdated:                  "A known client-library defect: upgrade",
	DeploymentNotFound:           "Authentication works; the deployment name is wrong",
	Unknown:                      "The evidence fits no known cause",
}

// order is the order of DESIGN.md; All returns it.
var order = []ID{
	Healthy, NotAnError, WrongAudience, InvalidScope, WrongAuthHeader, WrongTenant, TokenExpired,
	ClockSkew, TokenTooLarge, MissingDataRole, OpenAIRoleOnFoundry, RolePropagating, WrongIdentity,
	RegionalEndpoint, ServerlessEndpoint, EndpointPath, EndpointNotFound, WrongCloud, NetworkBlocked,
	LocalAuthDisabled, CredentialUnavailable, CredentialInvalid, ManagedIdentityMisconfigured,
	ConsentRequired, MissingControlPlaneRole, SDKOutdated, DeploymentNotFound, Unknown,
}

// All returns every cause ID in the order of DESIGN.md.
func All() []ID { return append([]ID(nil), order...) }

// Known reports whether id is one of the contract's cause IDs.
func Known(id ID) bool { _, ok := titles[id]; return ok }

// Title is the cause in plain words.
func Title(id ID) string {
	if t, ok := titles[id]; ok {
		return t
	}
	return string(id)
}
