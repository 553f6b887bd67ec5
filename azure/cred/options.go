// Package cred obtains the token the user's app would get, with the credential it uses: the
// DefaultAzureCredential chain walked link by link (recording why each link was used, skipped or
// failed), or one credential type, or a token already in hand. Tokens come only from azidentity
// (and, for an explicit --az path, from the az CLI itself); never from hand-made OAuth requests.
package cred

import (
	"net/http"
	"os"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
)

// Credential kinds (the --credential values).
const (
	KindDefault          = "default"
	KindCLI              = "cli"
	KindManagedIdentity  = "managed-identity"
	KindServicePrincipal = "service-principal"
	KindWorkloadIdentity = "workload-identity"
	KindToken            = "token"
)

// Kinds lists the accepted kinds.
func Kinds() []string {
	return []string{KindDefault, KindCLI, KindManagedIdentity, KindServicePrincipal, KindWorkloadIdentity, KindToken}
}

// Link statuses.
const (
	StatusUsed     = "used"      // this link produced the token
	StatusSkipped  = "skipped"   // unavailable here; the chain went on (Detail says why)
	StatusFailed   = "failed"    // it tried and failed; the chain stopped here
	StatusNotTried = "not-tried" // never reached, or excluded (Detail says why)
)

// Names of the credentials, as azidentity names them.
const (
	NameEnvironment      = "EnvironmentCredential"
	NameWorkloadIdentity = "WorkloadIdentityCredential"
	NameManagedIdentity  = "ManagedIdentityCredential"
	NameAzureCLI         = "AzureCLICredential"
	NameAzureDevCLI      = "AzureDeveloperCLICredential"
	NameAzurePowerShell  = "AzurePowerShellCredential"
	NameClientSecret     = "ClientSecretCredential"
	NameClientCert       = "ClientCertificateCredential"
	NameStaticToken      = "static token"
)

// Options say which credential to use and how.
//
// Credentials that read the environment themselves (managed identity source detection, the az
// and azd executables on PATH) read the process environment; Getenv (or Env) is what this package
// reads for everything else and for its explanations. Keep the two the same: in demo, main replaces
// the process environment with the app's; tests use t.Setenv.
type Options struct {
	Kind     string // one of Kinds(); "" = default
	Tenant   string // the app's tenant setting (DefaultAzureCredentialOptions.TenantID, or the credential's tenant)
	ClientID string // the app's client ID setting (user-assigned identity, service principal, workload identity)
	Token    string // KindToken: the token in hand
	Scope    string // the scope to request, e.g. https://cognitiveservices.azure.com/.default
	Cloud    string // "public" | "usgov" | "china"; "" = what azidentity picks (AZURE_AUTHORITY_HOST, else public)
	AzPath   string // KindCLI only: run this az instead of AzureCLICredential's "az" on PATH

	// Transport carries every HTTP request; nil = a default client that honours HTTPS_PROXY.
	Transport *http.Client
	// Getenv reads the app's environment; nil = Env when set, else os.Getenv.
	Getenv func(string) string
	// Env is the app's environment as a map (used when Getenv is nil).
	Env map[string]string
	// Now is the clock used for expiry notes; nil = time.Now.
	Now func() time.Time
}

func (o Options) getenv(k string) string {
	switch {
	case o.Getenv != nil:
		return o.Getenv(k)
	case o.Env != nil:
		return o.Env[k]
	}
	return os.Getenv(k)
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Link is one credential of a chain and what happened to it.
type Link struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"` // why; names of environment variables only, never values
}

// Result is the outcome of Acquire.
type Result struct {
	Token      string    // the access token: a secret, never print or log it whole
	ExpiresOn  time.Time // as the credential reported it
	Links      []Link
	Credential string // name of the link that produced the token ("" when none did)
	// Err is the original error (nil on success); classify it with classify.Classify on Err.Error().
	Err error
	// Claims of Token, when it is a readable JWT.
	Claims *claims.Claims
	// TokenCredential is the credential that produced the token; use it for other scopes of the
	// same identity (e.g. a Resource Manager token for arm.New). nil when none did.
	TokenCredential azcore.TokenCredential
	Elapsed         time.Duration
}

// OK reports whether a token was obtained.
func (r Result) OK() bool { return r.Err == nil && r.Token != "" }
