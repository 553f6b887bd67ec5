package steps

import (
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// TestDecide pins the order of evidence: credential failures first, then endpoint problems,
// then the failing call's family refined by the token and Resource Manager evidence, and the
// app's own error text when the live checks are healthy or inconclusive.
func TestDecide(t *testing.T) {
	ok := facts{probeRan: true, probeOK: true, probeStatus: 200, haveClaims: true, audOK: true, endpointCloud: "public"}
	with := func(base facts, fn func(*facts)) facts { fn(&base); return base }
	denied := with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 401, cause.MissingDataRole })
	authn := with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 401, cause.WrongAudience })

	tests := []struct {
		name string
		f    facts
		want cause.ID
	}{
		{"healthy", ok, cause.Healthy},
		{"nothing ran", facts{}, cause.Unknown},
		{"credential unavailable", facts{acquireFailed: true, acquireCause: cause.CredentialUnavailable}, cause.CredentialUnavailable},
		{"credential invalid", facts{acquireFailed: true, acquireCause: cause.CredentialInvalid, endpointProblems: []cause.ID{cause.EndpointPath}}, cause.CredentialInvalid},
		{"empty scope explains refused token", facts{acquireFailed: true, acquireCause: cause.Unknown, scopeProblems: []cause.ID{cause.InvalidScope}}, cause.InvalidScope},
		{"wrong cloud beats acquisition", facts{endpointCloud: "usgov", scopeCloud: "public", acquireFailed: true, acquireCause: cause.InvalidScope}, cause.WrongCloud},
		{"wrong cloud from authority", with(authn, func(f *facts) { f.endpointCloud, f.authorityCloud = "usgov", "public" }), cause.WrongCloud},
		{"regional before role", with(denied, func(f *facts) { f.endpointProblems = []cause.ID{cause.RegionalEndpoint} }), cause.RegionalEndpoint},
		{"path before role", with(denied, func(f *facts) { f.endpointProblems = []cause.ID{cause.EndpointPath} }), cause.EndpointPath},
		{"wrong audience from claims", with(authn, func(f *facts) { f.audOK = false }), cause.WrongAudience},
		{"scope problem explains audience", with(authn, func(f *facts) { f.audOK = false; f.scopeProblems = []cause.ID{cause.WrongAudience} }), cause.WrongAudience},
		{"expired", with(authn, func(f *facts) { f.expired = true }), cause.TokenExpired},
		{"skew explains expiry", with(authn, func(f *facts) { f.expired, f.skewKnown, f.skew = true, true, -2*time.Hour }), cause.ClockSkew},
		{"small skew is expiry", with(authn, func(f *facts) { f.expired, f.skewKnown, f.skew = true, true, time.Minute }), cause.TokenExpired},
		{"tenant mismatch on 401", with(authn, func(f *facts) { f.tenantMismatch = true }), cause.WrongTenant},
		{"tenant 400", with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 400, cause.WrongTenant }), cause.WrongTenant},
		{"missing role", denied, cause.MissingDataRole},
		{"propagating beats all role causes", with(denied, func(f *facts) { f.pending, f.openAIRoleOnFoundry, f.heldByOther = true, true, true }), cause.RolePropagating},
		{"openai role on foundry", with(denied, func(f *facts) { f.openAIRoleOnFoundry, f.heldByOther = true, true }), cause.OpenAIRoleOnFoundry},
		{"held by another", with(denied, func(f *facts) { f.heldByOther = true }), cause.WrongIdentity},
		{"cli works as another user", with(denied, func(f *facts) { f.cliWorks, f.cliOtherUser = true, true }), cause.WrongIdentity},
		{"cli works as the same user", with(denied, func(f *facts) { f.cliWorks = true }), cause.MissingDataRole},
		{"network", with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 403, cause.NetworkBlocked }), cause.NetworkBlocked},
		{"deployment", with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 404, cause.DeploymentNotFound }), cause.DeploymentNotFound},
		{"subdomain 404", with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 404, cause.EndpointNotFound }), cause.EndpointNotFound},
		{"too large", with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 431, cause.TokenTooLarge }), cause.TokenTooLarge},
		{"error text decides when healthy", with(ok, func(f *facts) { f.errorCause = cause.MissingControlPlaneRole }), cause.MissingControlPlaneRole},
		{"informational error when healthy", with(ok, func(f *facts) { f.errorCause = cause.NotAnError }), cause.NotAnError},
		{"error text decides when unknown", facts{errorCause: cause.ConsentRequired}, cause.ConsentRequired},
		{"error text does not override live evidence", with(denied, func(f *facts) { f.errorCause = cause.WrongAudience }), cause.MissingDataRole},
		{"key disabled while Entra works", with(ok, func(f *facts) { f.keyCause = cause.LocalAuthDisabled }), cause.LocalAuthDisabled},
		{"no call: wrong audience", facts{haveClaims: true, audOK: false}, cause.WrongAudience},
		{"no call: expired", facts{haveClaims: true, audOK: true, expired: true}, cause.TokenExpired},
		{"no call: regional", facts{endpointProblems: []cause.ID{cause.RegionalEndpoint, cause.EndpointPath}, haveClaims: true, audOK: true}, cause.RegionalEndpoint},
		{"timed out call", with(ok, func(f *facts) { f.probeOK, f.probeStatus, f.probeCause = false, 0, cause.Unknown }), cause.Unknown},
		{"skew while the call works", with(ok, func(f *facts) { f.skewKnown, f.skew = true, 3*time.Hour }), cause.ClockSkew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decide(tt.f); got != tt.want {
				t.Errorf("decide = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		r    *Report
		want int
	}{
		{"nil", nil, 3},
		{"healthy", &Report{Verdict: Verdict{Cause: cause.Healthy}}, 0},
		{"not an error", &Report{Verdict: Verdict{Cause: cause.NotAnError}}, 0},
		{"problem", &Report{Verdict: Verdict{Cause: cause.MissingDataRole}}, 1},
		{"unknown, all ran", &Report{Verdict: Verdict{Cause: cause.Unknown}, Steps: []Result{{Status: Fail}}}, 1},
		{"unknown, a check could not run", &Report{Verdict: Verdict{Cause: cause.Unknown}, Steps: []Result{{Status: Fail}, {Status: Error}}}, 3},
		{"problem with a check that could not run", &Report{Verdict: Verdict{Cause: cause.MissingDataRole}, Steps: []Result{{Status: Error}}}, 1},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.r); got != tt.want {
			t.Errorf("%s: ExitCode = %d, want %d", tt.name, got, tt.want)
		}
	}
}
