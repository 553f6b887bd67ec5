package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/arm"
	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
)

// stepRole checks, in Resource Manager, whether the identity the app signs in as holds a role
// with the data action the call needs at the resource, and names the trap when it does not.
func (r *run) stepRole(ctx context.Context, s *stepCtx) Result {
	c, _, ok := r.appClaims(ctx)
	if !ok {
		return r.interrupted(s, "waiting for the app's token")
	}
	if c == nil {
		return s.result(Skip, "No token, so the caller is unknown: the role cannot be checked")
	}
	s.add("caller", callerText(c))
	action := r.dataAction()
	if action != "" {
		s.add("data action needed", action)
	}
	s.add("role that grants it", r.neededRole())

	s.note("reading role assignments in Azure Resource Manager")
	ro, ok := r.role.get(ctx)
	if !ok {
		return r.interrupted(s, "reading role assignments")
	}
	p, _ := r.probe.get(ctx)
	callWorks := p.ok()
	if ro.why != "" {
		return s.result(Skip, ro.why)
	}
	a := ro.arm
	for _, t := range a.tried {
		s.add("resource manager", t)
	}
	if a.account == nil {
		return r.roleUnverified(ctx, s, c, a, a.err, callWorks)
	}
	s.add("resource", a.account.ID)
	if a.as != "" {
		s.add("looked up as", a.as)
	}
	if ro.assignErr != nil {
		return r.roleUnverified(ctx, s, c, a, ro.assignErr, callWorks)
	}
	r.setFacts(func(f *facts) { f.roleVerified = true })

	if len(ro.assigned) == 0 {
		s.add("assignments", "none at the resource or above (groups included)")
	} else {
		s.add("assignments", assignmentsText(ro.assigned))
	}
	if ro.permsKnown {
		s.add("effective permission", yesNo(arm.HasDataAction(ro.perms, action), "the caller's effective permissions allow "+action, "the caller's effective permissions do not allow "+action))
	}

	var effective, pending, openAI []assignView
	controlOnly := len(ro.assigned) > 0
	for _, v := range ro.assigned {
		switch {
		case v.grants && v.pending:
			pending = append(pending, v)
		case v.grants:
			effective = append(effective, v)
		case v.openAIOnly:
			openAI = append(openAI, v)
		}
		if !v.controlOnly {
			controlOnly = false
		}
	}
	fc := r.fixContext()
	if len(effective) > 0 || ro.permsKnown && arm.HasDataAction(ro.perms, action) && len(pending) == 0 {
		if len(effective) > 0 {
			return s.result(Pass, fmt.Sprintf("%s holds %s at %s, which allows the call", c.Identity(), effective[0].roleName, scopeWords(effective[0].ra.Scope)))
		}
		return s.result(Pass, c.Identity()+"'s effective permissions allow the call")
	}
	switch {
	case len(pending) > 0:
		v := pending[0]
		at := v.ra.CreatedOn.Add(propagation)
		s.add("takes effect", fmt.Sprintf("by %s (assigned %s ago; role assignments take up to 5 minutes)", at.UTC().Format("15:04:05 UTC"), human(v.age)))
		s.cause(cause.RolePropagating)
		r.setFacts(func(f *facts) { f.pending = true })
		s.fix(FixesFor(cause.RolePropagating, fc)...)
		return s.result(Fail, fmt.Sprintf("%s was given %s %s ago: it is not effective yet and should work by %s",
			c.Identity(), v.roleName, human(v.age), at.UTC().Format("15:04:05 UTC")))
	case len(openAI) > 0 && r.info != nil && r.info.Kind == "foundry-models":
		s.cause(cause.OpenAIRoleOnFoundry)
		r.setFacts(func(f *facts) { f.openAIRoleOnFoundry = true })
		s.fix(FixesFor(cause.OpenAIRoleOnFoundry, fc)...)
		return s.result(Fail, fmt.Sprintf("%s holds only %s, which covers Azure OpenAI models; Foundry Models need Cognitive Services User (Microsoft.CognitiveServices/accounts/MaaS/*)",
			c.Identity(), openAI[0].roleName))
	case len(ro.holders) > 0:
		h := ro.holders[0]
		s.add("held by another identity", fmt.Sprintf("%s (object ID %s) holds %s at %s", h.name, h.oid, h.a.roleName, scopeWords(h.a.ra.Scope)))
		s.cause(cause.WrongIdentity)
		r.setFacts(func(f *facts) { f.heldByOther = true })
		s.fix(FixesFor(cause.WrongIdentity, fc)...)
		return s.result(Fail, fmt.Sprintf("The role is held by %s, but the app signs in as %s", h.name, c.Identity()))
	}
	s.cause(cause.MissingDataRole)
	r.setFacts(func(f *facts) { f.onlyControlRoles = controlOnly })
	s.fix(FixesFor(cause.MissingDataRole, fc)...)
	summary := fmt.Sprintf("%s has no role that allows %s at %s", c.Identity(), action, a.account.Name)
	if controlOnly {
		names := make([]string, 0, len(ro.assigned))
		for _, v := range ro.assigned {
			names = append(names, v.roleName)
		}
		summary += fmt.Sprintf("\nOnly %s: control-plane roles (Owner, Contributor, Reader, Cognitive Services Contributor) do not grant data access", strings.Join(dedupe(names), ", "))
	}
	return s.result(Fail, summary)
}

// roleUnverified reports that Resource Manager could not be read: never a false pass or fail.
func (r *run) roleUnverified(ctx context.Context, s *stepCtx, c *claims.Claims, a armOut, err error, callWorks bool) Result {
	fc := r.fixContext()
	if !callWorks {
		if other, why := r.otherIdentities(ctx, c); other {
			s.add("other identities", why)
			s.cause(cause.WrongIdentity)
			r.setFacts(func(f *facts) { f.otherMIs = true })
			s.fix(envFix("Name the managed identity that holds the role", map[string]string{"AZURE_CLIENT_ID": "<client-id of the identity with the role>"}, nil))
		}
	}
	if fc.AccountID == "" && r.info != nil && r.info.Subdomain != "" {
		s.fix(Fix{Title: "Find the resource ID (run as someone who can read the resource)",
			Command: fmt.Sprintf(`az cognitiveservices account list --query "[?properties.customSubDomainName=='%s'].id" -o tsv`, r.info.Subdomain), Lang: "shell"})
	}
	s.fix(
		Fix{Title: "Ask someone who can read the resource's access control to list the caller's assignments", Command: fc.verify().Command, Lang: "shell"},
		fc.grant(r.neededRole()),
	)
	if callWorks {
		return s.result(Pass, "The app's call succeeds, so the identity holds the data action (its role assignments could not be read: "+oneLineErr(err)+")")
	}
	who := a.as
	if who == "" {
		who = "the available identities"
	}
	switch {
	case arm.IsForbidden(err):
		return s.result(Error, fmt.Sprintf("Could not verify: %s may not read the resource's role assignments in Azure Resource Manager (AuthorizationFailed)", who))
	case arm.IsNotFound(err):
		return s.result(Error, fmt.Sprintf("Could not verify: no resource visible to %s serves %s", who, r.info.Host))
	case err == nil:
		return s.result(Error, "Could not verify: Azure Resource Manager could not be read")
	}
	return s.result(Error, "Could not verify: Azure Resource Manager could not be read: "+oneLineErr(err))
}

func callerText(c *claims.Claims) string {
	parts := []string{c.Identity()}
	kind := c.Kind()
	parts = append(parts, kind)
	if c.Oid != "" {
		parts = append(parts, "object ID "+c.Oid)
	}
	if id := firstNonEmpty(c.AppID, c.Azp); id != "" && kind != "user" {
		parts = append(parts, "client ID "+id)
	}
	if c.Tid != "" {
		parts = append(parts, "tenant "+c.Tid)
	}
	return parts[0] + " (" + strings.Join(parts[1:], ", ") + ")"
}

// principalType is the --assignee-principal-type for a caller.
func principalType(c *claims.Claims) string {
	if c != nil && c.Kind() == "user" {
		return "User"
	}
	return "ServicePrincipal"
}

func assignmentsText(vs []assignView) string {
	var lines []string
	for _, v := range vs {
		l := fmt.Sprintf("%s at %s", v.roleName, scopeWords(v.ra.Scope))
		if v.viaGroup {
			l += " (through group " + v.ra.PrincipalID + ")"
		}
		if v.age > 0 {
			l += ", assigned " + human(v.age) + " ago"
		}
		switch {
		case v.grants:
			l += ": allows the call"
		case v.controlOnly:
			l += ": control plane only, no data access"
		default:
			l += ": does not allow this call"
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// scopeWords names a scope briefly: the account, a resource group or a subscription.
func scopeWords(scope string) string {
	segs := strings.Split(strings.Trim(scope, "/"), "/")
	switch {
	case len(segs) >= 8:
		return "the resource " + segs[len(segs)-1]
	case len(segs) >= 4 && strings.EqualFold(segs[2], "resourceGroups"):
		return "resource group " + segs[3]
	case len(segs) >= 2 && strings.EqualFold(segs[0], "subscriptions"):
		return "subscription " + segs[1]
	case scope == "/" || scope == "":
		return "the root scope"
	}
	return scope
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func dedupe(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
