package steps

import (
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// facts is what the steps established, boiled down for the verdict. The steps fill it; the
// verdict reads only this, so its rules can be tested without Azure.
type facts struct {
	// Endpoint.
	endpointCloud    string
	endpointProblems []cause.ID // problems that make the app's call fail (path, regional, ...)

	// Scope the app requests (static check).
	scopeProblems []cause.ID
	scopeCloud    string

	// Authority the app's credential signs in at (AZURE_AUTHORITY_HOST), cloud name.
	authorityCloud string

	// Token acquisition by the app's credential.
	acquireFailed bool
	acquireCause  cause.ID

	// The app's token, decoded.
	haveClaims     bool
	audOK          bool
	audCloud       string
	expired        bool
	notYetValid    bool
	skew           time.Duration // app clock minus server clock
	skewKnown      bool
	tenantMismatch bool // token tenant is not the resource's tenant
	tooLarge       bool

	// The app's call.
	probeRan    bool
	probeOK     bool
	probeStatus int
	probeCause  cause.ID // the classified response (or transport failure)

	// The key comparison (--api-key).
	keyCause cause.ID // "" when not tried or the key works

	// Role evidence from Resource Manager.
	roleVerified        bool // assignments could be read
	pending             bool // a granting assignment for the caller is younger than the propagation delay
	openAIRoleOnFoundry bool
	heldByOther         bool // a granting role is held by another principal than the caller
	onlyControlRoles    bool

	// Wrong-identity signals.
	envIdentityWins bool // the chain took a service principal from the environment over az login
	cliWorks        bool // the same call succeeds with the Azure CLI's token
	cliOtherUser    bool // az is signed in as another identity than the app
	otherMIs        bool // the host has other managed identities than the one the client ID picks

	// The app's own error text, classified.
	errorCause cause.ID
	errorConf  float64
}

// Cause families of a failing call.
var (
	authnCauses = map[cause.ID]bool{cause.WrongAudience: true, cause.TokenExpired: true, cause.WrongTenant: true,
		cause.WrongAuthHeader: true, cause.ClockSkew: true, cause.InvalidScope: true}
	roleCauses = map[cause.ID]bool{cause.MissingDataRole: true, cause.OpenAIRoleOnFoundry: true,
		cause.RolePropagating: true, cause.WrongIdentity: true}
	// keyCauses are problems of key auth that the app's error text can name while Entra ID works.
	keyCauses = map[cause.ID]bool{cause.LocalAuthDisabled: true, cause.WrongAuthHeader: true}
)
