package steps

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// FixContext is what is known when fixes are written. Empty fields become <placeholders>.
// The verdict fills it from live evidence; explain fills what its flags give.
type FixContext struct {
	Lang string // python|javascript|csharp|go|java|all ("" = all)

	Endpoint   string // the base endpoint the app should use
	Scope      string // the scope the endpoint needs (with /.default)
	Resource   string // Scope without /.default (for az --resource)
	Cloud      string // public|usgov|china
	APIVersion string
	Deployment string
	Credential string // the app's credential kind
	ClientID   string // the app's configured client ID (AZURE_CLIENT_ID)

	AccountID      string // full ARM id
	AccountName    string
	ResourceGroup  string
	ResourceTenant string // the resource's tenant ID

	PrincipalOID  string // the caller's object ID
	PrincipalType string // User|ServicePrincipal
	PrincipalName string // upn, or app ID

	Role        string    // the data role to grant
	DataAction  string    // the data action the call needs
	EffectiveAt time.Time // when a propagating assignment takes effect

	// Wrong identity: who holds the role instead, and environment that makes the chain pick
	// another identity.
	HolderName string
	HolderOID  string
	EnvToUnset []string
}

func or(s, placeholder string) string {
	if s == "" {
		return placeholder
	}
	return s
}

func (fc FixContext) code() codeParts {
	return codeParts{endpoint: fc.Endpoint, scope: fc.Scope, tenant: fc.ResourceTenant, clientID: fc.ClientID, apiVersion: fc.APIVersion}
}

func (fc FixContext) resource() string {
	if fc.Resource != "" {
		return fc.Resource
	}
	if fc.Scope != "" {
		return strings.TrimSuffix(fc.Scope, "/.default")
	}
	return "https://cognitiveservices.azure.com"
}

func (fc FixContext) role() string { return or(fc.Role, "Cognitive Services OpenAI User") }

func (fc FixContext) accountArgs() string {
	return fmt.Sprintf("-n %s -g %s", or(fc.AccountName, "<resource-name>"), or(fc.ResourceGroup, "<resource-group>"))
}

// grant is the exact role assignment command for the caller.
func (fc FixContext) grant(role string) Fix {
	return Fix{
		Title: fmt.Sprintf("Grant %q to %s at the resource", role, or(fc.PrincipalName, or(fc.PrincipalOID, "the app's identity"))),
		Command: fmt.Sprintf("az role assignment create --role %q --assignee-object-id %s --assignee-principal-type %s --scope %s",
			role, or(fc.PrincipalOID, "<object-id>"), or(fc.PrincipalType, "<User|ServicePrincipal>"), or(fc.AccountID, "<resource-id>")),
		Lang: "shell",
	}
}

// verify lists the caller's assignments that apply at the resource, groups included.
func (fc FixContext) verify() Fix {
	return Fix{
		Title: "Check the assignments that apply to the identity (groups included)",
		Command: fmt.Sprintf("az role assignment list --assignee %s --scope %s --include-inherited --include-groups -o table",
			or(fc.PrincipalOID, "<object-id>"), or(fc.AccountID, "<resource-id>")),
		Lang: "shell",
	}
}

func (fc FixContext) tokenTest() Fix {
	cmd := "az account get-access-token --resource " + fc.resource()
	if fc.ResourceTenant != "" {
		cmd += " --tenant " + fc.ResourceTenant
	}
	return Fix{Title: "Check that a token for the endpoint can be had", Command: cmd + " --query expiresOn -o tsv", Lang: "shell"}
}

// FixesFor returns the fixes for a cause, most direct first, with the known IDs filled in.
// The verdict and `explain` both use it, so each fix is written once.
func FixesFor(id cause.ID, fc FixContext) []Fix {
	var out []Fix
	add := func(f ...Fix) { out = append(out, f...) }
	code := func(k snippet) { add(codeFixes(k, fc.Lang, fc.code())...) }
	switch id {
	case cause.Healthy, cause.NotAnError:
		return []Fix{}
	case cause.WrongAudience, cause.InvalidScope:
		code(snipScope)
		add(fc.tokenTest())
	case cause.WrongAuthHeader:
		add(Fix{Title: "Send the token as 'Authorization: Bearer <token>' and the key only as 'api-key'; never both, never swapped"})
		code(snipProvider)
		add(envFix("Do not send a key when using Entra ID", nil, []string{"AZURE_OPENAI_API_KEY"}))
	case cause.WrongTenant:
		add(envFix("Use the resource's tenant", map[string]string{"AZURE_TENANT_ID": or(fc.ResourceTenant, "<tenant-id>")}, nil))
		add(Fix{Title: "Sign the Azure CLI in to the resource's tenant", Command: "az login --tenant " + or(fc.ResourceTenant, "<tenant-id>"), Lang: "shell"})
		code(snipTenant)
	case cause.TokenExpired:
		code(snipProvider)
		add(Fix{Title: "Or get a fresh token (tokens last about an hour)", Command: "az account get-access-token --resource " + fc.resource() + " --query accessToken -o tsv", Lang: "shell"})
	case cause.ClockSkew:
		add(Fix{Title: "Set the clock from the network (Linux)", Command: "sudo timedatectl set-ntp true", Lang: "shell"})
		add(Fix{Title: "WSL after sleep: reset the clock from the hardware clock", Command: "sudo hwclock -s", Lang: "shell"})
		add(Fix{Title: "Windows: resynchronise the clock", Command: "w32tm /resync", Lang: "shell"})
	case cause.TokenTooLarge:
		add(Fix{Title: "Grant the role through one group and remove the identity from groups it does not need, or use a service principal or managed identity (no group claims)"})
		add(Fix{Title: "For your own app registration, emit only the groups assigned to the app",
			Command: "az ad app update --id <app-id> --set groupMembershipClaims=ApplicationGroup", Lang: "shell"})
	case cause.MissingDataRole:
		add(fc.grant(fc.role()))
		add(Fix{Title: "Wait up to 5 minutes for the assignment to take effect, then get a new token"})
		add(fc.verify())
	case cause.OpenAIRoleOnFoundry:
		add(fc.grant("Cognitive Services User"))
		add(Fix{Title: "Wait up to 5 minutes for the assignment to take effect, then get a new token"})
		add(fc.verify())
	case cause.RolePropagating:
		when := "in up to 5 minutes"
		if !fc.EffectiveAt.IsZero() {
			when = "at " + fc.EffectiveAt.UTC().Format("15:04:05 UTC")
		}
		add(Fix{Title: "Nothing to change: the assignment takes effect " + when + "; retry then with a new token"})
		add(fc.verify())
	case cause.WrongIdentity:
		if len(fc.EnvToUnset) > 0 {
			add(envFix("Stop the environment from choosing another identity", nil, fc.EnvToUnset))
		}
		add(fc.grant(fc.role()))
		if fc.HolderName != "" || fc.HolderOID != "" {
			add(Fix{Title: fmt.Sprintf("Or make the app sign in as %s, which holds the role", or(fc.HolderName, fc.HolderOID))})
		}
	case cause.RegionalEndpoint:
		if fc.AccountName != "" || fc.Endpoint != "" {
			add(Fix{Title: "Give the resource a custom subdomain (needed for Entra ID; cannot be undone)",
				Command: fmt.Sprintf("az cognitiveservices account update %s --custom-domain %s", fc.accountArgs(), or(fc.AccountName, "<resource-name>")),
				Lang:    "shell"})
		}
		add(envFix("Call the custom subdomain endpoint", map[string]string{"AZURE_OPENAI_ENDPOINT": or(fc.Endpoint, "https://<resource>.openai.azure.com/")}, nil))
		code(snipEndpoint)
	case cause.ServerlessEndpoint:
		add(Fix{Title: "This endpoint accepts keys only: use its key, or deploy the model to a Foundry resource and call it with Entra ID"})
	case cause.EndpointPath:
		add(envFix("Use the base endpoint only (no path, no query)", map[string]string{"AZURE_OPENAI_ENDPOINT": or(fc.Endpoint, "https://<resource>.openai.azure.com/")}, nil))
		code(snipEndpoint)
	case cause.EndpointNotFound:
		add(Fix{Title: "List your resources and their endpoints", Command: `az cognitiveservices account list --query "[].{name:name, endpoint:properties.endpoint}" -o table`, Lang: "shell"})
		add(envFix("Use the endpoint of an existing resource", map[string]string{"AZURE_OPENAI_ENDPOINT": or(fc.Endpoint, "https://<resource>.openai.azure.com/")}, nil))
	case cause.WrongCloud:
		add(Fix{Title: "Request the token from the endpoint's cloud", Command: "az cloud set --name " + cloudName(fc.Cloud) + "\naz login", Lang: "shell"})
		add(envFix("Point the credential at the endpoint's cloud", map[string]string{"AZURE_AUTHORITY_HOST": authorityFor(fc.Cloud)}, nil))
		code(snipScope)
	case cause.NetworkBlocked:
		add(Fix{Title: "Allow your public IP address in the resource's firewall",
			Command: fmt.Sprintf("az cognitiveservices account network-rule add %s --ip-address <your-public-ip>", fc.accountArgs()), Lang: "shell"})
		add(Fix{Title: "Or call from inside the virtual network (private endpoint), or enable public access",
			Command: fmt.Sprintf("az cognitiveservices account update %s --public-network-access Enabled", fc.accountArgs()), Lang: "shell"})
	case cause.LocalAuthDisabled:
		add(envFix("Keys are disabled on this resource: stop sending the key", nil, []string{"AZURE_OPENAI_API_KEY"}))
		code(snipProvider)
	case cause.CredentialUnavailable:
		add(credentialUnavailableFixes(fc)...)
	case cause.CredentialInvalid:
		add(Fix{Title: "Create a new client secret and give it to the app (the old one is wrong or expired)",
			Command: "az ad app credential reset --id " + or(fc.ClientID, "<client-id>") + " --query password -o tsv", Lang: "shell"})
		add(envFix("Use the new secret (the value, not the secret ID)", map[string]string{"AZURE_CLIENT_SECRET": "<new-secret-value>"}, nil))
		add(Fix{Title: "Workload identity: check that a federated credential matches the token's issuer and subject exactly (case-sensitive)",
			Command: "az ad app federated-credential list --id " + or(fc.ClientID, "<client-id>") + " -o table", Lang: "shell"})
	case cause.ManagedIdentityMisconfigured:
		add(Fix{Title: "List the user-assigned identities and their client IDs",
			Command: `az identity list --query "[].{name:name, clientId:clientId, principalId:principalId}" -o table`, Lang: "shell"})
		add(envFix("Name the identity to use (or unset AZURE_CLIENT_ID for the system-assigned one)", map[string]string{"AZURE_CLIENT_ID": or(fc.ClientID, "<client-id>")}, nil))
		code(snipMIClient)
	case cause.ConsentRequired:
		add(Fix{Title: "Sign in interactively to satisfy MFA or conditional access",
			Command: "az login --tenant " + or(fc.ResourceTenant, "<tenant-id>") + " --scope " + or(fc.Scope, "https://cognitiveservices.azure.com/.default"), Lang: "shell"})
		add(Fix{Title: "Or have an admin grant consent for the app", Command: "az ad app permission admin-consent --id " + or(fc.ClientID, "<client-id>"), Lang: "shell"})
	case cause.MissingControlPlaneRole:
		add(Fix{Title: "Entra ID data calls need no control-plane role: call the endpoint with a token and do not list keys"})
		add(Fix{Title: "If the app must read the resource, grant Reader at the resource",
			Command: fmt.Sprintf("az role assignment create --role \"Reader\" --assignee-object-id %s --assignee-principal-type %s --scope %s",
				or(fc.PrincipalOID, "<object-id>"), or(fc.PrincipalType, "<User|ServicePrincipal>"), or(fc.AccountID, "<resource-id>")), Lang: "shell"})
	case cause.SDKOutdated:
		add(sdkUpgrades(fc.Lang)...)
	case cause.DeploymentNotFound:
		add(Fix{Title: "List the deployments of the resource", Command: fmt.Sprintf("az cognitiveservices account deployment list %s -o table", fc.accountArgs()), Lang: "shell"})
		add(envFix("Use an existing deployment name (not the model name)", map[string]string{"AZURE_OPENAI_DEPLOYMENT": "<deployment-name>"}, nil))
	default:
		add(Fix{Title: "Attach this report to a support ticket", Command: "aoai-doctor check --output markdown > aoai-doctor-report.md", Lang: "shell"})
	}
	return out
}

func credentialUnavailableFixes(fc FixContext) []Fix {
	login := "az login"
	if fc.ResourceTenant != "" {
		login += " --tenant " + fc.ResourceTenant
	}
	loginFix := Fix{Title: "Sign in to the Azure CLI", Command: login, Lang: "shell"}
	switch fc.Credential {
	case "service-principal":
		return []Fix{envFix("Give the app its service principal", map[string]string{
			"AZURE_TENANT_ID": or(fc.ResourceTenant, "<tenant-id>"), "AZURE_CLIENT_ID": or(fc.ClientID, "<client-id>"), "AZURE_CLIENT_SECRET": "<secret-value>",
		}, nil)}
	case "managed-identity":
		return []Fix{{Title: "Run where a managed identity is enabled (App Service, Functions, Container Apps, VM), or use another credential locally"}}
	case "workload-identity":
		return []Fix{envFix("Give the app the workload identity settings", map[string]string{
			"AZURE_TENANT_ID": or(fc.ResourceTenant, "<tenant-id>"), "AZURE_CLIENT_ID": or(fc.ClientID, "<client-id>"), "AZURE_FEDERATED_TOKEN_FILE": "<path>",
		}, nil)}
	}
	return []Fix{loginFix, {Title: "Install the Azure CLI if it is missing: https://aka.ms/azure-cli"}}
}

func sdkUpgrades(sel string) []Fix {
	all := []Fix{
		{Title: "Upgrade the SDKs", Command: "pip install --upgrade openai azure-identity", Lang: "python"},
		{Title: "Upgrade the SDKs", Command: "npm install openai@latest @azure/identity@latest", Lang: "javascript"},
		{Title: "Upgrade the SDKs", Command: "dotnet add package Azure.AI.OpenAI\ndotnet add package Azure.Identity", Lang: "csharp"},
		{Title: "Upgrade the SDKs", Command: "go get -u github.com/openai/openai-go/v3 github.com/Azure/azure-sdk-for-go/sdk/azidentity", Lang: "go"},
		{Title: "Upgrade the SDKs", Command: "mvn versions:use-latest-releases -Dincludes=com.azure:azure-ai-openai,com.azure:azure-identity", Lang: "java"},
	}
	var out []Fix
	for _, f := range all {
		if wantLang(sel, f.Lang) {
			out = append(out, f)
		}
	}
	return out
}

func cloudName(cloud string) string {
	switch cloud {
	case "usgov":
		return "AzureUSGovernment"
	case "china":
		return "AzureChinaCloud"
	}
	return "AzureCloud"
}

func authorityFor(cloud string) string {
	switch cloud {
	case "usgov":
		return "https://login.microsoftonline.us/"
	case "china":
		return "https://login.chinacloudapi.cn/"
	}
	return "https://login.microsoftonline.com/"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
