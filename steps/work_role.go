package steps

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/arm"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/cred"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// propagation is how long a new role assignment may take to take effect (per the docs).
const propagation = 5 * time.Minute

// assignView is one role assignment that applies to a principal, judged against the data action.
type assignView struct {
	ra          arm.RoleAssignment
	roleName    string
	grants      bool // the role allows the data action
	openAIOnly  bool // an Azure OpenAI role: allows OpenAI/* but not what Foundry Models need
	controlOnly bool // the role has no data actions at all (Owner, Contributor, Reader, ...)
	viaGroup    bool // assigned to a group the principal is in
	age         time.Duration
	pending     bool // grants, but younger than the propagation delay
}

// holder is another principal that holds a role allowing the data action.
type holder struct {
	name, oid string
	a         assignView
}

// roleOut is the Resource Manager evidence about the caller's roles.
type roleOut struct {
	why        string // when the check could not start
	arm        armOut
	caller     *claims.Claims
	action     string
	assigned   []assignView
	assignErr  error
	perms      []arm.Permission
	permsErr   error
	permsKnown bool
	holders    []holder
	serverNow  time.Time
}

func (r *run) doRole(ctx context.Context) roleOut {
	c, _, ok := r.appClaims(ctx)
	if !ok {
		return roleOut{why: "the run ended before the app had a token"}
	}
	if c == nil || c.Oid == "" {
		return roleOut{why: "the app's credential got no token, so the caller is unknown"}
	}
	out := roleOut{caller: c, action: r.dataAction()}
	a, ok := r.arm.get(ctx)
	if !ok {
		out.why = "the run ended while looking up the resource"
		return out
	}
	out.arm = a
	if a.account == nil {
		return out
	}
	out.serverNow = r.serverNow(ctx)

	var wg sync.WaitGroup
	if a.fromApp && strings.EqualFold(a.oid, c.Oid) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out.perms, out.permsErr = a.client.Permissions(ctx, a.account.ID)
			out.permsKnown = out.permsErr == nil
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		out.assigned, out.assignErr = r.assignmentsOf(ctx, a, c.Oid, out.action, out.serverNow)
	}()
	// Principals that may hold the role instead: the Azure CLI's identity, and whoever
	// Resource Manager was asked as.
	others := map[string]string{}
	if !strings.EqualFold(a.oid, c.Oid) && a.oid != "" {
		others[strings.ToLower(a.oid)] = a.as
	}
	if t, ok := r.cliToken.get(ctx); ok && t.claims != nil && t.claims.Oid != "" && !strings.EqualFold(t.claims.Oid, c.Oid) {
		others[strings.ToLower(t.claims.Oid)] = t.claims.Identity()
	}
	var mu sync.Mutex
	if lister, ok := any(a.client).(assignmentLister); ok {
		// Every assignment at the resource: finds the role on any other principal.
		wg.Add(1)
		go func() {
			defer wg.Done()
			ras, err := lister.RoleAssignmentsAt(ctx, a.account.ID)
			if err != nil {
				return
			}
			for _, ra := range ras {
				if strings.EqualFold(ra.PrincipalID, c.Oid) || ra.PrincipalType == "Group" {
					continue
				}
				v := r.judge(ctx, a, ra, ra.PrincipalID, out.action, out.serverNow)
				if v.grants {
					mu.Lock()
					out.holders = append(out.holders, holder{name: firstNonEmpty(others[strings.ToLower(ra.PrincipalID)], strings.ToLower(ra.PrincipalType)+" "+ra.PrincipalID), oid: ra.PrincipalID, a: v})
					mu.Unlock()
				}
			}
		}()
	}
	for oid, name := range others {
		wg.Add(1)
		go func() {
			defer wg.Done()
			views, err := r.assignmentsOf(ctx, a, oid, out.action, out.serverNow)
			if err != nil {
				return
			}
			for _, v := range views {
				if v.grants {
					mu.Lock()
					out.holders = append(out.holders, holder{name: name, oid: oid, a: v})
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// assignmentsOf lists the assignments that apply to oid at the account and judges each role.
func (r *run) assignmentsOf(ctx context.Context, a armOut, oid, action string, now time.Time) ([]assignView, error) {
	ras, err := a.client.RoleAssignments(ctx, a.account.ID, oid)
	if err != nil {
		return nil, err
	}
	views := make([]assignView, len(ras))
	var wg sync.WaitGroup
	for i, ra := range ras {
		wg.Add(1)
		go func() {
			defer wg.Done()
			views[i] = r.judge(ctx, a, ra, oid, action, now)
		}()
	}
	wg.Wait()
	return views, nil
}

// assignmentLister lists every role assignment at or above a scope, whoever holds it. The arm
// package may offer it; without it only the caller's and the CLI identity's are read.
type assignmentLister interface {
	RoleAssignmentsAt(ctx context.Context, scope string) ([]arm.RoleAssignment, error)
}

// judge reads an assignment's role and says what it allows.
func (r *run) judge(ctx context.Context, a armOut, ra arm.RoleAssignment, oid, action string, now time.Time) assignView {
	v := assignView{ra: ra, viaGroup: !strings.EqualFold(ra.PrincipalID, oid)}
	var perms []arm.Permission
	if rd, err := a.client.RoleDefinition(ctx, ra.RoleDefinitionID); err == nil {
		v.roleName, perms = rd.Name, rd.Permissions
	} else if b, ok := builtinRoles[strings.ToLower(ra.RoleGUID)]; ok {
		v.roleName, perms = b.name, []arm.Permission{{DataActions: b.dataActions}}
	} else {
		v.roleName = "role " + ra.RoleGUID
	}
	v.grants = action != "" && arm.HasDataAction(perms, action)
	v.controlOnly = !hasAnyDataAction(perms)
	v.openAIOnly = !v.grants && arm.HasDataAction(perms, endpoint.ActionChat) && !arm.HasDataAction(perms, endpoint.ActionMaaSChat)
	if !ra.CreatedOn.IsZero() && !now.IsZero() {
		v.age = now.Sub(ra.CreatedOn)
		v.pending = v.grants && v.age < propagation
	}
	return v
}

func hasAnyDataAction(perms []arm.Permission) bool {
	for _, p := range perms {
		if len(p.DataActions) > 0 {
			return true
		}
	}
	return false
}

// dataAction is the data action the app's call needs.
func (r *run) dataAction() string {
	if r.info == nil {
		return ""
	}
	if a := endpoint.DataActionFor(r.info, r.cfg.Deployment); a != "" {
		return a
	}
	return r.info.DataAction
}

// neededRole is the least privileged built-in role that allows the call.
func (r *run) neededRole() string {
	if roles := endpoint.RoleFor(r.info); len(roles) > 0 {
		return roles[0]
	}
	return "Cognitive Services OpenAI User"
}

// serverNow is the service's clock (the Date of a data-plane answer), else the app's clock.
func (r *run) serverNow(ctx context.Context) time.Time {
	for _, t := range []*task[probeOut]{r.probe, r.reach} {
		if p, ok := t.get(ctx); ok && p.ran && !p.resp.ServerDate.IsZero() {
			return p.resp.ServerDate
		}
	}
	return r.now()
}

// builtinRoles is a fallback when a role definition cannot be read (GUIDs are stable).
var builtinRoles = map[string]struct {
	name        string
	dataActions []string
}{
	"5e0bd9bd-7b93-4f28-af87-19fc36ad61bd": {"Cognitive Services OpenAI User", []string{
		"Microsoft.CognitiveServices/accounts/OpenAI/*/read", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action",
		"Microsoft.CognitiveServices/accounts/OpenAI/deployments/completions/action", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/embeddings/action"}},
	"a001fd3d-188f-4b5d-821b-7da978bf7442": {"Cognitive Services OpenAI Contributor", []string{"Microsoft.CognitiveServices/accounts/OpenAI/*"}},
	"a97b65f3-24c7-4388-baec-2e87135dc908": {"Cognitive Services User", []string{"Microsoft.CognitiveServices/*"}},
	"25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68": {"Cognitive Services Contributor", nil},
	"53ca6127-db72-4b80-b1b0-d745d6d5456d": {"Azure AI User", []string{"Microsoft.CognitiveServices/*"}},
	"64702f94-c441-49e6-a78b-ef80e0188fee": {"Azure AI Developer", []string{"Microsoft.CognitiveServices/accounts/OpenAI/*"}},
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": {"Owner", nil},
	"b24988ac-6180-42a0-ab88-20f7382dd24c": {"Contributor", nil},
	"acdd72a7-3385-48ef-bd42-f606fba81ae7": {"Reader", nil},
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": {"User Access Administrator", nil},
}

// otherIdentities reports whether the host offers more managed identities than the one the
// app chose by client ID: asking the managed identity endpoint without a client ID then names
// several, or answers as another identity.
func (r *run) otherIdentities(ctx context.Context, caller *claims.Claims) (bool, string) {
	if caller == nil || caller.Kind() != "managed-identity" {
		return false, ""
	}
	opts := r.credOptions()
	if firstNonEmpty(opts.ClientID, r.getenv("AZURE_CLIENT_ID")) == "" {
		return false, ""
	}
	opts.Kind, opts.ClientID = cred.KindManagedIdentity, ""
	res := cred.Acquire(ctx, opts)
	switch {
	case res.OK() && res.Claims != nil && !strings.EqualFold(res.Claims.Oid, caller.Oid):
		return true, "without a client ID the managed identity endpoint answers as " + res.Claims.Identity()
	case res.Err != nil && strings.Contains(strings.ToLower(res.Err.Error()), "multiple user assigned identities"):
		return true, "the host has several user-assigned identities; the client ID picks " + caller.Identity()
	}
	return false, ""
}
