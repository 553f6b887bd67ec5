package world

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const (
	chatAction   = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"
	maasAction   = "Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action"
	agentsRead   = "Microsoft.CognitiveServices/accounts/AIServices/agents/read"
	storedRead   = "Microsoft.CognitiveServices/accounts/OpenAI/stored-completions/read"
	modelsRead   = "Microsoft.CognitiveServices/accounts/OpenAI/models/read"
	listKeys     = "Microsoft.CognitiveServices/accounts/listKeys/action"
	assignWrite  = "Microsoft.Authorization/roleAssignments/write"
	accountRead  = "Microsoft.CognitiveServices/accounts/read"
	deployDelete = "Microsoft.CognitiveServices/accounts/deployments/delete"
)

func TestHasDataAction(t *testing.T) {
	w := mustLoad(t, readTestdata(t, "rbac.json"))
	aoai := w.Account("contoso-ai").ID
	foundry := w.Account("contoso-foundry").ID
	tests := []struct {
		name      string
		principal string
		resource  string
		action    string
		want      bool
	}{
		{"owner only cannot chat", "owner", aoai, chatAction, false},
		{"openai user can chat", "oai-user", aoai, chatAction, true},
		{"openai user reads models", "oai-user", aoai, modelsRead, true},
		{"notDataActions win", "oai-user", aoai, storedRead, false},
		{"openai user on foundry: no MaaS", "oai-user", foundry, maasAction, false},
		{"openai user on foundry: OpenAI routes", "oai-user", foundry, chatAction, true},
		{"cognitive services user: MaaS", "cs-user", foundry, maasAction, true},
		{"cognitive services user: agents", "cs-user", foundry, agentsRead, true},
		{"cognitive services user is per resource", "cs-user", aoai, chatAction, false},
		{"cognitive services contributor cannot chat", "cs-contrib", aoai, chatAction, false},
		{"group member", "member", aoai, chatAction, true},
		{"inherited from resource group", "rg-user", aoai, chatAction, true},
		{"not from a sibling resource group", "rg-user", foundry, maasAction, false},
		{"inherited from subscription", "sub-user", foundry, agentsRead, true},
		{"reader at root has no data action", "root-user", aoai, modelsRead, false},
		{"managed identity via full ARM id, case-insensitive", "web", aoai, chatAction, true},
		{"resource id case does not matter", "oai-user", strings.ToUpper(aoai), chatAction, true},
		{"action case does not matter", "oai-user", aoai, strings.ToLower(chatAction), true},
		{"nobody", "nobody", aoai, modelsRead, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := w.Principal(tt.principal)
			if p == nil {
				t.Fatalf("no principal %s", tt.principal)
			}
			got, pending := w.HasDataAction(p, tt.resource, tt.action, testNow)
			if got != tt.want {
				t.Errorf("HasDataAction = %v, want %v", got, tt.want)
			}
			if pending != nil {
				t.Errorf("unexpected pending %+v", pending)
			}
		})
	}
}

func TestPropagation(t *testing.T) {
	w := mustLoad(t, readTestdata(t, "rbac.json"))
	aoai := w.Account("contoso-ai").ID
	p := w.Principal("newbie")
	ok, pending := w.HasDataAction(p, aoai, chatAction, testNow)
	if ok || pending == nil {
		t.Fatalf("2m-old assignment: ok %v pending %v; want propagating", ok, pending)
	}
	if want := testNow.Add(3 * time.Minute); !w.EffectiveAt(pending).Equal(want) {
		t.Errorf("effective at %v, want %v", w.EffectiveAt(pending), want)
	}
	if ok, _ := w.HasDataAction(p, aoai, maasAction, testNow); ok {
		t.Error("MaaS allowed")
	}
	if _, pending := w.HasDataAction(p, aoai, maasAction, testNow); pending != nil {
		t.Error("a role that would not allow the action is reported as pending")
	}
	if ok, pending := w.HasDataAction(p, aoai, chatAction, testNow.Add(3*time.Minute)); !ok || pending != nil {
		t.Errorf("after propagation: ok %v pending %v", ok, pending)
	}
	// The assignment is visible in ARM (listed) even while it propagates.
	if n := len(w.AssignmentsFor(p, aoai)); n != 1 {
		t.Errorf("AssignmentsFor = %d assignments, want 1", n)
	}
	if n := len(w.Permissions(p, aoai, testNow)); n != 0 {
		t.Errorf("Permissions while propagating = %d, want 0", n)
	}
}

func TestHasAction(t *testing.T) {
	w := mustLoad(t, readTestdata(t, "rbac.json"))
	aoai := w.Account("contoso-ai").ID
	tests := []struct {
		principal, action string
		want              bool
	}{
		{"owner", listKeys, true},
		{"owner", assignWrite, true},
		{"cs-contrib", listKeys, true},
		{"cs-contrib", assignWrite, false},
		{"oai-user", accountRead, true},
		{"oai-user", listKeys, false},
		{"web", deployDelete, true},
		{"root-user", accountRead, true},
		{"root-user", listKeys, false},
		{"nobody", accountRead, false},
	}
	for _, tt := range tests {
		if got := w.HasAction(w.Principal(tt.principal), aoai, tt.action, testNow); got != tt.want {
			t.Errorf("%s %s: %v, want %v", tt.principal, tt.action, got, tt.want)
		}
	}
	// Contributor's notActions deny role assignment writes even with actions "*".
	contrib, _ := Role("Contributor")
	if contrib.AllowsAction(assignWrite) || !contrib.AllowsAction(listKeys) {
		t.Error("Contributor notActions not honoured")
	}
}

func TestAddRoleAssignment(t *testing.T) {
	w := mustLoad(t, readTestdata(t, "rbac.json"))
	a := w.Account("contoso-foundry")
	nobody := w.Principal("nobody")
	role, _ := Role("Cognitive Services User")
	ra, err := w.AddRoleAssignment(RoleAssignment{
		PrincipalID:      strings.ToUpper(nobody.ObjectID),
		RoleDefinitionID: RoleDefinitionID(a.SubscriptionID, role.GUID),
		ScopeID:          a.ID,
		GUID:             "11111111-2222-3333-4444-555555555555",
	}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if ra.Principal != "nobody" || ra.PrincipalType != "User" || ra.Role != role.Name || ra.ScopeID != a.ID {
		t.Errorf("resolved %+v", ra)
	}
	if ra.ID != a.ID+"/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555" {
		t.Errorf("ID %q", ra.ID)
	}
	if ok, pending := w.HasDataAction(nobody, a.ID, maasAction, testNow.Add(time.Minute)); ok || pending != ra {
		t.Errorf("new assignment: ok %v pending %v; want propagating", ok, pending)
	}
	if ok, _ := w.HasDataAction(nobody, a.ID, maasAction, testNow.Add(5*time.Minute)); !ok {
		t.Error("new assignment never became effective")
	}
	_, err = w.AddRoleAssignment(RoleAssignment{Principal: "nobody", Role: role.Name, Scope: "account/contoso-foundry"}, testNow)
	if !errors.Is(err, ErrRoleAssignmentExists) {
		t.Errorf("duplicate: %v", err)
	}
	_, err = w.AddRoleAssignment(RoleAssignment{PrincipalID: "99999999-2222-3333-4444-555555555555", Role: "Owner", ScopeID: a.ID}, testNow)
	if !errors.Is(err, ErrPrincipalNotFound) {
		t.Errorf("unknown principal: %v", err)
	}
	_, err = w.AddRoleAssignment(RoleAssignment{Principal: "nobody", RoleGUID: "99999999-2222-3333-4444-555555555555", ScopeID: a.ID}, testNow)
	if !errors.Is(err, ErrRoleNotFound) {
		t.Errorf("unknown role: %v", err)
	}
	_, err = w.AddRoleAssignment(RoleAssignment{Principal: "nobody", Role: "Owner", ScopeID: "/subscriptions/nope"}, testNow)
	if !errors.Is(err, ErrInvalidScope) {
		t.Errorf("bad scope: %v", err)
	}
}

func TestMatchAction(t *testing.T) {
	tests := []struct {
		pattern, action string
		want            bool
	}{
		{"*", "anything/at/all", true},
		{"*/read", "Microsoft.CognitiveServices/accounts/read", true},
		{"*/read", "Microsoft.CognitiveServices/accounts/write", false},
		{"Microsoft.CognitiveServices/*", chatAction, true},
		{"microsoft.cognitiveservices/accounts/openai/*", chatAction, true},
		{"Microsoft.CognitiveServices/accounts/OpenAI/*/read", modelsRead, true},
		{"Microsoft.CognitiveServices/accounts/OpenAI/*/read", chatAction, false},
		{"Microsoft.CognitiveServices/accounts/MaaS/*", maasAction, true},
		{"Microsoft.CognitiveServices/accounts/MaaS/*", chatAction, false},
		{"Microsoft.Authorization/*/Write", assignWrite, true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"", "", true},
		{"", "x", false},
		{"**", "", true},
	}
	for _, tt := range tests {
		if got := MatchAction(tt.pattern, tt.action); got != tt.want {
			t.Errorf("MatchAction(%q, %q) = %v, want %v", tt.pattern, tt.action, got, tt.want)
		}
	}
}

func TestBuiltinRoles(t *testing.T) {
	roles := BuiltinRoles()
	if len(roles) != 12 {
		t.Fatalf("%d built-in roles, want 12", len(roles))
	}
	guids := map[string]bool{}
	for _, r := range roles {
		if !IsGUID(r.GUID) || guids[r.GUID] {
			t.Errorf("%s: bad or duplicate GUID %s", r.Name, r.GUID)
		}
		guids[r.GUID] = true
		got, ok := Role(strings.ToUpper(r.Name))
		if !ok || got.GUID != r.GUID {
			t.Errorf("Role(%q) by name failed", r.Name)
		}
		if got, ok := Role("/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/" + r.GUID); !ok || got.Name != r.Name {
			t.Errorf("Role by definition ID failed for %s", r.Name)
		}
	}
	// Pin the GUIDs the diagnosis names in fixes (azure-facts §5.4).
	for name, guid := range map[string]string{
		"Cognitive Services OpenAI User": "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
		"Cognitive Services User":        "a97b65f3-24c7-4388-baec-2e87135dc908",
		"Azure AI User":                  "53ca6127-db72-4b80-b1b0-d745d6d5456d",
		"Owner":                          "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	} {
		if r, _ := Role(name); r == nil || r.GUID != guid {
			t.Errorf("%s GUID changed", name)
		}
	}
	// Copies: changing one does not change the catalogue.
	roles[0].DataActions[0] = "changed"
	if r, _ := Role(roles[0].GUID); r.DataActions[0] == "changed" {
		t.Error("BuiltinRoles shares slices with the catalogue")
	}
	if _, ok := Role("Storage Blob Data Reader"); ok {
		t.Error("unknown role found")
	}
}

func TestInScope(t *testing.T) {
	tests := []struct {
		scope, id string
		want      bool
	}{
		{"/", "/subscriptions/a/resourceGroups/b", true},
		{"/subscriptions/a", "/subscriptions/a/resourceGroups/b", true},
		{"/subscriptions/a", "/subscriptions/ab/resourceGroups/b", false},
		{"/subscriptions/a/resourceGroups/B", "/subscriptions/A/resourcegroups/b/providers/x/y/z", true},
		{"/subscriptions/a/resourceGroups/b/providers/x/y/z", "/subscriptions/a/resourceGroups/b", false},
		{"/subscriptions/a/", "/subscriptions/a", true},
	}
	for _, tt := range tests {
		if got := InScope(tt.scope, tt.id); got != tt.want {
			t.Errorf("InScope(%q, %q) = %v", tt.scope, tt.id, got)
		}
	}
}

func TestLookups(t *testing.T) {
	w := mustLoad(t, readTestdata(t, "rbac.json"))
	sp := w.Principal("sub-user")
	if w.PrincipalByClientID(strings.ToUpper(sp.ClientID)) != sp || w.PrincipalByObjectID(sp.ObjectID) != sp {
		t.Error("lookup by client or object ID failed")
	}
	if w.PrincipalByClientID(sp.ObjectID) != nil {
		t.Error("object ID matched as a client ID")
	}
	if w.PrincipalByUPN("MEMBER@contoso.example") != w.Principal("member") {
		t.Error("lookup by UPN failed")
	}
	web := w.Principal("web")
	if web.ResourceID == "" || w.PrincipalByResourceID(web.ResourceID) != web || !strings.Contains(web.ResourceID, "/providers/Microsoft.Web/sites/web") {
		t.Errorf("system-assigned identity resource ID %q", web.ResourceID)
	}
	if len(w.ManagedIdentities()) != 1 {
		t.Error("ManagedIdentities")
	}
	a := w.Account("contoso-foundry")
	if w.AccountBySubdomain("CONTOSO-FOUNDRY") != a || w.AccountByID(strings.ToLower(a.ID)+"/") != a {
		t.Error("account lookups")
	}
	if a.Deployment("LLAMA") == nil || !a.HasProject("Chat") {
		t.Error("deployment or project lookup")
	}
	if got := w.Endpoints(a)["AI Model Inference API"]; got != "https://contoso-foundry.services.ai.azure.com/models" {
		t.Errorf("inference endpoint %q", got)
	}
	if got := w.ProjectEndpoint(a, "chat"); got != "https://contoso-foundry.services.ai.azure.com/api/projects/chat" {
		t.Errorf("project endpoint %q", got)
	}
	if w.Endpoint(a) != "https://contoso-foundry.cognitiveservices.azure.com/" {
		t.Errorf("AIServices endpoint %q", w.Endpoint(a))
	}
	sub := w.Subscription("prod")
	if w.SubscriptionByID(strings.ToUpper(sub.ID)) != sub || w.TenantByID(sub.TenantID).Name != "contoso" {
		t.Error("subscription/tenant by ID")
	}
	if g := w.GroupsOf(w.Principal("member")); len(g) != 1 || w.GroupByObjectID(g[0].ObjectID) != g[0] {
		t.Error("GroupsOf")
	}
	if len(w.AccountsInRegion("eastus")) != 1 {
		t.Error("AccountsInRegion")
	}
}
