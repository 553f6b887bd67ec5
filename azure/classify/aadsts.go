package classify

import (
	"regexp"
	"strconv"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// aadEntry is what an Entra ID (AADSTS) error code means for this tool.
type aadEntry struct {
	cause   cause.ID
	summary string
	also    cause.ID // a second, less likely cause ("" for none)
}

// aadCodes maps AADSTS codes to causes. Summaries are plain words, ours.
var aadCodes = map[int]aadEntry{
	// The credential itself was refused.
	7000215: {cause.CredentialInvalid, "the client secret is wrong or expired (a common slip: the secret's ID was used instead of its value)", ""},
	7000222: {cause.CredentialInvalid, "the client secret has expired; create a new one and update the app", ""},
	7000112: {cause.CredentialInvalid, "the application is disabled in the tenant", ""},
	700016:  {cause.CredentialInvalid, "no application with this client ID exists in the tenant used (wrong client ID, or signing in to the wrong tenant)", cause.WrongTenant},
	700027:  {cause.CredentialInvalid, "the client assertion or certificate signature is invalid (certificate not registered on the app)", ""},
	700024:  {cause.CredentialInvalid, "the client assertion is outside its valid time (expired federated token, or a clock far off)", cause.ClockSkew},
	7000218: {cause.CredentialInvalid, "the token request carries neither a client secret nor a client assertion", ""},
	70021:   {cause.CredentialInvalid, "no federated identity credential matches the presented assertion: issuer, subject and audience must match exactly (case-sensitive)", ""},
	700211:  {cause.CredentialInvalid, "no federated identity credential matches the assertion's issuer", ""},
	700212:  {cause.CredentialInvalid, "no federated identity credential matches the assertion's audience", ""},
	700213:  {cause.CredentialInvalid, "no federated identity credential matches the assertion's subject", ""},
	7002138: {cause.CredentialInvalid, "the federated (workload identity) credential was refused", ""},
	50126:   {cause.CredentialInvalid, "the user name or password is wrong", ""},
	50053:   {cause.CredentialInvalid, "the account is locked", ""},
	50057:   {cause.CredentialInvalid, "the account is disabled", ""},
	50055:   {cause.CredentialInvalid, "the password has expired", ""},
	// Tenant / cloud.
	90002:  {cause.WrongTenant, "the tenant was not found: a wrong tenant ID, or a tenant of another cloud (Azure Government / China) used against the public authority", cause.WrongCloud},
	900023: {cause.WrongTenant, "the tenant identifier is neither a valid GUID nor a domain name", ""},
	50034:  {cause.WrongTenant, "the user does not exist in this tenant: sign in to the tenant that holds the account", ""},
	50020:  {cause.WrongTenant, "the user is not a member or guest of this tenant", ""},
	90072:  {cause.WrongTenant, "the account does not exist in this tenant: invite it as a guest or sign in to its home tenant", ""},
	50128:  {cause.WrongTenant, "the tenant domain name is not valid", ""},
	// Scope / resource.
	70011:  {cause.InvalidScope, "Entra ID refused the requested scope: a v2 scope must be the resource URI followed by /.default (e.g. https://cognitiveservices.azure.com/.default)", ""},
	500011: {cause.InvalidScope, "the resource named in the scope does not exist in this tenant: a typo in the scope, the endpoint used as a scope, or a resource of another cloud", cause.WrongCloud},
	28003:  {cause.InvalidScope, "the scope is empty or malformed", ""},
	// Sign-in blocked by policy.
	50076:  {cause.ConsentRequired, "multi-factor authentication is required: sign in interactively (az login) instead of silently", ""},
	50079:  {cause.ConsentRequired, "the user must register for multi-factor authentication", ""},
	65001:  {cause.ConsentRequired, "the user or an administrator has not consented to the application", ""},
	65002:  {cause.ConsentRequired, "consent between the first-party application and the resource is not configured", ""},
	53003:  {cause.ConsentRequired, "a Conditional Access policy blocked the sign-in", ""},
	53000:  {cause.ConsentRequired, "a Conditional Access policy requires a compliant device", ""},
	53001:  {cause.ConsentRequired, "a Conditional Access policy requires a domain-joined device", ""},
	530003: {cause.ConsentRequired, "a Conditional Access policy requires a managed device", ""},
	50097:  {cause.ConsentRequired, "device authentication is required", ""},
	50105:  {cause.ConsentRequired, "the user is not assigned to the application", ""},
	50158:  {cause.ConsentRequired, "an external security challenge was not satisfied", ""},
	// The cached sign-in is no longer usable: sign in again.
	700082: {cause.CredentialUnavailable, "the refresh token expired from inactivity: sign in again (az login)", ""},
	70043:  {cause.CredentialUnavailable, "the refresh token expired under a sign-in frequency policy: sign in again", cause.ConsentRequired},
	50173:  {cause.CredentialUnavailable, "the grant expired (password changed or session revoked): sign in again", ""},
	50132:  {cause.CredentialUnavailable, "the session was revoked: sign in again", ""},
	50133:  {cause.CredentialUnavailable, "the session is invalid after a password change: sign in again", ""},
	50058:  {cause.CredentialUnavailable, "no signed-in user for a silent sign-in: sign in interactively first", ""},
	50078:  {cause.ConsentRequired, "the multi-factor authentication claim expired: sign in again with MFA", ""},
}

var aadRe = regexp.MustCompile(`(?i)\baadsts(\d{4,8})\b`)

// AADSTS finds the first Entra ID error code (AADSTSnnnn) in the text.
func AADSTS(text string) (code int, ok bool) {
	if m := aadRe.FindStringSubmatch(text); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n, true
		}
	}
	return 0, false
}
