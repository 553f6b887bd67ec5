package world

import "strings"

// Lookups by name are exact; by GUID and by account name, subdomain or ARM ID case-insensitive.
// They return pointers into the world (nil when not found). Callers that mutate the world
// (AddRoleAssignment) hold the emulator's lock around lookups too.

// Tenant finds a tenant by name.
func (w *World) Tenant(name string) *Tenant {
	for _, t := range w.TenantList {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TenantByID finds a tenant by its GUID.
func (w *World) TenantByID(id string) *Tenant {
	for _, t := range w.TenantList {
		if strings.EqualFold(t.ID, id) {
			return t
		}
	}
	return nil
}

// Principal finds a user, service principal or managed identity by name.
func (w *World) Principal(name string) *Principal {
	for i := range w.Principals {
		if w.Principals[i].Name == name {
			return &w.Principals[i]
		}
	}
	return nil
}

// PrincipalByClientID finds a service principal or managed identity by its client (app) ID.
func (w *World) PrincipalByClientID(id string) *Principal {
	for i := range w.Principals {
		if p := &w.Principals[i]; p.ClientID != "" && strings.EqualFold(p.ClientID, id) {
			return p
		}
	}
	return nil
}

// PrincipalByObjectID finds a principal by its object ID.
func (w *World) PrincipalByObjectID(id string) *Principal {
	for i := range w.Principals {
		if p := &w.Principals[i]; strings.EqualFold(p.ObjectID, id) {
			return p
		}
	}
	return nil
}

// PrincipalByUPN finds a user by user principal name (case-insensitive), as the password grant sends it.
func (w *World) PrincipalByUPN(upn string) *Principal {
	for i := range w.Principals {
		if p := &w.Principals[i]; p.UPN != "" && strings.EqualFold(p.UPN, upn) {
			return p
		}
	}
	return nil
}

// PrincipalByResourceID finds a managed identity by its ARM ID (mi_res_id / msi_res_id).
func (w *World) PrincipalByResourceID(id string) *Principal {
	for i := range w.Principals {
		if p := &w.Principals[i]; p.ResourceID != "" && strings.EqualFold(p.ResourceID, strings.TrimSuffix(id, "/")) {
			return p
		}
	}
	return nil
}

// ManagedIdentities lists the managed identities, all of which are on the app's host.
func (w *World) ManagedIdentities() []*Principal {
	var out []*Principal
	for i := range w.Principals {
		if w.Principals[i].Kind == "managed-identity" {
			out = append(out, &w.Principals[i])
		}
	}
	return out
}

// CanSignIn says whether p can get a token in tenant (by name): its home tenant or one it is a guest in.
func (w *World) CanSignIn(p *Principal, tenant string) bool {
	if p == nil {
		return false
	}
	if p.Tenant == tenant {
		return true
	}
	for _, g := range p.GuestIn {
		if g == tenant {
			return true
		}
	}
	return false
}

// Group finds a group by name.
func (w *World) Group(name string) *Group {
	for i := range w.Groups {
		if w.Groups[i].Name == name {
			return &w.Groups[i]
		}
	}
	return nil
}

// GroupByObjectID finds a group by object ID.
func (w *World) GroupByObjectID(id string) *Group {
	for i := range w.Groups {
		if strings.EqualFold(w.Groups[i].ObjectID, id) {
			return &w.Groups[i]
		}
	}
	return nil
}

// GroupsOf lists the groups p is a member of.
func (w *World) GroupsOf(p *Principal) []*Group {
	if p == nil {
		return nil
	}
	var out []*Group
	for _, name := range p.Groups {
		if g := w.Group(name); g != nil {
			out = append(out, g)
		}
	}
	return out
}

// Subscription finds a subscription by name.
func (w *World) Subscription(name string) *Subscription {
	for i := range w.Subscriptions {
		if w.Subscriptions[i].Name == name {
			return &w.Subscriptions[i]
		}
	}
	return nil
}

// SubscriptionByID finds a subscription by its GUID.
func (w *World) SubscriptionByID(id string) *Subscription {
	for i := range w.Subscriptions {
		if strings.EqualFold(w.Subscriptions[i].ID, id) {
			return &w.Subscriptions[i]
		}
	}
	return nil
}

// SubscriptionsIn lists a tenant's subscriptions in world order.
func (w *World) SubscriptionsIn(tenant string) []*Subscription {
	var out []*Subscription
	for i := range w.Subscriptions {
		if w.Subscriptions[i].Tenant == tenant {
			out = append(out, &w.Subscriptions[i])
		}
	}
	return out
}

// Account finds an account by name (case-insensitive, as ARM names are).
func (w *World) Account(name string) *Account {
	for i := range w.Accounts {
		if strings.EqualFold(w.Accounts[i].Name, name) {
			return &w.Accounts[i]
		}
	}
	return nil
}

// AccountBySubdomain finds the account whose customSubDomainName is sub (case-insensitive).
func (w *World) AccountBySubdomain(sub string) *Account {
	for i := range w.Accounts {
		if a := &w.Accounts[i]; a.CustomSubdomain != nil && strings.EqualFold(*a.CustomSubdomain, sub) {
			return a
		}
	}
	return nil
}

// AccountByID finds an account by its ARM ID (case-insensitive, trailing slash ignored).
func (w *World) AccountByID(armID string) *Account {
	armID = strings.TrimSuffix(armID, "/")
	for i := range w.Accounts {
		if strings.EqualFold(w.Accounts[i].ID, armID) {
			return &w.Accounts[i]
		}
	}
	return nil
}

// AccountsInRegion lists the accounts in a location (the regional endpoint serves them).
func (w *World) AccountsInRegion(location string) []*Account {
	var out []*Account
	for i := range w.Accounts {
		if strings.EqualFold(w.Accounts[i].Location, location) {
			out = append(out, &w.Accounts[i])
		}
	}
	return out
}

// Deployment finds a deployment by name (case-insensitive).
func (a *Account) Deployment(name string) *Deployment {
	for i := range a.Deployments {
		if strings.EqualFold(a.Deployments[i].Name, name) {
			return &a.Deployments[i]
		}
	}
	return nil
}

// HasProject says whether the account has a Foundry project of that name (case-insensitive).
func (a *Account) HasProject(name string) bool {
	for _, p := range a.Projects {
		if strings.EqualFold(p, name) {
			return true
		}
	}
	return false
}

// PrincipalType is ARM's principalType for a principal: User or ServicePrincipal.
func (p *Principal) PrincipalType() string {
	if p.Kind == "user" {
		return "User"
	}
	return "ServicePrincipal"
}
