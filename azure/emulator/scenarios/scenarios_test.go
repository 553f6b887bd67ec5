package scenarios

import (
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/world"
)

const (
	chatAction = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"
	maasAction = "Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action"
	agentsRead = "Microsoft.CognitiveServices/accounts/AIServices/agents/read"
)

func TestEveryScenarioLoads(t *testing.T) {
	if len(List()) != len(names()) || len(errs) > 0 {
		t.Fatalf("scenarios that do not load: %v", errs)
	}
	if n := len(List()); n < 30 {
		t.Errorf("%d scenarios, want at least 30", n)
	}
	for _, info := range List() {
		t.Run(info.Name, func(t *testing.T) {
			w, err := Get(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			if w.Name != info.Name {
				t.Errorf("name %q differs from the file name", w.Name)
			}
			if info.Description == "" || strings.ContainsAny(info.Description, "\n\r") || len(info.Description) > 120 {
				t.Errorf("description must be one short line: %q", info.Description)
			}
			if n := strings.Count(info.Teaches+" ", ". "); n < 2 || n > 3 {
				t.Errorf("teaches has %d sentences, want 2-3: %q", n, info.Teaches)
			}
			if info.Cause == "" || !cause.Known(cause.ID(info.Cause)) {
				t.Errorf("expect.cause %q is not a known cause", info.Cause)
			}
			checkReferences(t, w)
		})
	}
}

// checkReferences: names the app uses resolve to things in the world.
func checkReferences(t *testing.T, w *world.World) {
	t.Helper()
	if w.App.Principal == "" {
		t.Error("app.principal is empty: name the identity meant to make the call")
	} else if w.Principal(w.App.Principal) == nil {
		t.Errorf("app.principal %q does not resolve", w.App.Principal)
	}
	if u, err := url.Parse(w.App.Endpoint); err != nil || u.Scheme != "https" || u.Host == "" {
		t.Errorf("app.endpoint %q is not an https URL", w.App.Endpoint)
	}
	for k, v := range w.App.Env {
		resolved := w.AppEnv()[k]
		switch k {
		case "AZURE_TENANT_ID":
			if w.TenantByID(resolved) == nil {
				t.Errorf("%s=%q names no tenant", k, v)
			}
		case "AZURE_CLIENT_ID":
			if !world.IsGUID(resolved) {
				t.Errorf("%s=%q is neither a principal nor a GUID", k, v)
			}
		case "AZURE_USERNAME":
			if w.PrincipalByUPN(resolved) == nil {
				t.Errorf("%s=%q names no user", k, v)
			}
		}
	}
	if a := w.App.Assertion; a != nil {
		p := w.Principal(w.App.Principal)
		if p == nil || len(p.Federated) == 0 {
			t.Error("app.assertion without a principal that has federated credentials")
		}
	}
	if w.App.Credential == "managed-identity" && len(w.ManagedIdentities()) == 0 {
		t.Error("credential managed-identity but the host has no managed identity")
	}
}

// target finds the account an endpoint calls and the data action the call needs.
func target(w *world.World) (*world.Account, string) {
	u, err := url.Parse(w.App.Endpoint)
	if err != nil {
		return nil, ""
	}
	host := strings.ToLower(u.Hostname())
	label, _, _ := strings.Cut(host, ".")
	action := chatAction
	switch {
	case strings.HasPrefix(u.Path, "/models"):
		action = maasAction
	case strings.HasPrefix(u.Path, "/api/projects/"):
		action = agentsRead
	}
	if strings.HasSuffix(host, ".api.cognitive.microsoft.com") {
		if as := w.AccountsInRegion(label); len(as) > 0 {
			return as[0], action
		}
		return nil, action
	}
	return w.AccountBySubdomain(label), action
}

// Each scenario's world is broken in exactly the way its cause says (as far as the world
// alone can show it): the RBAC evaluation and the endpoint mapping agree with expect.cause.
func TestScenariosMeanWhatTheySay(t *testing.T) {
	for _, info := range List() {
		t.Run(info.Name, func(t *testing.T) {
			w, err := Get(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			now := w.LoadedAt
			p := w.Principal(w.App.Principal)
			a, action := target(w)
			switch cause.ID(info.Cause) {
			case cause.EndpointNotFound:
				if a != nil {
					t.Errorf("endpoint maps to account %s", a.Name)
				}
				return
			case cause.ServerlessEndpoint:
				if !strings.HasSuffix(strings.ToLower(w.App.Endpoint), ".models.ai.azure.com/") {
					t.Errorf("endpoint %q is not a serverless host", w.App.Endpoint)
				}
				return
			}
			if a == nil {
				t.Fatalf("endpoint %q maps to no account", w.App.Endpoint)
			}
			ok, pending := w.HasDataAction(p, a.ID, action, now)
			switch cause.ID(info.Cause) {
			case cause.MissingDataRole:
				if ok || pending != nil {
					t.Errorf("%s can call (ok %v, pending %v)", p.Name, ok, pending != nil)
				}
				if len(w.AssignmentsFor(p, a.ID)) == 0 {
					t.Error("no control-plane role either; the scenario is about having the wrong role")
				}
			case cause.RolePropagating:
				if ok || pending == nil || !w.EffectiveAt(pending).After(now) {
					t.Errorf("want a propagating role: ok %v pending %v", ok, pending)
				}
			case cause.OpenAIRoleOnFoundry:
				chat, _ := w.HasDataAction(p, a.ID, chatAction, now)
				if ok || !chat || action != maasAction {
					t.Errorf("want OpenAI actions but no MaaS: maas %v chat %v action %s", ok, chat, action)
				}
			case cause.WrongIdentity:
				// The intended identity holds the role; the one the app signs in as does not.
				if !ok {
					t.Errorf("intended identity %s lacks the role", p.Name)
				}
				actual := actualIdentity(w)
				if actual == nil || actual == p {
					t.Fatalf("the app signs in as %v, not another identity", actual)
				}
				if ok, _ := w.HasDataAction(actual, a.ID, action, now); ok {
					t.Errorf("the identity actually used (%s) holds the role", actual.Name)
				}
			case cause.RegionalEndpoint:
				if a.CustomSubdomain != nil {
					t.Error("the account has a custom subdomain")
				}
				fallthrough
			default:
				// Everything else is broken elsewhere: the intended identity holds the role.
				if !ok {
					t.Errorf("%s lacks %s on %s (pending %v)", p.Name, action, a.Name, pending != nil)
				}
			}
			if cause.ID(info.Cause) == cause.Healthy && a.CustomSubdomain == nil {
				t.Error("a healthy world needs a custom subdomain")
			}
		})
	}
}

// actualIdentity is whom the app really signs in as in the wrong-identity worlds.
func actualIdentity(w *world.World) *world.Principal {
	env := w.AppEnv()
	if id := env["AZURE_CLIENT_ID"]; id != "" {
		return w.PrincipalByClientID(id)
	}
	return nil
}

// The causes a live check can reach all have a scenario; healthy has one per credential kind.
func TestCoverage(t *testing.T) {
	byCause := map[string]int{}
	credentials := map[string]bool{}
	for _, info := range List() {
		byCause[info.Cause]++
		if info.Cause == string(cause.Healthy) {
			w, _ := Get(info.Name)
			credentials[w.App.Credential] = true
		}
	}
	unreachable := map[cause.ID]bool{cause.NotAnError: true, cause.SDKOutdated: true, cause.Unknown: true}
	for _, id := range cause.All() {
		if !unreachable[id] && byCause[string(id)] == 0 {
			t.Errorf("no scenario for cause %s", id)
		}
	}
	for _, c := range world.Credentials {
		if !credentials[c] {
			t.Errorf("no healthy scenario with credential %s", c)
		}
	}
}

func TestListSortedAndCopied(t *testing.T) {
	l := List()
	if !sort.SliceIsSorted(l, func(i, j int) bool { return l[i].Name < l[j].Name }) {
		t.Error("List is not sorted")
	}
	l[0].Name = "changed"
	if List()[0].Name == "changed" {
		t.Error("List shares its slice")
	}
}

func TestGetReturnsFreshWorlds(t *testing.T) {
	a, err := Get("healthy-cli")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddRoleAssignment(world.RoleAssignment{Principal: "dev", Role: "Owner", Scope: "sub/prod"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	a.Accounts[0].Name = "changed"
	b, err := Get("healthy-cli")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.RoleAssignments) != 1 || b.Accounts[0].Name != "contoso-ai" {
		t.Error("Get shares state between calls")
	}
}

func TestUnknownScenario(t *testing.T) {
	for _, name := range []string{"nope", "", "../scenarios", "worlds/healthy-cli", "healthy-cli.json", " healthy-cli"} {
		_, err := Get(name)
		if err == nil {
			t.Errorf("Get(%q) succeeded", name)
			continue
		}
		if !strings.Contains(err.Error(), "known scenarios: ") || !strings.Contains(err.Error(), "healthy-cli") {
			t.Errorf("Get(%q): error does not list the scenarios: %v", name, err)
		}
		if _, err := Raw(name); err == nil {
			t.Errorf("Raw(%q) succeeded", name)
		}
	}
	b, err := Raw("healthy-cli")
	if err != nil || !strings.Contains(string(b), `"expect"`) {
		t.Errorf("Raw(healthy-cli): %v", err)
	}
}
