package world

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// Enumerations of the world file.
var (
	Clouds            = []string{"public", "usgov", "china"}
	PrincipalKinds    = []string{"user", "service-principal", "managed-identity"}
	AccountKinds      = []string{"OpenAI", "AIServices"}
	Credentials       = []string{"default", "cli", "managed-identity", "service-principal", "workload-identity", "token"}
	FaultServices     = []string{"entra", "arm", "data", "imds", "cli"}
	FaultKinds        = []string{"latency", "status", "hang", "reset", "garbage", "untrusted-tls", "refuse"}
	NetworkAccessKind = []string{"Enabled", "Disabled"}
)

// Defaults applied by Load.
const (
	DefaultPropagation      = 5 * time.Minute
	DefaultAssignmentAge    = 24 * time.Hour // a role assignment without "age" is long established
	DefaultFederatedAud     = "api://AzureADTokenExchange"
	IdentityResourceGroup   = "rg-identities" // where user-assigned identities live
	AppResourceGroup        = "rg-app"        // where the app's host (system-assigned identity) lives
	APIKeyFromToken         = "@token"        // app.api_key: the app's key variable holds app.token
	MaxExtraGroups          = 5000
	defaultUserDomainSuffix = ".example"
)

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

func choices(set []string) string {
	if len(set) == 2 {
		return set[0] + " or " + set[1]
	}
	return strings.Join(set[:len(set)-1], ", ") + " or " + set[len(set)-1]
}

// checkName is the rule for names that link things (tenants, principals, groups, subscriptions):
// a letter or digit, then letters, digits, '.', '_' or '-', at most 64; never a GUID (GUIDs are derived).
func checkName(path, what, name string) error {
	if name == "" {
		return errorf(path, "a %s needs a name", what)
	}
	if len(name) > 64 {
		return errorf(path, "%s is longer than 64 characters", quoteShort(name))
	}
	for i, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || i > 0 && (r == '.' || r == '_' || r == '-')
		if !ok {
			return errorf(path, "%s is not a usable %s name (letters, digits, '.', '_', '-'; starting with a letter or digit)", quoteShort(name), what)
		}
	}
	if IsGUID(name) {
		return errorf(path, "%s looks like a GUID; use a name (the emulator derives the GUIDs)", quoteShort(name))
	}
	return nil
}

// checkDNSLabel is the rule for account names and custom subdomains.
func checkDNSLabel(path, what, s string) error {
	if len(s) < 2 || len(s) > 64 {
		return errorf(path, "%s must be 2 to 64 characters", quoteShort(s))
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' && i > 0 && i < len(s)-1
		if !ok {
			return errorf(path, "%s is not a valid %s (letters, digits and inner hyphens)", quoteShort(s), what)
		}
	}
	return nil
}

// finish fills defaults, checks the world's meaning and derives the IDs. raw is the checked
// generic form, consulted only to tell an absent field from an explicit zero.
func (w *World) finish(raw map[string]any, now time.Time) error {
	w.LoadedAt = now
	steps := []func(map[string]any) error{
		w.finishTop, w.finishTenants, w.finishGroups, w.finishSubscriptions, w.finishPrincipals,
		w.finishAccounts, w.finishAssignments, w.finishCLI, w.finishApp, w.finishFaults, w.finishExpect,
	}
	for _, step := range steps {
		if err := step(raw); err != nil {
			return err
		}
	}
	return nil
}

func (w *World) finishTop(raw map[string]any) error {
	if w.Name != "" {
		if err := checkName("name", "world", w.Name); err != nil {
			return err
		}
	}
	if strings.ContainsAny(w.Description, "\r\n") {
		return errorf("description", "must be one line")
	}
	if w.Cloud == "" {
		w.Cloud = "public"
	}
	if !oneOf(w.Cloud, Clouds) {
		return errorf("cloud", "%s is not a cloud (use %s)", quoteShort(w.Cloud), choices(Clouds))
	}
	if !present(raw, "propagation") || field(raw, "propagation") == nil {
		w.Propagation.Duration = DefaultPropagation
	}
	if w.Propagation.Duration < 0 {
		return errorf("propagation", "must not be negative")
	}
	return nil
}

func (w *World) finishTenants(map[string]any) error {
	if len(w.Tenants) == 0 {
		return errorf("tenants", "a world needs at least one tenant, e.g. [\"contoso\"]")
	}
	seen := map[string]bool{}
	w.TenantList = nil
	for i, t := range w.Tenants {
		path := fmt.Sprintf("tenants[%d]", i)
		if err := checkName(path, "tenant", t); err != nil {
			return err
		}
		if seen[t] {
			return errorf(path, "tenant %s is listed twice", quoteShort(t))
		}
		seen[t] = true
		w.TenantList = append(w.TenantList, &Tenant{Name: t, ID: tenantGUID(t)})
	}
	return nil
}

func (w *World) checkTenant(path, t string) error {
	if t == "" {
		return errorf(path, "missing; name one of the tenants (%s)", strings.Join(w.Tenants, ", "))
	}
	if w.Tenant(t) == nil {
		return errorf(path, "no tenant named %s (tenants: %s)", quoteShort(t), strings.Join(w.Tenants, ", "))
	}
	return nil
}

func (w *World) finishGroups(map[string]any) error {
	seen := map[string]bool{}
	for i := range w.Groups {
		g := &w.Groups[i]
		path := fmt.Sprintf("groups[%d]", i)
		if err := checkName(path+".name", "group", g.Name); err != nil {
			return err
		}
		if seen[g.Name] {
			return errorf(path+".name", "group %s is defined twice", quoteShort(g.Name))
		}
		seen[g.Name] = true
		if err := w.checkTenant(path+".tenant", g.Tenant); err != nil {
			return err
		}
		g.ObjectID = groupGUID(g.Tenant, g.Name)
	}
	return nil
}

func (w *World) finishSubscriptions(map[string]any) error {
	seen := map[string]bool{}
	for i := range w.Subscriptions {
		s := &w.Subscriptions[i]
		path := fmt.Sprintf("subscriptions[%d]", i)
		if err := checkName(path+".name", "subscription", s.Name); err != nil {
			return err
		}
		if seen[s.Name] {
			return errorf(path+".name", "subscription %s is defined twice", quoteShort(s.Name))
		}
		seen[s.Name] = true
		if err := w.checkTenant(path+".tenant", s.Tenant); err != nil {
			return err
		}
		s.ID = subscriptionGUID(s.Name)
		s.TenantID = tenantGUID(s.Tenant)
	}
	return nil
}

func (w *World) finishPrincipals(map[string]any) error {
	seen := map[string]bool{}
	for i := range w.Principals {
		p := &w.Principals[i]
		path := fmt.Sprintf("principals[%d]", i)
		if err := checkName(path+".name", "principal", p.Name); err != nil {
			return err
		}
		if seen[p.Name] {
			return errorf(path+".name", "principal %s is defined twice", quoteShort(p.Name))
		}
		if w.Group(p.Name) != nil {
			return errorf(path+".name", "%s is already a group; principals and groups share one set of names", quoteShort(p.Name))
		}
		seen[p.Name] = true
		if !oneOf(p.Kind, PrincipalKinds) {
			if p.Kind == "" {
				return errorf(path+".kind", "missing (use %s)", choices(PrincipalKinds))
			}
			return errorf(path+".kind", "%s is not a principal kind (use %s)", quoteShort(p.Kind), choices(PrincipalKinds))
		}
		if err := w.checkTenant(path+".tenant", p.Tenant); err != nil {
			return err
		}
		for j, g := range p.GuestIn {
			gp := fmt.Sprintf("%s.guest_in[%d]", path, j)
			if err := w.checkTenant(gp, g); err != nil {
				return err
			}
			if g == p.Tenant {
				return errorf(gp, "%s is the principal's home tenant", quoteShort(g))
			}
			if p.Kind != "user" {
				return errorf(gp, "only users can be guests in another tenant")
			}
		}
		for j, g := range p.Groups {
			if w.Group(g) == nil {
				return errorf(fmt.Sprintf("%s.groups[%d]", path, j), "no group named %s", quoteShort(g))
			}
		}
		user, mi := p.Kind == "user", p.Kind == "managed-identity"
		switch {
		case p.UPN != "" && !user:
			return errorf(path+".upn", "only users have a UPN")
		case p.UserAssigned && !mi:
			return errorf(path+".user_assigned", "only managed identities are user-assigned or system-assigned")
		case p.MFARequired && !user:
			return errorf(path+".mfa_required", "only users sign in with MFA")
		case p.Secret != "" && mi:
			return errorf(path+".secret", "a managed identity has no secret")
		case p.SecretExpired && p.Secret == "":
			return errorf(path+".secret_expired", "set secret too: an expired secret is still a secret")
		case len(p.Federated) > 0 && (user || mi && !p.UserAssigned):
			return errorf(path+".federated", "federated credentials belong to service principals and user-assigned identities")
		case p.ExtraGroups < 0 || p.ExtraGroups > MaxExtraGroups:
			return errorf(path+".extra_groups", "must be between 0 and %d", MaxExtraGroups)
		}
		for j := range p.Federated {
			f := &p.Federated[j]
			fp := fmt.Sprintf("%s.federated[%d]", path, j)
			if f.Issuer == "" {
				return errorf(fp+".issuer", "missing (the issuer URL of the external token)")
			}
			if f.Subject == "" {
				return errorf(fp+".subject", "missing (the subject of the external token)")
			}
			if f.Audience == "" {
				f.Audience = DefaultFederatedAud
			}
		}
		if user {
			if p.UPN == "" {
				p.UPN = p.Name + "@" + p.Tenant + defaultUserDomainSuffix
			}
		}
		if p.DisplayName == "" {
			p.DisplayName = p.Name
		}
		p.TenantID = tenantGUID(p.Tenant)
		p.ObjectID = objectGUID(p.Tenant, p.Name)
		if !user {
			p.ClientID = clientGUID(p.Tenant, p.Name)
		}
		if mi {
			subs := w.SubscriptionsIn(p.Tenant)
			switch {
			case len(subs) > 0 && p.UserAssigned:
				p.ResourceID = "/subscriptions/" + subs[0].ID + "/resourcegroups/" + IdentityResourceGroup +
					"/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + p.Name
			case len(subs) > 0:
				p.ResourceID = "/subscriptions/" + subs[0].ID + "/resourcegroups/" + AppResourceGroup +
					"/providers/Microsoft.Web/sites/" + p.Name
			case p.UserAssigned:
				return errorf(path, "a user-assigned identity lives in a subscription: add a subscription in tenant %s", quoteShort(p.Tenant))
			}
		}
	}
	return nil
}

func (w *World) finishAccounts(raw map[string]any) error {
	names, subdomains := map[string]bool{}, map[string]string{}
	for i := range w.Accounts {
		a := &w.Accounts[i]
		path := fmt.Sprintf("accounts[%d]", i)
		if a.Name == "" {
			return errorf(path+".name", "an account needs a name")
		}
		if err := checkDNSLabel(path+".name", "account name", a.Name); err != nil {
			return err
		}
		if names[strings.ToLower(a.Name)] {
			return errorf(path+".name", "account %s is defined twice", quoteShort(a.Name))
		}
		names[strings.ToLower(a.Name)] = true
		if !oneOf(a.Kind, AccountKinds) {
			if a.Kind == "" {
				return errorf(path+".kind", "missing (use %s)", choices(AccountKinds))
			}
			return errorf(path+".kind", "%s is not a kind (use %s)", quoteShort(a.Kind), choices(AccountKinds))
		}
		if a.Subscription == "" {
			return errorf(path+".subscription", "missing; name one of the subscriptions")
		}
		sub := w.Subscription(a.Subscription)
		if sub == nil {
			return errorf(path+".subscription", "no subscription named %s", quoteShort(a.Subscription))
		}
		if err := checkResourceGroup(path+".resource_group", a.ResourceGroup); err != nil {
			return err
		}
		if a.Location == "" {
			return errorf(path+".location", "missing (an Azure region such as \"eastus\")")
		}
		for _, r := range a.Location {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				return errorf(path+".location", "%s is not a region name (lower-case letters and digits, e.g. \"eastus\")", quoteShort(a.Location))
			}
		}
		rawAcct := elem(raw, "accounts", i)
		if !present(rawAcct, "custom_subdomain") {
			sd := strings.ToLower(a.Name)
			a.CustomSubdomain = &sd
		}
		if a.CustomSubdomain != nil {
			if *a.CustomSubdomain == "" {
				return errorf(path+".custom_subdomain", "empty; use null for an account with only the regional endpoint")
			}
			if err := checkDNSLabel(path+".custom_subdomain", "subdomain", *a.CustomSubdomain); err != nil {
				return err
			}
			key := strings.ToLower(*a.CustomSubdomain)
			if other, dup := subdomains[key]; dup {
				return errorf(path+".custom_subdomain", "%s is already the subdomain of account %s", quoteShort(*a.CustomSubdomain), quoteShort(other))
			}
			subdomains[key] = a.Name
		}
		if a.PublicNetworkAccess == "" {
			a.PublicNetworkAccess = "Enabled"
		}
		if !oneOf(a.PublicNetworkAccess, NetworkAccessKind) {
			return errorf(path+".public_network_access", "%s is not a setting (use Enabled or Disabled)", quoteShort(a.PublicNetworkAccess))
		}
		for j, r := range a.IPRules {
			if _, err := netip.ParsePrefix(r); err != nil {
				if _, err := netip.ParseAddr(r); err != nil {
					return errorf(fmt.Sprintf("%s.ip_rules[%d]", path, j), "%s is not an IP address or CIDR range", quoteShort(r))
				}
			}
		}
		deps := map[string]bool{}
		for j := range a.Deployments {
			d := &a.Deployments[j]
			dp := fmt.Sprintf("%s.deployments[%d]", path, j)
			if d.Name == "" {
				return errorf(dp+".name", "a deployment needs a name")
			}
			if strings.ContainsAny(d.Name, "/?#") || strings.TrimSpace(d.Name) != d.Name {
				return errorf(dp+".name", "%s cannot be a deployment name", quoteShort(d.Name))
			}
			if deps[strings.ToLower(d.Name)] {
				return errorf(dp+".name", "deployment %s is defined twice", quoteShort(d.Name))
			}
			deps[strings.ToLower(d.Name)] = true
			if d.Model == "" {
				return errorf(dp+".model", "missing (the model name, e.g. \"gpt-4o\")")
			}
			if d.Format == "" {
				d.Format = "OpenAI"
			}
			if d.Format != "OpenAI" && a.Kind != "AIServices" {
				return errorf(dp+".format", "%s models (Foundry Models) need an AIServices account, not %s", quoteShort(d.Format), a.Kind)
			}
		}
		projects := map[string]bool{}
		for j, pr := range a.Projects {
			pp := fmt.Sprintf("%s.projects[%d]", path, j)
			if a.Kind != "AIServices" {
				return errorf(pp, "Foundry projects live on AIServices accounts, not %s", a.Kind)
			}
			if err := checkName(pp, "project", pr); err != nil {
				return err
			}
			if projects[strings.ToLower(pr)] {
				return errorf(pp, "project %s is listed twice", quoteShort(pr))
			}
			projects[strings.ToLower(pr)] = true
		}
		if len(a.Keys) == 0 {
			a.Keys = []string{defaultKey(a.Name, 1), defaultKey(a.Name, 2)}
		}
		for j, k := range a.Keys {
			if strings.TrimSpace(k) == "" || strings.ContainsAny(k, "\r\n") {
				return errorf(fmt.Sprintf("%s.keys[%d]", path, j), "a key must be non-empty text on one line")
			}
		}
		a.SubscriptionID = sub.ID
		a.TenantID = sub.TenantID
		a.ID = "/subscriptions/" + sub.ID + "/resourceGroups/" + a.ResourceGroup +
			"/providers/Microsoft.CognitiveServices/accounts/" + a.Name
	}
	return nil
}

func checkResourceGroup(path, rg string) error {
	if rg == "" {
		return errorf(path, "missing (a resource group name such as \"rg-ai\")")
	}
	if len(rg) > 90 || strings.HasSuffix(rg, ".") {
		return errorf(path, "%s is not a valid resource group name", quoteShort(rg))
	}
	for _, r := range rg {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.()", r)) {
			return errorf(path, "%s is not a valid resource group name (letters, digits, '-', '_', '.', '(', ')')", quoteShort(rg))
		}
	}
	return nil
}

func (w *World) finishAssignments(raw map[string]any) error {
	for i := range w.RoleAssignments {
		ra := &w.RoleAssignments[i]
		path := fmt.Sprintf("role_assignments[%d]", i)
		rawRA := elem(raw, "role_assignments", i)
		if !present(rawRA, "age") || field(rawRA, "age") == nil {
			ra.Age.Duration = DefaultAssignmentAge
		}
		if ra.Age.Duration < 0 {
			return errorf(path+".age", "must not be negative (it is how long ago the role was assigned)")
		}
		if err := w.resolveAssignment(ra); err != nil {
			return under(path, err)
		}
		ra.CreatedAt = w.LoadedAt.Add(-ra.Age.Duration)
		for j := 0; j < i; j++ {
			o := &w.RoleAssignments[j]
			if o.PrincipalID == ra.PrincipalID && o.RoleGUID == ra.RoleGUID && strings.EqualFold(o.ScopeID, ra.ScopeID) {
				return errorf(path, "the same role is already assigned to %s at this scope (role_assignments[%d])", quoteShort(ra.Principal), j)
			}
		}
	}
	return nil
}

func (w *World) finishCLI(map[string]any) error {
	c := w.CLI
	if c == nil || c.Principal == nil {
		if c != nil && (c.Tenant != "" || c.Subscription != "") {
			return errorf("cli", "tenant and subscription need a signed-in principal (cli.principal is null: az is not logged in)")
		}
		return nil
	}
	p := w.Principal(*c.Principal)
	if p == nil {
		if w.Group(*c.Principal) != nil {
			return errorf("cli.principal", "%s is a group; az signs in as a user, service principal or managed identity", quoteShort(*c.Principal))
		}
		return errorf("cli.principal", "no principal named %s", quoteShort(*c.Principal))
	}
	if c.Tenant == "" {
		c.Tenant = p.Tenant
	}
	if err := w.checkTenant("cli.tenant", c.Tenant); err != nil {
		return err
	}
	if !w.CanSignIn(p, c.Tenant) {
		return errorf("cli.tenant", "%s cannot sign in to tenant %s (home tenant %s; add it to guest_in for a guest)", quoteShort(p.Name), quoteShort(c.Tenant), quoteShort(p.Tenant))
	}
	if c.Subscription == "" {
		if subs := w.SubscriptionsIn(c.Tenant); len(subs) > 0 {
			c.Subscription = subs[0].Name
		}
		return nil
	}
	s := w.Subscription(c.Subscription)
	if s == nil {
		return errorf("cli.subscription", "no subscription named %s", quoteShort(c.Subscription))
	}
	if s.Tenant != c.Tenant {
		return errorf("cli.subscription", "subscription %s is in tenant %s, not %s", quoteShort(s.Name), quoteShort(s.Tenant), quoteShort(c.Tenant))
	}
	return nil
}

func (w *World) finishApp(raw map[string]any) error {
	a := &w.App
	rawApp := field(raw, "app")
	if rawApp == nil {
		return errorf("app", "missing: say what the app does (at least \"endpoint\")")
	}
	if a.Credential == "" {
		a.Credential = "default"
	}
	if !oneOf(a.Credential, Credentials) {
		return errorf("app.credential", "%s is not a credential (use %s)", quoteShort(a.Credential), choices(Credentials))
	}
	if strings.TrimSpace(a.Endpoint) == "" {
		return errorf("app.endpoint", "missing (the endpoint the app calls, e.g. \"https://contoso-ai.openai.azure.com/\")")
	}
	if strings.ContainsAny(a.Endpoint, "\r\n") {
		return errorf("app.endpoint", "must be one line")
	}
	a.ScopeSet = present(rawApp, "scope")
	if a.Principal != "" && w.Principal(a.Principal) == nil {
		return errorf("app.principal", "no principal named %s", quoteShort(a.Principal))
	}
	for k := range a.Env {
		if k == "" || strings.ContainsAny(k, "=\x00") {
			return errorf("app.env", "%s is not an environment variable name", quoteShort(k))
		}
		if strings.ContainsRune(a.Env[k], 0) {
			return errorf("app.env."+pathKey(k), "a value cannot contain a NUL byte")
		}
	}
	if t := a.Token; t != nil {
		if t.Principal == "" {
			return errorf("app.token.principal", "missing: whose token does the app hold?")
		}
		p := w.Principal(t.Principal)
		if p == nil {
			return errorf("app.token.principal", "no principal named %s", quoteShort(t.Principal))
		}
		if t.Tenant == "" {
			t.Tenant = p.Tenant
		}
		if err := w.checkTenant("app.token.tenant", t.Tenant); err != nil {
			return err
		}
		if !w.CanSignIn(p, t.Tenant) {
			return errorf("app.token.tenant", "%s cannot get a token in tenant %s (home tenant %s)", quoteShort(p.Name), quoteShort(t.Tenant), quoteShort(p.Tenant))
		}
		if t.Audience == "" {
			t.Audience = CloudOf(w.Cloud).DataAudience
		}
		if t.ExpiredAgo.Duration < 0 {
			return errorf("app.token.expired_ago", "must not be negative")
		}
		if t.NotBeforeIn.Duration < 0 {
			return errorf("app.token.not_before_in", "must not be negative")
		}
	}
	if a.Credential == "token" && a.Token == nil {
		return errorf("app.token", "credential \"token\" needs app.token (the token the app holds)")
	}
	if a.APIKey == APIKeyFromToken && a.Token == nil {
		return errorf("app.api_key", "%q means the key variable holds app.token, but app.token is not set", APIKeyFromToken)
	}
	if strings.ContainsAny(a.APIKey, "\r\n") {
		return errorf("app.api_key", "must be one line")
	}
	if f := a.Assertion; f != nil {
		if f.Issuer == "" {
			return errorf("app.assertion.issuer", "missing")
		}
		if f.Subject == "" {
			return errorf("app.assertion.subject", "missing")
		}
		if f.Audience == "" {
			f.Audience = DefaultFederatedAud
		}
	}
	if a.Principal == "" {
		switch {
		case a.Credential == "token":
			a.Principal = a.Token.Principal
		case a.Credential == "cli" && w.CLI != nil && w.CLI.Principal != nil:
			a.Principal = *w.CLI.Principal
		}
	}
	return nil
}

func (w *World) finishFaults(map[string]any) error {
	for i := range w.Faults {
		f := &w.Faults[i]
		path := fmt.Sprintf("faults[%d]", i)
		if !oneOf(f.Service, FaultServices) {
			return errorf(path+".service", "%s is not a service (use %s)", quoteShort(f.Service), choices(FaultServices))
		}
		if !oneOf(f.Kind, FaultKinds) {
			return errorf(path+".kind", "%s is not a fault kind (use %s)", quoteShort(f.Kind), choices(FaultKinds))
		}
		switch {
		case f.Latency.Duration < 0:
			return errorf(path+".latency", "must not be negative")
		case f.Kind == "latency" && f.Latency.Duration == 0:
			return errorf(path+".latency", "a latency fault needs a latency such as \"2s\"")
		case f.Kind == "status" && (f.Status < 100 || f.Status > 599):
			return errorf(path+".status", "a status fault needs an HTTP status between 100 and 599")
		case f.Kind != "status" && f.Status != 0:
			return errorf(path+".status", "only a status fault has a status")
		case f.RetryAfter < 0:
			return errorf(path+".retry_after", "must not be negative")
		case strings.ContainsAny(f.Host, "/ \t\r\n"):
			return errorf(path+".host", "%s is not a host name", quoteShort(f.Host))
		}
	}
	return nil
}

func (w *World) finishExpect(map[string]any) error {
	if w.Expect.Cause != "" && !cause.Known(cause.ID(w.Expect.Cause)) {
		return errorf("expect.cause", "%s is not a cause ID (see DESIGN.md, e.g. healthy, wrong-audience, missing-data-role)", quoteShort(w.Expect.Cause))
	}
	return nil
}
