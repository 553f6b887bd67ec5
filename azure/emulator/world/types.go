// Package world describes an emulated Azure: tenants, identities, resources, role assignments,
// what the user's app does, and the faults to inject. See DESIGN.md, "World file".
package world

import (
	"encoding/json"
	"time"
)

// World is one scenario's Azure side plus the app under diagnosis.
type World struct {
	Name            string           `json:"name,omitempty"`
	Description     string           `json:"description,omitempty"`
	Teaches         string           `json:"teaches,omitempty"`
	Cloud           string           `json:"cloud,omitempty"` // public (default), usgov, china
	Propagation     Duration         `json:"propagation,omitempty"`
	Tenants         []string         `json:"tenants"`
	Principals      []Principal      `json:"principals"`
	Groups          []Group          `json:"groups,omitempty"`
	Subscriptions   []Subscription   `json:"subscriptions"`
	Accounts        []Account        `json:"accounts"`
	RoleAssignments []RoleAssignment `json:"role_assignments,omitempty"`
	CLI             *CLI             `json:"cli,omitempty"`
	App             App              `json:"app"`
	Faults          []Fault          `json:"faults,omitempty"`
	Expect          Expect           `json:"expect"`

	// Derived at load time.
	TenantList []*Tenant `json:"-"`
	// LoadedAt is the clock reading Load used: role assignment ages count back from it.
	LoadedAt time.Time `json:"-"`
}

// Tenant is a derived Entra tenant.
type Tenant struct {
	Name string
	ID   string
}

// Principal is a user, service principal or managed identity.
type Principal struct {
	Name            string      `json:"name"`
	Kind            string      `json:"kind"` // user | service-principal | managed-identity
	Tenant          string      `json:"tenant"`
	UPN             string      `json:"upn,omitempty"`
	DisplayName     string      `json:"display_name,omitempty"`
	Groups          []string    `json:"groups,omitempty"`
	Secret          string      `json:"secret,omitempty"`           // service principal client secret; user password
	SecretExpired   bool        `json:"secret_expired,omitempty"`   // AADSTS7000222 / 7000215
	UserAssigned    bool        `json:"user_assigned,omitempty"`    // managed identity: user-assigned vs system-assigned
	Federated       []Federated `json:"federated,omitempty"`        // workload identity federated credentials
	MFARequired     bool        `json:"mfa_required,omitempty"`     // AADSTS50076 on password grant
	ConsentRequired bool        `json:"consent_required,omitempty"` // AADSTS65001
	ExtraGroups     int         `json:"extra_groups,omitempty"`     // inflate the token's groups claim (token-too-large)
	GuestIn         []string    `json:"guest_in,omitempty"`         // other tenants the user may sign in to as a guest (same object ID)

	// Derived.
	ObjectID string `json:"-"`
	ClientID string `json:"-"` // app (client) ID for service principals and managed identities
	TenantID string `json:"-"`
	// ResourceID is the ARM id of a user-assigned managed identity.
	ResourceID string `json:"-"`
}

// Federated is a federated identity credential on an app.
type Federated struct {
	Issuer   string `json:"issuer"`
	Subject  string `json:"subject"`
	Audience string `json:"audience,omitempty"` // default api://AzureADTokenExchange
}

// Group is an Entra security group.
type Group struct {
	Name   string `json:"name"`
	Tenant string `json:"tenant"`

	ObjectID string `json:"-"`
}

// Subscription is an Azure subscription.
type Subscription struct {
	Name   string `json:"name"`
	Tenant string `json:"tenant"`

	ID       string `json:"-"`
	TenantID string `json:"-"`
}

// Account is a Microsoft.CognitiveServices account.
type Account struct {
	Name                string       `json:"name"`
	Kind                string       `json:"kind"` // OpenAI | AIServices
	Subscription        string       `json:"subscription"`
	ResourceGroup       string       `json:"resource_group"`
	Location            string       `json:"location"`
	CustomSubdomain     *string      `json:"custom_subdomain"` // nil = regional endpoint only
	DisableLocalAuth    bool         `json:"disable_local_auth"`
	PublicNetworkAccess string       `json:"public_network_access,omitempty"` // Enabled (default) | Disabled
	IPRules             []string     `json:"ip_rules,omitempty"`
	Deployments         []Deployment `json:"deployments,omitempty"`
	Projects            []string     `json:"projects,omitempty"` // Foundry projects (AIServices)
	Keys                []string     `json:"keys,omitempty"`     // API keys accepted; default derived from name

	ID             string `json:"-"` // full ARM id
	TenantID       string `json:"-"`
	SubscriptionID string `json:"-"`
}

// Deployment is a model deployment on an account.
type Deployment struct {
	Name   string `json:"name"`
	Model  string `json:"model"`
	Format string `json:"format,omitempty"` // OpenAI (default) or a Foundry Models provider
}

// RoleAssignment grants a role to a principal or group at a scope.
type RoleAssignment struct {
	Principal string   `json:"principal"` // principal or group name
	Role      string   `json:"role"`      // built-in role name or GUID
	Scope     string   `json:"scope"`     // account/<name> | rg/<sub>/<rg> | sub/<name> | full ARM id
	Age       Duration `json:"age,omitempty"`

	ID               string    `json:"-"`
	GUID             string    `json:"-"`
	PrincipalID      string    `json:"-"`
	PrincipalType    string    `json:"-"` // User | Group | ServicePrincipal
	RoleGUID         string    `json:"-"`
	RoleDefinitionID string    `json:"-"`
	ScopeID          string    `json:"-"`
	CreatedAt        time.Time `json:"-"`
}

// CLI is what the az CLI is logged in as. A nil *CLI means az is not installed;
// a nil Principal means az is installed but not logged in.
type CLI struct {
	Principal    *string `json:"principal"`
	Tenant       string  `json:"tenant,omitempty"`
	Subscription string  `json:"subscription,omitempty"`
}

// App is what the user's application does.
type App struct {
	Credential string            `json:"credential,omitempty"` // default|cli|managed-identity|service-principal|workload-identity|token
	Principal  string            `json:"principal,omitempty"`
	Env        map[string]string `json:"env,omitempty"`
	Endpoint   string            `json:"endpoint"`
	Scope      string            `json:"scope,omitempty"`
	Deployment string            `json:"deployment,omitempty"`
	APIVersion string            `json:"api_version,omitempty"`
	Token      *TokenSpec        `json:"token,omitempty"`
	ClockSkew  Duration          `json:"clock_skew,omitempty"`
	Error      *string           `json:"error,omitempty"`
	APIKey     string            `json:"api_key,omitempty"` // literal key, or "@token": the app's key variable holds app.token
	// Assertion is what the platform's federated token (AZURE_FEDERATED_TOKEN_FILE) says; nil = it
	// matches the signing-in principal's first federated credential.
	Assertion *Federated `json:"assertion,omitempty"`

	// ScopeSet says the world file gave "scope" explicitly: "" then is an app that requests an
	// empty scope, while an absent scope means the right one for the endpoint.
	ScopeSet bool `json:"-"`
}

// TokenSpec asks the emulator to mint a token the app already holds.
type TokenSpec struct {
	Principal   string   `json:"principal"`
	Audience    string   `json:"audience,omitempty"`
	Tenant      string   `json:"tenant,omitempty"`
	ExpiredAgo  Duration `json:"expired_ago,omitempty"`
	NotBeforeIn Duration `json:"not_before_in,omitempty"`
}

// Fault injects a failure into one service.
type Fault struct {
	Service    string   `json:"service"` // entra | arm | data | imds | cli
	Kind       string   `json:"kind"`    // latency | status | hang | reset | garbage | untrusted-tls | refuse
	Latency    Duration `json:"latency,omitempty"`
	Status     int      `json:"status,omitempty"`
	RetryAfter int      `json:"retry_after,omitempty"`
	Host       string   `json:"host,omitempty"` // optional: only this host
}

// Expect is what a correct diagnosis concludes.
type Expect struct {
	Cause string `json:"cause"`
}

// Duration is a time.Duration written as a Go duration string ("5m", "90s").
type Duration struct{ time.Duration }

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON accepts a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errDurationType
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return &durationError{s: s}
	}
	d.Duration = v
	return nil
}
