package world

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustLoad(t testing.TB, data []byte) *World {
	t.Helper()
	w, err := LoadAt(data, testNow)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return w
}

func TestLoadDesignExample(t *testing.T) {
	w := mustLoad(t, readTestdata(t, "design.json"))
	if w.Cloud != "public" || w.Propagation.Duration != 5*time.Minute {
		t.Errorf("cloud %q propagation %v", w.Cloud, w.Propagation)
	}
	sub := w.Subscription("prod")
	a := w.Account("contoso-ai")
	if sub == nil || a == nil {
		t.Fatal("prod or contoso-ai missing")
	}
	wantID := "/subscriptions/" + sub.ID + "/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai"
	if a.ID != wantID {
		t.Errorf("account ID %q, want %q", a.ID, wantID)
	}
	if a.TenantID != w.Tenant("contoso").ID || a.SubscriptionID != sub.ID {
		t.Errorf("account tenant/sub IDs not derived: %q %q", a.TenantID, a.SubscriptionID)
	}
	if len(a.Keys) != 2 || len(a.Keys[0]) != 32 || a.Keys[0] == a.Keys[1] {
		t.Errorf("default keys %q", a.Keys)
	}
	web := w.Principal("web")
	wantMI := "/subscriptions/" + sub.ID + "/resourcegroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/web"
	if web.ResourceID != wantMI {
		t.Errorf("UAMI resource ID %q, want %q", web.ResourceID, wantMI)
	}
	app := w.Principal("app")
	if app.ClientID == "" || app.ClientID == app.ObjectID || !IsGUID(app.ClientID) || !IsGUID(app.ObjectID) {
		t.Errorf("service principal IDs: client %q object %q", app.ClientID, app.ObjectID)
	}
	if dev := w.Principal("dev"); dev.ClientID != "" || dev.UPN != "dev@contoso.example" {
		t.Errorf("user: client %q upn %q", dev.ClientID, dev.UPN)
	}
	ra := w.RoleAssignments[0]
	if ra.PrincipalType != "Group" || ra.PrincipalID != w.Group("ai-devs").ObjectID {
		t.Errorf("assignment principal %q %q", ra.PrincipalType, ra.PrincipalID)
	}
	if ra.ScopeID != a.ID || ra.ID != a.ID+"/providers/Microsoft.Authorization/roleAssignments/"+ra.GUID {
		t.Errorf("assignment IDs %q %q", ra.ScopeID, ra.ID)
	}
	if ra.RoleDefinitionID != "/subscriptions/"+sub.ID+"/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd" {
		t.Errorf("role definition ID %q", ra.RoleDefinitionID)
	}
	if !ra.CreatedAt.Equal(testNow.Add(-time.Hour)) {
		t.Errorf("CreatedAt %v", ra.CreatedAt)
	}
	if w.CLI.Subscription != "prod" || w.CLI.Tenant != "contoso" {
		t.Errorf("cli defaults %+v", *w.CLI)
	}
	if !w.App.ScopeSet || w.App.Credential != "default" {
		t.Errorf("app: ScopeSet %v credential %q", w.App.ScopeSet, w.App.Credential)
	}
	if w.Endpoint(a) != "https://contoso-ai.openai.azure.com/" {
		t.Errorf("endpoint %q", w.Endpoint(a))
	}
}

// The YAML form of the DESIGN.md example decodes to exactly the same world.
func TestLoadYAMLMatchesJSON(t *testing.T) {
	fromJSON := mustLoad(t, readTestdata(t, "design.json"))
	fromYAML := mustLoad(t, readTestdata(t, "design.yaml"))
	a, _ := json.Marshal(fromJSON)
	b, _ := json.Marshal(fromYAML)
	if string(a) != string(b) {
		t.Fatalf("YAML and JSON differ:\n%s\n%s", a, b)
	}
	if !reflect.DeepEqual(fromJSON.RoleAssignments, fromYAML.RoleAssignments) {
		t.Error("derived role assignments differ")
	}
}

func TestLoadDefaults(t *testing.T) {
	w := mustLoad(t, []byte(`{
		"tenants": ["contoso"],
		"principals": [{"name": "dev", "kind": "user", "tenant": "contoso"}],
		"subscriptions": [{"name": "prod", "tenant": "contoso"}],
		"accounts": [
			{"name": "Contoso-AI", "kind": "OpenAI", "subscription": "prod", "resource_group": "rg-ai", "location": "eastus"},
			{"name": "legacy", "kind": "OpenAI", "subscription": "prod", "resource_group": "rg-ai", "location": "westus", "custom_subdomain": null}
		],
		"role_assignments": [{"principal": "dev", "role": "cognitive services openai user", "scope": "account/contoso-ai"}],
		"app": {"endpoint": "https://contoso-ai.openai.azure.com/"}
	}`))
	if w.Cloud != "public" || w.Propagation.Duration != DefaultPropagation {
		t.Errorf("cloud %q propagation %v", w.Cloud, w.Propagation)
	}
	a := w.Accounts[0]
	if a.CustomSubdomain == nil || *a.CustomSubdomain != "contoso-ai" || a.PublicNetworkAccess != "Enabled" {
		t.Errorf("account defaults: subdomain %v access %q", a.CustomSubdomain, a.PublicNetworkAccess)
	}
	if w.Accounts[1].CustomSubdomain != nil {
		t.Errorf("explicit null subdomain became %q", *w.Accounts[1].CustomSubdomain)
	}
	if got := w.Endpoint(&w.Accounts[1]); got != "https://westus.api.cognitive.microsoft.com/" {
		t.Errorf("regional endpoint %q", got)
	}
	if w.App.Credential != "default" || w.App.ScopeSet {
		t.Errorf("app credential %q ScopeSet %v", w.App.Credential, w.App.ScopeSet)
	}
	ra := w.RoleAssignments[0]
	if ra.Role != "Cognitive Services OpenAI User" || ra.Age.Duration != DefaultAssignmentAge {
		t.Errorf("assignment role %q age %v", ra.Role, ra.Age)
	}
	if w.Principal("dev").UPN != "dev@contoso.example" {
		t.Errorf("default UPN %q", w.Principal("dev").UPN)
	}
	if w.CLI != nil {
		t.Error("cli absent should stay nil (az not installed)")
	}
}

func TestExplicitEmptyScope(t *testing.T) {
	w := mustLoad(t, []byte(`{"tenants":["c"],"principals":[],"subscriptions":[],"accounts":[],
		"app":{"endpoint":"https://x.openai.azure.com/","scope":""}}`))
	if !w.App.ScopeSet || w.App.Scope != "" {
		t.Errorf("ScopeSet %v scope %q", w.App.ScopeSet, w.App.Scope)
	}
}

func TestLoadFileNamesTheWorld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "my-world.json")
	if err := os.WriteFile(p, readTestdata(t, "design.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "my-world" {
		t.Errorf("name %q", w.Name)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file loaded")
	}
}

// GUIDs are pinned: scenarios, tests and users' scripts may quote them.
func TestGUIDStability(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{GUID("tenant", "contoso"), "63ff5705-cee0-558f-bfef-2807a2ea1e06"},
		{tenantGUID("contoso"), "63ff5705-cee0-558f-bfef-2807a2ea1e06"},
		{objectGUID("contoso", "dev"), "efcd2db5-28e8-5c8c-8477-78c8c361cb8f"},
		{subscriptionGUID("prod"), "246e8e30-d86f-541d-a5ca-ad61687dd3c9"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %s, want %s", i, tt.got, tt.want)
		}
	}
	if GUID("ab", "c") == GUID("a", "bc") {
		t.Error("parts are not separated")
	}
	seen := map[string]bool{}
	for _, s := range []string{objectGUID("contoso", "app"), clientGUID("contoso", "app"), groupGUID("contoso", "app"), tenantGUID("app"), subscriptionGUID("app")} {
		if !IsGUID(s) || s[14] != '5' || !strings.ContainsRune("89ab", rune(s[19])) {
			t.Errorf("%s is not a version-5 GUID", s)
		}
		if seen[s] {
			t.Errorf("collision %s", s)
		}
		seen[s] = true
	}
	// Two loads derive the same IDs.
	a := mustLoad(t, readTestdata(t, "design.json"))
	b, err := LoadAt(readTestdata(t, "design.json"), testNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if a.Principals[1].ClientID != b.Principals[1].ClientID || a.RoleAssignments[0].GUID != b.RoleAssignments[0].GUID {
		t.Error("IDs differ between loads")
	}
}

func TestAppEnvResolvesNames(t *testing.T) {
	w := mustLoad(t, []byte(`{"tenants":["contoso"],
		"principals":[{"name":"ci-bot","kind":"service-principal","tenant":"contoso","secret":"x"},{"name":"dev","kind":"user","tenant":"contoso"}],
		"subscriptions":[{"name":"prod","tenant":"contoso"}],"accounts":[],
		"app":{"endpoint":"https://x.openai.azure.com/","env":{
			"AZURE_TENANT_ID":"contoso","AZURE_CLIENT_ID":"ci-bot","AZURE_CLIENT_SECRET":"contoso",
			"AZURE_USERNAME":"dev","AZURE_SUBSCRIPTION_ID":"prod","OTHER":"dev","AZURE_OBJECT_ID":"nobody"}}}`))
	env := w.AppEnv()
	want := map[string]string{
		"AZURE_TENANT_ID":       w.Tenant("contoso").ID,
		"AZURE_CLIENT_ID":       w.Principal("ci-bot").ClientID,
		"AZURE_CLIENT_SECRET":   "contoso",
		"AZURE_USERNAME":        "dev@contoso.example",
		"AZURE_SUBSCRIPTION_ID": w.Subscription("prod").ID,
		"OTHER":                 "dev",
		"AZURE_OBJECT_ID":       "nobody",
	}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("AppEnv:\n got %v\nwant %v", env, want)
	}
}

// base is a valid world as a generic map, for the bad-world table to break one thing at a time.
func base(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readTestdata(t, "design.json"), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// set walks a dotted path with [i] indexes and sets (or, for del, deletes) the last key.
func set(m map[string]any, path string, v any, del bool) {
	var cur any = m
	parts := strings.Split(path, ".")
	for i, part := range parts {
		name, idx := part, -1
		if j := strings.Index(part, "["); j >= 0 {
			name = part[:j]
			idx, _ = strconv.Atoi(strings.TrimSuffix(part[j+1:], "]"))
		}
		obj := cur.(map[string]any)
		last := i == len(parts)-1
		if idx < 0 {
			if last {
				if del {
					delete(obj, name)
				} else {
					obj[name] = v
				}
				return
			}
			if obj[name] == nil {
				obj[name] = map[string]any{}
			}
			cur = obj[name]
			continue
		}
		list := obj[name].([]any)
		if last {
			list[idx] = v
			return
		}
		cur = list[idx]
	}
}

func TestBadWorlds(t *testing.T) {
	tests := []struct {
		name string
		edit func(m map[string]any)
		raw  string // used instead of the edited base when set
		want string
	}{
		{name: "empty", raw: "  \n", want: "the world file is empty"},
		{name: "json syntax", raw: "{\n  \"tenants\": [\"a\",]\n}", want: "JSON: line 2, column 19: invalid character ']'"},
		{name: "json truncated", raw: `{"tenants": ["a"`, want: "unexpected end of input"},
		{name: "json trailing", raw: `{"tenants":["a"]} {}`, want: "unexpected data after the world object"},
		{name: "json duplicate key", raw: `{"tenants":["a"],"tenants":["b"]}`, want: `key "tenants" appears twice`},
		{name: "json not object", raw: `["a"]`, want: "a world is an object"},
		{name: "yaml syntax", raw: "tenants: [a\nprincipals: x", want: "YAML: "},
		{name: "yaml duplicate key", raw: "tenants: [a]\ntenants: [b]\n", want: `key "tenants" appears twice (YAML lines 1 and 2)`},
		{name: "yaml scalar", raw: "just text", want: "a world is an object"},
		{name: "yaml merge", raw: "x: &a {k: 1}\ny:\n  <<: *a\n", want: "merge keys"},
		{name: "unknown top field", edit: func(m map[string]any) { m["tenant"] = []any{"a"} }, want: `unknown field "tenant" (did you mean "tenants"?)`},
		{name: "unknown nested field", edit: func(m map[string]any) { set(m, "accounts[0].custom_subdomian", "x", false) }, want: `accounts[0]: unknown field "custom_subdomian" (did you mean "custom_subdomain"?)`},
		{name: "case matters", edit: func(m map[string]any) { set(m, "accounts[0].Kind", "OpenAI", false) }, want: `accounts[0]: unknown field "Kind" (did you mean "kind"?)`},
		{name: "wrong type bool", edit: func(m map[string]any) { set(m, "accounts[0].disable_local_auth", "yes", false) }, want: `accounts[0].disable_local_auth: expected true or false, got a string ("yes")`},
		{name: "wrong type list", edit: func(m map[string]any) { m["tenants"] = "contoso" }, want: `tenants: expected a list, got a string ("contoso")`},
		{name: "wrong type int", edit: func(m map[string]any) { set(m, "principals[0].extra_groups", 1.5, false) }, want: `principals[0].extra_groups: expected a whole number, got a number (1.5)`},
		{name: "bad duration", edit: func(m map[string]any) { m["propagation"] = "5x" }, want: `propagation: "5x" is not a duration`},
		{name: "duration number", edit: func(m map[string]any) { set(m, "role_assignments[0].age", 60, false) }, want: `role_assignments[0].age: expected a duration string`},
		{name: "negative propagation", edit: func(m map[string]any) { m["propagation"] = "-1m" }, want: "propagation: must not be negative"},
		{name: "cloud", edit: func(m map[string]any) { m["cloud"] = "azure" }, want: `cloud: "azure" is not a cloud (use public, usgov or china)`},
		{name: "no tenants", edit: func(m map[string]any) { m["tenants"] = []any{} }, want: "tenants: a world needs at least one tenant"},
		{name: "duplicate tenant", edit: func(m map[string]any) { m["tenants"] = []any{"a", "a"} }, want: `tenants[1]: tenant "a" is listed twice`},
		{name: "guid tenant", edit: func(m map[string]any) { m["tenants"] = []any{"63ff5705-cee0-558f-bfef-2807a2ea1e06"} }, want: "looks like a GUID"},
		{name: "tenant name chars", edit: func(m map[string]any) { m["tenants"] = []any{"con toso"} }, want: `tenants[0]: "con toso" is not a usable tenant name`},
		{name: "principal kind", edit: func(m map[string]any) { set(m, "principals[1].kind", "app", false) }, want: `principals[1].kind: "app" is not a principal kind (use user, service-principal or managed-identity)`},
		{name: "principal no kind", edit: func(m map[string]any) { set(m, "principals[1].kind", nil, true) }, want: `principals[1].kind: missing`},
		{name: "principal tenant", edit: func(m map[string]any) { set(m, "principals[0].tenant", "northwind", false) }, want: `principals[0].tenant: no tenant named "northwind" (tenants: contoso, fabrikam)`},
		{name: "principal empty name", edit: func(m map[string]any) { set(m, "principals[0].name", "", false) }, want: `principals[0].name: a principal needs a name`},
		{name: "principal duplicate", edit: func(m map[string]any) { set(m, "principals[1].name", "dev", false) }, want: `principals[1].name: principal "dev" is defined twice`},
		{name: "principal named like group", edit: func(m map[string]any) { set(m, "principals[1].name", "ai-devs", false) }, want: `share one set of names`},
		{name: "unknown group", edit: func(m map[string]any) { set(m, "principals[0].groups", []any{"devs"}, false) }, want: `principals[0].groups[0]: no group named "devs"`},
		{name: "mi secret", edit: func(m map[string]any) { set(m, "principals[2].secret", "x", false) }, want: `principals[2].secret: a managed identity has no secret`},
		{name: "user-assigned user", edit: func(m map[string]any) { set(m, "principals[0].user_assigned", true, false) }, want: `principals[0].user_assigned: only managed identities`},
		{name: "guest of home", edit: func(m map[string]any) { set(m, "principals[0].guest_in", []any{"contoso"}, false) }, want: `principals[0].guest_in[0]: "contoso" is the principal's home tenant`},
		{name: "federated no subject", edit: func(m map[string]any) {
			set(m, "principals[1].federated", []any{map[string]any{"issuer": "https://issuer.example"}}, false)
		}, want: `principals[1].federated[0].subject: missing`},
		{name: "extra groups", edit: func(m map[string]any) { set(m, "principals[0].extra_groups", 100000, false) }, want: `principals[0].extra_groups: must be between 0 and 5000`},
		{name: "uami without subscription", edit: func(m map[string]any) { set(m, "principals[2].tenant", "fabrikam", false) }, want: `principals[2]: a user-assigned identity lives in a subscription`},
		{name: "group tenant", edit: func(m map[string]any) { set(m, "groups[0].tenant", "", false) }, want: `groups[0].tenant: missing`},
		{name: "subscription tenant", edit: func(m map[string]any) { set(m, "subscriptions[0].tenant", "x", false) }, want: `subscriptions[0].tenant: no tenant named "x"`},
		{name: "account kind", edit: func(m map[string]any) { set(m, "accounts[0].kind", "OpenAi", false) }, want: `accounts[0].kind: "OpenAi" is not a kind (use OpenAI or AIServices)`},
		{name: "account subscription", edit: func(m map[string]any) { set(m, "accounts[0].subscription", "dev", false) }, want: `accounts[0].subscription: no subscription named "dev"`},
		{name: "account name", edit: func(m map[string]any) { set(m, "accounts[0].name", "contoso_ai", false) }, want: `accounts[0].name: "contoso_ai" is not a valid account name`},
		{name: "account rg", edit: func(m map[string]any) { set(m, "accounts[0].resource_group", "", false) }, want: `accounts[0].resource_group: missing`},
		{name: "account location", edit: func(m map[string]any) { set(m, "accounts[0].location", "East US", false) }, want: `accounts[0].location: "East US" is not a region name`},
		{name: "empty subdomain", edit: func(m map[string]any) { set(m, "accounts[0].custom_subdomain", "", false) }, want: `accounts[0].custom_subdomain: empty; use null`},
		{name: "network access", edit: func(m map[string]any) { set(m, "accounts[0].public_network_access", "Off", false) }, want: `accounts[0].public_network_access: "Off" is not a setting (use Enabled or Disabled)`},
		{name: "ip rule", edit: func(m map[string]any) { set(m, "accounts[0].ip_rules", []any{"1.2.3"}, false) }, want: `accounts[0].ip_rules[0]: "1.2.3" is not an IP address or CIDR range`},
		{name: "deployment model", edit: func(m map[string]any) {
			set(m, "accounts[0].deployments", []any{map[string]any{"name": "gpt-4o"}}, false)
		}, want: `accounts[0].deployments[0].model: missing`},
		{name: "deployment duplicate", edit: func(m map[string]any) {
			d := map[string]any{"name": "gpt-4o", "model": "gpt-4o"}
			set(m, "accounts[0].deployments", []any{d, d}, false)
		}, want: `accounts[0].deployments[1].name: deployment "gpt-4o" is defined twice`},
		{name: "maas on openai", edit: func(m map[string]any) {
			set(m, "accounts[0].deployments", []any{map[string]any{"name": "llama", "model": "Llama-3.3-70B-Instruct", "format": "Meta"}}, false)
		}, want: `accounts[0].deployments[0].format: "Meta" models (Foundry Models) need an AIServices account`},
		{name: "project on openai", edit: func(m map[string]any) { set(m, "accounts[0].projects", []any{"p1"}, false) }, want: `accounts[0].projects[0]: Foundry projects live on AIServices accounts`},
		{name: "assignment principal", edit: func(m map[string]any) { set(m, "role_assignments[0].principal", "devs", false) }, want: `role_assignments[0].principal: no principal or group named "devs"`},
		{name: "assignment role", edit: func(m map[string]any) { set(m, "role_assignments[0].role", "OpenAI User", false) }, want: `role_assignments[0].role: "OpenAI User" is not a built-in role`},
		{name: "assignment scope form", edit: func(m map[string]any) { set(m, "role_assignments[0].scope", "contoso-ai", false) }, want: `role_assignments[0].scope: "contoso-ai" is not a scope (use account/<name>`},
		{name: "assignment scope account", edit: func(m map[string]any) { set(m, "role_assignments[0].scope", "account/contoso", false) }, want: `role_assignments[0].scope: no account named "contoso"`},
		{name: "assignment scope rg", edit: func(m map[string]any) { set(m, "role_assignments[0].scope", "rg/prod/rg-other", false) }, want: `no account lives in resource group "rg-other"`},
		{name: "assignment scope sub", edit: func(m map[string]any) { set(m, "role_assignments[0].scope", "sub/dev", false) }, want: `role_assignments[0].scope: no subscription named "dev"`},
		{name: "assignment scope arm", edit: func(m map[string]any) {
			set(m, "role_assignments[0].scope", "/subscriptions/00000000-0000-0000-0000-000000000000", false)
		}, want: `no subscription "00000000-0000-0000-0000-000000000000" in this world`},
		{name: "assignment negative age", edit: func(m map[string]any) { set(m, "role_assignments[0].age", "-1h", false) }, want: `role_assignments[0].age: must not be negative`},
		{name: "assignment duplicate", edit: func(m map[string]any) {
			ra := map[string]any{"principal": "dev", "role": "Owner", "scope": "sub/prod"}
			m["role_assignments"] = []any{ra, ra}
		}, want: `role_assignments[1]: the same role is already assigned to "dev" at this scope`},
		{name: "assignment cross tenant", edit: func(m map[string]any) {
			m["principals"] = append(m["principals"].([]any), map[string]any{"name": "guest", "kind": "user", "tenant": "fabrikam"})
			set(m, "role_assignments[0].principal", "guest", false)
		}, want: `role_assignments[0].principal: "guest" is in tenant "fabrikam" but the scope is in tenant "contoso"`},
		{name: "cli principal", edit: func(m map[string]any) { set(m, "cli.principal", "devs", false) }, want: `cli.principal: no principal named "devs"`},
		{name: "cli group", edit: func(m map[string]any) { set(m, "cli.principal", "ai-devs", false) }, want: `cli.principal: "ai-devs" is a group`},
		{name: "cli tenant", edit: func(m map[string]any) { set(m, "cli.tenant", "fabrikam", false) }, want: `cli.tenant: "dev" cannot sign in to tenant "fabrikam"`},
		{name: "cli subscription", edit: func(m map[string]any) { set(m, "cli.subscription", "test", false) }, want: `cli.subscription: no subscription named "test"`},
		{name: "no app", edit: func(m map[string]any) { delete(m, "app") }, want: `app: missing`},
		{name: "app endpoint", edit: func(m map[string]any) { set(m, "app.endpoint", "", false) }, want: `app.endpoint: missing`},
		{name: "app credential", edit: func(m map[string]any) { set(m, "app.credential", "azure-cli", false) }, want: `app.credential: "azure-cli" is not a credential (use default, cli, managed-identity, service-principal, workload-identity or token)`},
		{name: "app principal", edit: func(m map[string]any) { set(m, "app.principal", "root", false) }, want: `app.principal: no principal named "root"`},
		{name: "app token principal", edit: func(m map[string]any) { set(m, "app.token", map[string]any{"principal": "root"}, false) }, want: `app.token.principal: no principal named "root"`},
		{name: "app token tenant", edit: func(m map[string]any) {
			set(m, "app.token", map[string]any{"principal": "dev", "tenant": "fabrikam"}, false)
		}, want: `app.token.tenant: "dev" cannot get a token in tenant "fabrikam"`},
		{name: "token credential without token", edit: func(m map[string]any) { set(m, "app.credential", "token", false) }, want: `app.token: credential "token" needs app.token`},
		{name: "api key marker without token", edit: func(m map[string]any) { set(m, "app.api_key", "@token", false) }, want: `app.api_key: "@token" means the key variable holds app.token`},
		{name: "env value type", edit: func(m map[string]any) { set(m, "app.env", map[string]any{"AZURE_CLIENT_ID": 5}, false) }, want: `app.env.AZURE_CLIENT_ID: expected a string, got a number (5)`},
		{name: "fault service", edit: func(m map[string]any) { m["faults"] = []any{map[string]any{"service": "dns", "kind": "hang"}} }, want: `faults[0].service: "dns" is not a service (use entra, arm, data, imds or cli)`},
		{name: "fault kind", edit: func(m map[string]any) { m["faults"] = []any{map[string]any{"service": "arm", "kind": "slow"}} }, want: `faults[0].kind: "slow" is not a fault kind`},
		{name: "fault status", edit: func(m map[string]any) { m["faults"] = []any{map[string]any{"service": "arm", "kind": "status"}} }, want: `faults[0].status: a status fault needs an HTTP status`},
		{name: "fault latency", edit: func(m map[string]any) { m["faults"] = []any{map[string]any{"service": "arm", "kind": "latency"}} }, want: `faults[0].latency: a latency fault needs a latency`},
		{name: "expect cause", edit: func(m map[string]any) { set(m, "expect.cause", "no-role", false) }, want: `expect.cause: "no-role" is not a cause ID`},
		{name: "control chars quoted", edit: func(m map[string]any) { set(m, "accounts[0].kind", "\x1b[31mred\n", false) }, want: `accounts[0].kind: "\x1b[31mred\n" is not a kind`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.raw)
			if tt.raw == "" {
				m := base(t)
				tt.edit(m)
				var err error
				if data, err = json.Marshal(m); err != nil {
					t.Fatal(err)
				}
			}
			_, err := LoadAt(data, testNow)
			if err == nil {
				t.Fatalf("loaded; want error containing %q", tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q\n does not contain %q", msg, tt.want)
			}
			if strings.ContainsAny(msg, "\n\r\x1b") {
				t.Errorf("error is not one clean line: %q", msg)
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Load(make([]byte, MaxSize+1))
	if err == nil || !strings.Contains(err.Error(), "the limit is") {
		t.Fatalf("err = %v", err)
	}
}

func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := 0; i < 8; i++ {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	_, err := Load([]byte(b.String()))
	if err == nil {
		t.Fatal("alias bomb loaded")
	}
}
