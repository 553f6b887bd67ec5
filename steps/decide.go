package steps

import (
	"slices"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// maxSkew is how far the clock may be off before tokens look expired or not yet valid.
const maxSkew = 5 * time.Minute

// decide names the one root cause the facts support, by strength of evidence: a credential
// that cannot get a token first, then an endpoint that makes the call meaningless, then the
// family of the failing call's response refined by the token and Resource Manager evidence.
// The app's own error text decides when the live checks are healthy or inconclusive.
func decide(f facts) cause.ID {
	c := decideLive(f)
	switch {
	case c == cause.Healthy && f.errorCause != "" && f.errorCause != cause.Unknown && f.errorCause != cause.Healthy:
		// The live call works, but the app saw an error: its text decides (ARM AuthorizationFailed,
		// a key sent where keys are disabled, an informational line, ...).
		return f.errorCause
	case c == cause.Unknown && f.errorCause != "" && f.errorCause != cause.Unknown && f.errorCause != cause.NotAnError:
		return f.errorCause
	}
	return c
}

func decideLive(f facts) cause.ID {
	if wrongCloud(f) {
		return cause.WrongCloud
	}
	if f.acquireFailed {
		// A scope the endpoint cannot use explains a refused token request.
		if (f.acquireCause == cause.InvalidScope || f.acquireCause == cause.Unknown || f.acquireCause == "") && len(f.scopeProblems) > 0 {
			return f.scopeProblems[0]
		}
		if f.acquireCause == "" {
			return cause.Unknown
		}
		return f.acquireCause
	}
	if c, ok := firstOf(f.endpointProblems, cause.RegionalEndpoint, cause.ServerlessEndpoint, cause.EndpointNotFound, cause.EndpointPath); ok {
		return c
	}
	if f.keyCause == cause.WrongAuthHeader {
		// The app sends its token as an api-key: whatever the token call shows, that call fails.
		return cause.WrongAuthHeader
	}
	if !f.probeRan {
		return staticEvidence(f)
	}
	if f.probeOK {
		return healthyOr(f)
	}
	pc := f.probeCause
	switch {
	case roleCauses[pc]:
		return roleFamily(f)
	case authnCauses[pc] || f.probeStatus == 401 && (pc == "" || pc == cause.Unknown):
		return authnFamily(f, pc)
	case pc == "" || pc == cause.Unknown:
		return staticEvidence(f)
	}
	return pc
}

// staticEvidence is the cause the configuration and the token show by themselves, for when
// the call gave no usable answer (not made, timed out, unrecognised).
func staticEvidence(f facts) cause.ID {
	switch {
	case len(f.scopeProblems) > 0:
		return f.scopeProblems[0]
	case f.haveClaims && !f.audOK:
		return cause.WrongAudience
	case f.haveClaims && (f.expired || f.notYetValid):
		if f.skewKnown && abs(f.skew) > maxSkew {
			return cause.ClockSkew
		}
		return cause.TokenExpired
	case f.tenantMismatch:
		return cause.WrongTenant
	}
	return cause.Unknown
}

// wrongCloud: the endpoint is in one cloud and the scope, the authority or the token in another.
func wrongCloud(f facts) bool {
	if f.endpointCloud == "" {
		return false
	}
	for _, c := range []string{f.scopeCloud, f.authorityCloud, f.audCloud} {
		if c != "" && c != f.endpointCloud {
			return true
		}
	}
	return false
}

// authnFamily: the token itself was refused (401 "Access token is missing, invalid, audience is
// incorrect, or have expired"); the decoded token tells which.
func authnFamily(f facts, pc cause.ID) cause.ID {
	if !f.haveClaims {
		if pc == "" || pc == cause.Unknown {
			return cause.Unknown
		}
		return pc
	}
	switch {
	case !f.audOK:
		if len(f.scopeProblems) > 0 {
			return f.scopeProblems[0]
		}
		return cause.WrongAudience
	case f.expired || f.notYetValid:
		if f.skewKnown && abs(f.skew) > maxSkew {
			return cause.ClockSkew
		}
		return cause.TokenExpired
	case f.tenantMismatch:
		return cause.WrongTenant
	case f.skewKnown && abs(f.skew) > maxSkew:
		return cause.ClockSkew
	}
	if pc == "" || pc == cause.Unknown {
		return cause.Unknown
	}
	return pc
}

// roleFamily: the token was accepted but the principal lacks the data action (401
// PermissionDenied). Resource Manager evidence picks the reason.
func roleFamily(f facts) cause.ID {
	switch {
	case f.pending:
		return cause.RolePropagating
	case f.openAIRoleOnFoundry:
		return cause.OpenAIRoleOnFoundry
	case f.heldByOther || f.cliWorks && f.cliOtherUser || f.envIdentityWins && f.cliOtherUser || f.otherMIs && !f.roleVerified:
		return cause.WrongIdentity
	}
	return cause.MissingDataRole
}

// healthyOr: the app's call works; a failing token check (a clock far off) still counts.
func healthyOr(f facts) cause.ID {
	if f.skewKnown && abs(f.skew) > maxSkew {
		return cause.ClockSkew
	}
	if f.keyCause == cause.LocalAuthDisabled {
		return cause.LocalAuthDisabled
	}
	if f.keyCause != "" && keyCauses[f.errorCause] {
		return f.errorCause
	}
	return cause.Healthy
}

func firstOf(have []cause.ID, order ...cause.ID) (cause.ID, bool) {
	for _, c := range order {
		if slices.Contains(have, c) {
			return c, true
		}
	}
	return "", false
}

func abs[T ~int64](d T) T {
	if d < 0 {
		return -d
	}
	return d
}
