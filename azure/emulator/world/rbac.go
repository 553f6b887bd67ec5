package world

import (
	"fmt"
	"strings"
	"time"
)

// scopeRef is a resolved role assignment scope.
type scopeRef struct {
	id     string // full ARM scope ("/" for the root)
	tenant string // tenant name owning it ("" for the root)
	subID  string // subscription GUID ("" for the root)
}

const scopeForms = "use account/<name>, rg/<subscription>/<group>, sub/<name>, or a full ARM ID"

// resolveScope turns a world scope (short form or ARM ID) into a full ARM scope of this world.
func (w *World) resolveScope(s string) (scopeRef, error) {
	bad := func(format string, args ...any) (scopeRef, error) {
		return scopeRef{}, &Error{Path: "scope", Msg: fmt.Sprintf(format, args...), kind: ErrInvalidScope}
	}
	if s == "" {
		return bad("missing (%s)", scopeForms)
	}
	if s == "/" {
		return scopeRef{id: "/"}, nil
	}
	kind, rest, _ := strings.Cut(s, "/")
	switch kind {
	case "account":
		a := w.Account(rest)
		if a == nil {
			return bad("no account named %s", quoteShort(rest))
		}
		sub := w.SubscriptionByID(a.SubscriptionID)
		if sub == nil {
			return bad("account %s has no subscription", quoteShort(rest))
		}
		return scopeRef{id: a.ID, tenant: sub.Tenant, subID: sub.ID}, nil
	case "sub":
		sub := w.Subscription(rest)
		if sub == nil {
			return bad("no subscription named %s", quoteShort(rest))
		}
		return scopeRef{id: "/subscriptions/" + sub.ID, tenant: sub.Tenant, subID: sub.ID}, nil
	case "rg":
		subName, rg, ok := strings.Cut(rest, "/")
		if !ok || rg == "" || strings.Contains(rg, "/") {
			return bad("%s is not rg/<subscription>/<group>", quoteShort(s))
		}
		sub := w.Subscription(subName)
		if sub == nil {
			return bad("no subscription named %s", quoteShort(subName))
		}
		return w.rgScope(sub, rg, s)
	case "":
		return w.resolveARMScope(s)
	}
	return bad("%s is not a scope (%s)", quoteShort(s), scopeForms)
}

func (w *World) rgScope(sub *Subscription, rg, orig string) (scopeRef, error) {
	for _, a := range w.Accounts {
		if a.SubscriptionID == sub.ID && strings.EqualFold(a.ResourceGroup, rg) {
			return scopeRef{id: "/subscriptions/" + sub.ID + "/resourceGroups/" + a.ResourceGroup, tenant: sub.Tenant, subID: sub.ID}, nil
		}
	}
	return scopeRef{}, &Error{Path: "scope", kind: ErrInvalidScope,
		Msg: fmt.Sprintf("%s: no account lives in resource group %s of subscription %s", quoteShort(orig), quoteShort(rg), quoteShort(sub.Name))}
}

// resolveARMScope accepts /subscriptions/<guid or name>[/resourceGroups/<rg>[/providers/.../accounts/<name>]].
func (w *World) resolveARMScope(s string) (scopeRef, error) {
	bad := func(format string, args ...any) (scopeRef, error) {
		return scopeRef{}, &Error{Path: "scope", Msg: fmt.Sprintf(format, args...), kind: ErrInvalidScope}
	}
	segs := strings.Split(strings.Trim(s, "/"), "/")
	if len(segs) < 2 || !strings.EqualFold(segs[0], "subscriptions") {
		return bad("%s is not a scope (%s)", quoteShort(s), scopeForms)
	}
	sub := w.SubscriptionByID(segs[1])
	if sub == nil {
		sub = w.Subscription(segs[1])
	}
	if sub == nil {
		return bad("%s: no subscription %s in this world", quoteShort(s), quoteShort(segs[1]))
	}
	switch {
	case len(segs) == 2:
		return scopeRef{id: "/subscriptions/" + sub.ID, tenant: sub.Tenant, subID: sub.ID}, nil
	case len(segs) == 4 && strings.EqualFold(segs[2], "resourceGroups"):
		return w.rgScope(sub, segs[3], s)
	}
	id := "/subscriptions/" + sub.ID + "/" + strings.Join(segs[2:], "/")
	if a := w.AccountByID(id); a != nil {
		return scopeRef{id: a.ID, tenant: sub.Tenant, subID: sub.ID}, nil
	}
	return bad("%s is no account of this world (%s)", quoteShort(s), scopeForms)
}

// resolveAssignment resolves a role assignment's principal, role and scope and fills its derived
// fields (all but CreatedAt). It accepts names (principal, role, scope) or the IDs an ARM PUT
// carries (PrincipalID, RoleDefinitionID or RoleGUID, ScopeID).
func (w *World) resolveAssignment(ra *RoleAssignment) error {
	// Principal or group.
	var tenant string
	var guests []string
	switch {
	case ra.Principal != "":
		if p := w.Principal(ra.Principal); p != nil {
			ra.PrincipalID, ra.PrincipalType, tenant, guests = p.ObjectID, p.PrincipalType(), p.Tenant, p.GuestIn
		} else if g := w.Group(ra.Principal); g != nil {
			ra.PrincipalID, ra.PrincipalType, tenant = g.ObjectID, "Group", g.Tenant
		} else {
			return &Error{Path: "principal", kind: ErrPrincipalNotFound, Msg: fmt.Sprintf("no principal or group named %s", quoteShort(ra.Principal))}
		}
	case ra.PrincipalID != "":
		if p := w.PrincipalByObjectID(ra.PrincipalID); p != nil {
			ra.Principal, ra.PrincipalID, ra.PrincipalType, tenant, guests = p.Name, p.ObjectID, p.PrincipalType(), p.Tenant, p.GuestIn
		} else if g := w.GroupByObjectID(ra.PrincipalID); g != nil {
			ra.Principal, ra.PrincipalID, ra.PrincipalType, tenant = g.Name, g.ObjectID, "Group", g.Tenant
		} else {
			return &Error{Path: "principalId", kind: ErrPrincipalNotFound, Msg: fmt.Sprintf("principal %s does not exist in the directory", quoteShort(ra.PrincipalID))}
		}
	default:
		return &Error{Path: "principal", kind: ErrPrincipalNotFound, Msg: "missing (a principal or group name)"}
	}
	// Role.
	roleKey := ra.Role
	if roleKey == "" {
		roleKey = ra.RoleDefinitionID
	}
	if roleKey == "" {
		roleKey = ra.RoleGUID
	}
	if roleKey == "" {
		return &Error{Path: "role", kind: ErrRoleNotFound, Msg: "missing (a built-in role name or GUID, e.g. \"Cognitive Services OpenAI User\")"}
	}
	role, ok := Role(roleKey)
	if !ok {
		return &Error{Path: "role", kind: ErrRoleNotFound, Msg: fmt.Sprintf("%s is not a built-in role (e.g. %s)", quoteShort(roleKey), roleExamples())}
	}
	ra.Role, ra.RoleGUID = role.Name, role.GUID
	// Scope.
	scopeKey := ra.Scope
	if scopeKey == "" {
		scopeKey = ra.ScopeID
	}
	sc, err := w.resolveScope(scopeKey)
	if err != nil {
		return err
	}
	if ra.Scope == "" {
		ra.Scope = sc.id
	}
	if sc.tenant != "" && tenant != sc.tenant && !contains(guests, sc.tenant) {
		return &Error{Path: "principal", kind: ErrPrincipalNotFound,
			Msg: fmt.Sprintf("%s is in tenant %s but the scope is in tenant %s (make it a guest there with guest_in)", quoteShort(ra.Principal), quoteShort(tenant), quoteShort(sc.tenant))}
	}
	ra.ScopeID = sc.id
	ra.RoleDefinitionID = RoleDefinitionID(sc.subID, role.GUID)
	if ra.GUID == "" {
		ra.GUID = assignmentGUID(sc.id, ra.PrincipalID, role.GUID)
	} else if !IsGUID(ra.GUID) {
		return &Error{Path: "name", kind: ErrInvalidScope, Msg: fmt.Sprintf("%s is not a GUID", quoteShort(ra.GUID))}
	}
	ra.GUID = strings.ToLower(ra.GUID)
	ra.ID = strings.TrimSuffix(sc.id, "/") + "/providers/Microsoft.Authorization/roleAssignments/" + ra.GUID
	return nil
}

func roleExamples() string {
	return `"Cognitive Services OpenAI User", "Cognitive Services User", "Azure AI User", "Owner"`
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// AddRoleAssignment records a new assignment, as an ARM PUT does. ra names its principal
// (Principal or PrincipalID), role (Role, RoleDefinitionID or RoleGUID) and scope (Scope or
// ScopeID); GUID is optional. Errors wrap ErrPrincipalNotFound, ErrRoleNotFound, ErrInvalidScope
// or ErrRoleAssignmentExists. The caller holds the world's lock.
func (w *World) AddRoleAssignment(ra RoleAssignment, createdAt time.Time) (*RoleAssignment, error) {
	if err := w.resolveAssignment(&ra); err != nil {
		return nil, err
	}
	for i := range w.RoleAssignments {
		o := &w.RoleAssignments[i]
		if strings.EqualFold(o.GUID, ra.GUID) || o.PrincipalID == ra.PrincipalID && o.RoleGUID == ra.RoleGUID && strings.EqualFold(o.ScopeID, ra.ScopeID) {
			return nil, &Error{kind: ErrRoleAssignmentExists, Msg: "The role assignment already exists."}
		}
	}
	ra.CreatedAt = createdAt
	ra.Age = Duration{}
	if !w.LoadedAt.IsZero() && createdAt.Before(w.LoadedAt) {
		ra.Age.Duration = w.LoadedAt.Sub(createdAt)
	}
	w.RoleAssignments = append(w.RoleAssignments, ra)
	return &w.RoleAssignments[len(w.RoleAssignments)-1], nil
}

// InScope says whether an assignment at scope applies to resourceID: the same ID or an ancestor
// (compared case-insensitively by path segment); "/" covers everything.
func InScope(scope, resourceID string) bool {
	s := strings.ToLower(strings.TrimSuffix(scope, "/"))
	r := strings.ToLower(strings.TrimSuffix(resourceID, "/"))
	return s == "" || s == r || strings.HasPrefix(r, s+"/")
}

// AssignmentsFor lists the assignments that apply to p at resourceID: made to p or to one of its
// groups, at resourceID or an ancestor scope. Pending (propagating) assignments are included.
func (w *World) AssignmentsFor(p *Principal, resourceID string) []*RoleAssignment {
	if p == nil {
		return nil
	}
	ids := map[string]bool{strings.ToLower(p.ObjectID): true}
	for _, g := range w.GroupsOf(p) {
		ids[strings.ToLower(g.ObjectID)] = true
	}
	var out []*RoleAssignment
	for i := range w.RoleAssignments {
		ra := &w.RoleAssignments[i]
		if ids[strings.ToLower(ra.PrincipalID)] && InScope(ra.ScopeID, resourceID) {
			out = append(out, ra)
		}
	}
	return out
}

// Effective says whether an assignment has propagated by now.
func (w *World) Effective(ra *RoleAssignment, now time.Time) bool {
	return !now.Before(w.EffectiveAt(ra))
}

// EffectiveAt is when an assignment becomes effective on the data plane.
func (w *World) EffectiveAt(ra *RoleAssignment) time.Time {
	return ra.CreatedAt.Add(w.Propagation.Duration)
}

// HasDataAction evaluates a data-plane action for p at resourceID. When no effective assignment
// allows it but a propagating one would, pending is that assignment (the earliest to become
// effective): "a matching role is propagating, effective at EffectiveAt(pending)".
func (w *World) HasDataAction(p *Principal, resourceID, action string, now time.Time) (ok bool, pending *RoleAssignment) {
	return w.evaluate(p, resourceID, now, func(r *RoleDefinition) bool { return r.AllowsDataAction(action) })
}

// HasAction evaluates a control-plane (ARM) action the same way, propagation included.
func (w *World) HasAction(p *Principal, resourceID, action string, now time.Time) bool {
	ok, _ := w.evaluate(p, resourceID, now, func(r *RoleDefinition) bool { return r.AllowsAction(action) })
	return ok
}

func (w *World) evaluate(p *Principal, resourceID string, now time.Time, allows func(*RoleDefinition) bool) (bool, *RoleAssignment) {
	var pending *RoleAssignment
	for _, ra := range w.AssignmentsFor(p, resourceID) {
		role, found := Role(ra.RoleGUID)
		if !found || !allows(role) {
			continue
		}
		if w.Effective(ra, now) {
			return true, nil
		}
		if pending == nil || w.EffectiveAt(ra).Before(w.EffectiveAt(pending)) {
			pending = ra
		}
	}
	return false, pending
}

// Permissions lists, for each assignment applying to p at resourceID that is effective by now,
// its role's permissions: what ARM's .../providers/Microsoft.Authorization/permissions returns.
func (w *World) Permissions(p *Principal, resourceID string, now time.Time) []RoleDefinition {
	var out []RoleDefinition
	for _, ra := range w.AssignmentsFor(p, resourceID) {
		if !w.Effective(ra, now) {
			continue
		}
		if role, ok := Role(ra.RoleGUID); ok {
			out = append(out, *role)
		}
	}
	return out
}
