package claims

import (
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

func mustInfo(t *testing.T, raw string) *endpoint.Info {
	t.Helper()
	info, err := endpoint.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func find(fs []Finding, check string) (Finding, bool) {
	for _, f := range fs {
		if f.Check == check {
			return f, true
		}
	}
	return Finding{}, false
}

func TestLint(t *testing.T) {
	aoai := mustInfo(t, "https://contoso.openai.azure.com/")
	proj := mustInfo(t, "https://contoso.services.ai.azure.com/api/projects/p")
	gov := mustInfo(t, "https://contoso.openai.azure.us/")
	bigGroups := make([]any, 200)
	for i := range bigGroups {
		bigGroups[i] = "00000000-0000-0000-0000-000000000000"
	}
	tests := []struct {
		name     string
		claims   map[string]any
		info     *endpoint.Info
		tenant   string
		check    string
		status   string
		cause    cause.ID
		contains []string
	}{
		{"good audience", v1(nil), aoai, "", "audience", Pass, "", nil},
		{"audience with slash", v1(map[string]any{"aud": "https://cognitiveservices.azure.com/"}), aoai, "", "audience", Pass, "", nil},
		{"ARM audience", v1(map[string]any{"aud": "https://management.azure.com/"}), aoai, "", "audience", Fail, cause.WrongAudience,
			[]string{"expected https://cognitiveservices.azure.com", "got https://management.azure.com/", "Azure Resource Manager"}},
		{"cognitiveservices on a project", v1(nil), proj, "", "audience", Fail, cause.WrongAudience, []string{"expected https://ai.azure.com"}},
		{"public audience on gov", v1(nil), gov, "", "audience", Fail, cause.WrongCloud, []string{"Azure Government"}},
		{"no endpoint, graph", v1(map[string]any{"aud": "https://graph.microsoft.com"}), nil, "", "audience", Fail, cause.WrongAudience, []string{"Microsoft Graph"}},
		{"no aud", v1(map[string]any{"aud": nil}), aoai, "", "audience", Fail, cause.WrongAudience, nil},
		{"expired", v1(map[string]any{"exp": now.Add(-12 * time.Minute).Unix()}), aoai, "", "expiry", Fail, cause.TokenExpired, []string{"expired 12m ago"}},
		{"expired long ago", v1(map[string]any{"exp": now.Add(-50 * time.Hour).Unix()}), aoai, "", "expiry", Fail, cause.TokenExpired, []string{"2 days ago"}},
		{"not yet valid", v1(map[string]any{"nbf": now.Add(2 * time.Hour).Unix(), "exp": now.Add(3 * time.Hour).Unix()}), aoai, "", "expiry", Fail, cause.TokenExpired, []string{"in 2h"}},
		{"lifetime ok", v1(nil), aoai, "", "lifetime", Pass, "", []string{"50m"}},
		{"lifetime short", v1(map[string]any{"exp": now.Add(3 * time.Minute).Unix()}), aoai, "", "lifetime", Warn, cause.TokenExpired, []string{"3m"}},
		{"no exp", v1(map[string]any{"exp": nil}), aoai, "", "expiry", Warn, cause.TokenExpired, nil},
		{"issued in the future", v1(map[string]any{"iat": now.Add(time.Hour).Unix()}), aoai, "", "clock", Warn, cause.ClockSkew, []string{"1h"}},
		{"tenant matches", v1(nil), aoai, strings.ToUpper(tid), "tenant", Pass, "", nil},
		{"wrong tenant", v1(nil), aoai, "99999999-2222-3333-4444-555555555555", "tenant", Fail, cause.WrongTenant, []string{tid, "99999999-2222-3333-4444-555555555555"}},
		{"tenant by domain", v1(nil), aoai, "contoso.onmicrosoft.com", "tenant", Pass, "", []string{"domain"}},
		{"issuer tenant differs", v1(map[string]any{"iss": "https://sts.windows.net/99999999-2222-3333-4444-555555555555/"}), aoai, "", "tenant", Warn, cause.WrongTenant, nil},
		{"non-Entra issuer", v1(map[string]any{"iss": "https://accounts.google.com"}), aoai, "", "issuer", Fail, cause.WrongTenant, nil},
		{"gov issuer on public endpoint", v1(map[string]any{"iss": "https://login.microsoftonline.us/" + tid + "/"}), aoai, "", "issuer", Fail, cause.WrongCloud, nil},
		{"sts.windows.net is fine for gov", v1(map[string]any{"aud": "https://cognitiveservices.azure.us"}), gov, "", "issuer", Pass, "", nil},
		{"v1 passes", v1(nil), aoai, "", "version", Pass, "", []string{"normal"}},
		{"v2 passes", v1(map[string]any{"ver": "2.0"}), aoai, "", "version", Pass, "", nil},
		{"big token warns", v1(map[string]any{"pad": strings.Repeat("x", 9000)}), aoai, "", "size", Warn, cause.TokenTooLarge, nil},
		{"huge token fails", v1(map[string]any{"pad": strings.Repeat("x", 17000)}), aoai, "", "size", Fail, cause.TokenTooLarge, []string{"431"}},
		{"many groups", v1(map[string]any{"groups": bigGroups}), aoai, "", "groups", Warn, cause.TokenTooLarge, []string{"200 groups"}},
		{"groups overage", v1(map[string]any{"_claim_names": map[string]any{"groups": "src1"}}), aoai, "", "groups", Pass, "", []string{"overage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Decode(jwt(t, tt.claims))
			if err != nil {
				t.Fatal(err)
			}
			fs := Lint(c, tt.info, tt.tenant, now)
			f, ok := find(fs, tt.check)
			if !ok {
				t.Fatalf("no %q finding in %+v", tt.check, fs)
			}
			if f.Status != tt.status || f.Cause != tt.cause {
				t.Errorf("%s: status %q cause %q, want %q %q (%s)", tt.check, f.Status, f.Cause, tt.status, tt.cause, f.Summary)
			}
			for _, s := range tt.contains {
				if !strings.Contains(f.Summary, s) {
					t.Errorf("summary %q does not contain %q", f.Summary, s)
				}
			}
			for _, f := range fs {
				if f.Status != Pass && !cause.Known(f.Cause) {
					t.Errorf("%s: %s without a known cause", f.Check, f.Status)
				}
			}
		})
	}
}

func TestLintHealthyTokenHasNoFailures(t *testing.T) {
	c, err := Decode(jwt(t, v1(nil)))
	if err != nil {
		t.Fatal(err)
	}
	fs := Lint(c, mustInfo(t, "https://contoso.openai.azure.com/"), tid, now)
	for _, f := range fs {
		if f.Status != Pass {
			t.Errorf("%s: %s %s", f.Check, f.Status, f.Summary)
		}
	}
	if Failed(fs) {
		t.Error("Failed() on a healthy token")
	}
	if !Failed(Lint(nil, nil, "", now)) {
		t.Error("a nil token should fail")
	}
}

func TestHumanDuration(t *testing.T) {
	tests := map[time.Duration]string{
		30 * time.Second: "30s", -5 * time.Minute: "5m", 3*time.Hour + 5*time.Minute: "3h5m", 2 * time.Hour: "2h", 100 * time.Hour: "4 days",
	}
	for d, want := range tests {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
