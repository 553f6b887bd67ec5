package arm

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Account is a Microsoft.CognitiveServices account with the properties the diagnosis needs.
type Account struct {
	ID                  string
	Name                string
	Kind                string // OpenAI | AIServices | CognitiveServices | ...
	Location            string
	SubscriptionID      string
	ResourceGroup       string
	TenantID            string            // from Resource Graph or the subscription; may be empty
	Endpoint            string            // properties.endpoint
	Endpoints           map[string]string // properties.endpoints
	CustomSubDomain     *string           // nil = no custom subdomain (regional endpoint only)
	DisableLocalAuth    bool
	PublicNetworkAccess string   // Enabled | Disabled ("" = not set, which means Enabled)
	DefaultAction       string   // networkAcls.defaultAction: Allow | Deny ("" = no ACLs)
	IPRules             []string // networkAcls.ipRules values
	VirtualNetworkRules []string // networkAcls.virtualNetworkRules ids
	PrivateEndpoints    int      // number of private endpoint connections
	ProvisioningState   string
	Identity            *Identity
	Deployments         []Deployment
	// DeploymentsErr is why Deployments could not be listed (nil when they were).
	DeploymentsErr error
}

// Identity is the account's own managed identity (not the caller's).
type Identity struct {
	Type         string // SystemAssigned | UserAssigned | "SystemAssigned, UserAssigned" | None
	PrincipalID  string
	TenantID     string
	UserAssigned []string // ARM ids of user-assigned identities
}

// Deployment is a model deployment of an account.
type Deployment struct {
	Name     string
	Model    string
	Format   string // OpenAI, or a Foundry Models provider (Meta, Mistral AI, ...)
	Version  string
	SKU      string
	Capacity int
	State    string // provisioningState
}

// NetworkRestricted reports whether the data plane is closed to callers on the internet.
func (a *Account) NetworkRestricted() bool {
	return strings.EqualFold(a.PublicNetworkAccess, "Disabled") || strings.EqualFold(a.DefaultAction, "Deny") || len(a.IPRules) > 0
}

// Deployment returns the deployment with the given name (case-insensitive), or nil.
func (a *Account) Deployment(name string) *Deployment {
	for i := range a.Deployments {
		if strings.EqualFold(a.Deployments[i].Name, name) {
			return &a.Deployments[i]
		}
	}
	return nil
}

// wire shapes
type accountJSON struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	Location       string `json:"location"`
	SubscriptionID string `json:"subscriptionId"` // Resource Graph rows only
	ResourceGroup  string `json:"resourceGroup"`  // Resource Graph rows only
	TenantID       string `json:"tenantId"`       // Resource Graph rows only
	Identity       *struct {
		Type                   string         `json:"type"`
		PrincipalID            string         `json:"principalId"`
		TenantID               string         `json:"tenantId"`
		UserAssignedIdentities map[string]any `json:"userAssignedIdentities"`
	} `json:"identity"`
	Properties struct {
		Endpoint            string            `json:"endpoint"`
		Endpoints           map[string]string `json:"endpoints"`
		CustomSubDomainName *string           `json:"customSubDomainName"`
		DisableLocalAuth    *bool             `json:"disableLocalAuth"`
		PublicNetworkAccess string            `json:"publicNetworkAccess"`
		ProvisioningState   string            `json:"provisioningState"`
		NetworkACLs         *struct {
			DefaultAction string `json:"defaultAction"`
			IPRules       []struct {
				Value string `json:"value"`
			} `json:"ipRules"`
			VirtualNetworkRules []struct {
				ID string `json:"id"`
			} `json:"virtualNetworkRules"`
		} `json:"networkAcls"`
		PrivateEndpointConnections []any `json:"privateEndpointConnections"`
	} `json:"properties"`
}

func (j *accountJSON) account() *Account {
	a := &Account{
		ID: j.ID, Name: j.Name, Kind: j.Kind, Location: j.Location, TenantID: j.TenantID,
		Endpoint: j.Properties.Endpoint, Endpoints: j.Properties.Endpoints,
		PublicNetworkAccess: j.Properties.PublicNetworkAccess, ProvisioningState: j.Properties.ProvisioningState,
		PrivateEndpoints: len(j.Properties.PrivateEndpointConnections),
	}
	if j.Properties.CustomSubDomainName != nil && *j.Properties.CustomSubDomainName != "" {
		s := *j.Properties.CustomSubDomainName
		a.CustomSubDomain = &s
	}
	if j.Properties.DisableLocalAuth != nil {
		a.DisableLocalAuth = *j.Properties.DisableLocalAuth
	}
	if acl := j.Properties.NetworkACLs; acl != nil {
		a.DefaultAction = acl.DefaultAction
		for _, r := range acl.IPRules {
			a.IPRules = append(a.IPRules, r.Value)
		}
		for _, r := range acl.VirtualNetworkRules {
			a.VirtualNetworkRules = append(a.VirtualNetworkRules, r.ID)
		}
	}
	if id := j.Identity; id != nil {
		a.Identity = &Identity{Type: id.Type, PrincipalID: id.PrincipalID, TenantID: id.TenantID}
		for k := range id.UserAssignedIdentities {
			a.Identity.UserAssigned = append(a.Identity.UserAssigned, k)
		}
		sort.Strings(a.Identity.UserAssigned)
	}
	if p, err := ParseResourceID(j.ID); err == nil {
		a.SubscriptionID, a.ResourceGroup = p.Subscription, p.ResourceGroup
	}
	if a.SubscriptionID == "" {
		a.SubscriptionID = j.SubscriptionID
	}
	if a.ResourceGroup == "" {
		a.ResourceGroup = j.ResourceGroup
	}
	return a
}

// matchesHost reports whether the account serves host: its custom subdomain is the host's first
// label on a Cognitive Services domain, or one of its endpoints has that host.
func (j *accountJSON) matchesHost(host, sub string) bool {
	if sub != "" && j.Properties.CustomSubDomainName != nil && strings.EqualFold(*j.Properties.CustomSubDomainName, sub) {
		return true
	}
	if hostOf(j.Properties.Endpoint) == host {
		return true
	}
	for _, e := range j.Properties.Endpoints {
		if hostOf(e) == host {
			return true
		}
	}
	return false
}

func hostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// subdomainSuffixes are the domains whose first label is an account's custom subdomain.
var subdomainSuffixes = []string{
	".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com",
	".openai.azure.us", ".cognitiveservices.azure.us", ".services.ai.azure.us",
	".openai.azure.cn", ".cognitiveservices.azure.cn", ".services.ai.azure.cn",
}

var hostRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// normalizeHost accepts a host or a URL and returns the lower-case host and, for Cognitive
// Services domains, the custom subdomain.
func normalizeHost(in string) (host, sub string, err error) {
	h := strings.TrimSpace(in)
	if strings.Contains(h, "://") {
		h = hostOf(h)
	} else if i := strings.IndexAny(h, "/:"); i >= 0 {
		h = h[:i]
	}
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	if h == "" || len(h) > 253 || !hostRe.MatchString(h) {
		return "", "", &Error{Code: CodeBadInput, Message: fmt.Sprintf("%q is not a host name", shorten(in, 100))}
	}
	for _, s := range subdomainSuffixes {
		if strings.HasSuffix(h, s) && !strings.Contains(strings.TrimSuffix(h, s), ".") {
			return h, strings.TrimSuffix(h, s), nil
		}
	}
	return h, "", nil
}

// FindAccount finds the Cognitive Services account that serves host (a host or an endpoint URL):
// first with Resource Graph, then by listing the accounts of every visible subscription. It then
// reads the account and lists its deployments (a failure there is kept in Account.DeploymentsErr).
// A host no visible account serves gives an Error matching ErrNotFound (Code AccountNotFound);
// several (a shared regional endpoint) give Code AccountAmbiguous.
func (c *Client) FindAccount(ctx context.Context, host string) (*Account, error) {
	h, sub, err := normalizeHost(host)
	if err != nil {
		return nil, err
	}
	matches, rgErr := c.findByGraph(ctx, h, sub)
	if rgErr != nil && IsAuth(rgErr) {
		return nil, rgErr
	}
	if len(matches) == 0 {
		var listErr error
		matches, listErr = c.findByList(ctx, h, sub)
		if listErr != nil && len(matches) == 0 {
			return nil, listErr
		}
	}
	switch len(matches) {
	case 0:
		return nil, &Error{Code: CodeNotFound, Message: "no Cognitive Services account visible to this identity serves " + h}
	case 1:
	default:
		names := make([]string, 0, len(matches))
		for _, m := range matches {
			names = append(names, m.Name)
		}
		return nil, &Error{Code: CodeAmbiguous, Message: fmt.Sprintf("%d accounts serve %s (%s)", len(matches), h, strings.Join(names, ", "))}
	}
	acct, err := c.Account(ctx, matches[0].ID)
	if err != nil {
		// The list/graph row is enough to go on when the single read fails.
		acct = matches[0].account()
	}
	if acct.TenantID == "" {
		acct.TenantID = matches[0].TenantID
	}
	acct.Deployments, acct.DeploymentsErr = c.Deployments(ctx, acct.ID)
	return acct, nil
}

// findByGraph runs the Resource Graph query of the facts (§5.1).
func (c *Client) findByGraph(ctx context.Context, host, sub string) ([]accountJSON, error) {
	where := fmt.Sprintf("properties.endpoint contains '%s'", host)
	if sub != "" {
		where = fmt.Sprintf("properties.customSubDomainName =~ '%s' or %s", sub, where)
	}
	query := "resources | where type =~ 'microsoft.cognitiveservices/accounts' | where " + where +
		" | project id, name, kind, location, subscriptionId, resourceGroup, tenantId, properties"
	var found []accountJSON
	skip := ""
	for page := 0; page < 10; page++ {
		body := map[string]any{"query": query}
		if skip != "" {
			body["options"] = map[string]any{"$skipToken": skip}
		}
		var resp struct {
			Data      []accountJSON `json:"data"`
			SkipToken string        `json:"$skipToken"`
		}
		err := c.do(ctx, request{method: "POST", path: "/providers/Microsoft.ResourceGraph/resources",
			query: url.Values{"api-version": {apiResourceGraph}}, body: body}, &resp)
		if err != nil {
			return found, err
		}
		for _, row := range resp.Data {
			if row.matchesHost(host, sub) {
				found = append(found, row)
			}
		}
		if resp.SkipToken == "" {
			break
		}
		skip = resp.SkipToken
	}
	return dedupe(found), nil
}

// findByList lists the accounts of every visible subscription (a few at a time).
func (c *Client) findByList(ctx context.Context, host, sub string) ([]accountJSON, error) {
	subs, err := c.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	var (
		mu       sync.Mutex
		found    []accountJSON
		firstErr error
		wg       sync.WaitGroup
		sem      = make(chan struct{}, 4)
	)
	for _, s := range subs {
		wg.Add(1)
		go func(s Subscription) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var rows []accountJSON
			err := c.list(ctx, "/subscriptions/"+url.PathEscape(s.ID)+"/providers/Microsoft.CognitiveServices/accounts", apiCognitive, func(raw []byte) error {
				var page struct {
					Value []accountJSON `json:"value"`
				}
				if err := jsonUnmarshal(raw, &page); err != nil {
					return err
				}
				rows = append(rows, page.Value...)
				return nil
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			for _, r := range rows {
				if r.matchesHost(host, sub) {
					if r.TenantID == "" {
						r.TenantID = s.TenantID
					}
					found = append(found, r)
				}
			}
		}(s)
	}
	wg.Wait()
	return dedupe(found), firstErr
}

func dedupe(rows []accountJSON) []accountJSON {
	seen := map[string]bool{}
	out := rows[:0]
	for _, r := range rows {
		k := strings.ToLower(r.ID)
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// Account reads one account by its ARM id.
func (c *Client) Account(ctx context.Context, id string) (*Account, error) {
	p, err := ParseResourceID(id)
	if err != nil {
		return nil, err
	}
	var j accountJSON
	if err := c.do(ctx, request{method: "GET", path: p.String(), query: url.Values{"api-version": {apiCognitive}}}, &j); err != nil {
		return nil, err
	}
	return j.account(), nil
}

// Deployments lists an account's model deployments.
func (c *Client) Deployments(ctx context.Context, accountID string) ([]Deployment, error) {
	p, err := ParseResourceID(accountID)
	if err != nil {
		return nil, err
	}
	var out []Deployment
	err = c.list(ctx, p.String()+"/deployments", apiCognitive, func(raw []byte) error {
		var page struct {
			Value []struct {
				Name string `json:"name"`
				SKU  *struct {
					Name     string `json:"name"`
					Capacity int    `json:"capacity"`
				} `json:"sku"`
				Properties struct {
					Model struct {
						Format  string `json:"format"`
						Name    string `json:"name"`
						Version string `json:"version"`
					} `json:"model"`
					ProvisioningState string `json:"provisioningState"`
				} `json:"properties"`
			} `json:"value"`
		}
		if err := jsonUnmarshal(raw, &page); err != nil {
			return err
		}
		for _, v := range page.Value {
			d := Deployment{Name: v.Name, Model: v.Properties.Model.Name, Format: v.Properties.Model.Format,
				Version: v.Properties.Model.Version, State: v.Properties.ProvisioningState}
			if v.SKU != nil {
				d.SKU, d.Capacity = v.SKU.Name, v.SKU.Capacity
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// Subscription is one subscription visible to the identity.
type Subscription struct {
	ID       string // GUID
	Name     string
	TenantID string
	State    string
}

// Subscriptions lists the subscriptions visible to the identity.
func (c *Client) Subscriptions(ctx context.Context) ([]Subscription, error) {
	var out []Subscription
	err := c.list(ctx, "/subscriptions", apiSubscriptions, func(raw []byte) error {
		var page struct {
			Value []struct {
				SubscriptionID string `json:"subscriptionId"`
				DisplayName    string `json:"displayName"`
				TenantID       string `json:"tenantId"`
				State          string `json:"state"`
			} `json:"value"`
		}
		if err := jsonUnmarshal(raw, &page); err != nil {
			return err
		}
		for _, v := range page.Value {
			out = append(out, Subscription{ID: v.SubscriptionID, Name: v.DisplayName, TenantID: v.TenantID, State: v.State})
		}
		return nil
	})
	return out, err
}

// list follows nextLink pages (at most 50) and hands each raw page to fn.
func (c *Client) list(ctx context.Context, path, apiVersion string, fn func([]byte) error) error {
	next := path
	q := url.Values{"api-version": {apiVersion}}
	for page := 0; page < 50 && next != ""; page++ {
		var raw rawJSON
		if err := c.do(ctx, request{method: "GET", path: next, query: q}, &raw); err != nil {
			return err
		}
		if err := fn(raw); err != nil {
			return &Error{Method: "GET", Path: path, Code: CodeBadResponse, Message: shorten(err.Error(), 200)}
		}
		var link struct {
			NextLink string `json:"nextLink"`
		}
		_ = jsonUnmarshal(raw, &link)
		next = link.NextLink
		q = nil // nextLink carries its own query
	}
	return nil
}
