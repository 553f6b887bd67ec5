package steps

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// makeJWT builds an unsigned token with the given payload.
func makeJWT(t *testing.T, payload map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "RS256", "typ": "JWT", "kid": "k"}) + "." + enc(payload) + "." + base64.RawURLEncoding.EncodeToString([]byte("signature-bytes"))
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name   string
		in     ExplainInput
		want   cause.ID
		errSub string
	}{
		{"permission denied", ExplainInput{Text: `{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}`, Status: 401}, cause.MissingDataRole, ""},
		{"tenant mismatch", ExplainInput{Text: `{"error":{"code":"Tenant provided in token does not match resource token","message":"Token tenant 1 does not match resource tenant."}}`, Status: 400}, cause.WrongTenant, ""},
		{"keys disabled", ExplainInput{Text: `{"error":{"code":"AuthenticationTypeDisabled","message":"Key based authentication is disabled for this resource."}}`, Status: 403}, cause.LocalAuthDisabled, ""},
		{"bad endpoint", ExplainInput{Text: "x", Endpoint: "http://a b"}, "", "--endpoint"},
		{"bad token", ExplainInput{Text: "x", Token: "abc"}, "", "--token"},
		{"nothing", ExplainInput{}, "", "no error text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Explain(tt.in)
			if tt.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSub) {
					t.Fatalf("err = %v, want one containing %q", err, tt.errSub)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ex.Causes) == 0 || ex.Causes[0].ID != tt.want {
				t.Fatalf("causes %+v, want %s first", ex.Causes, tt.want)
			}
			if len(ex.Causes[0].Fixes) == 0 {
				t.Errorf("no fixes for %s", tt.want)
			}
		})
	}
}

func TestInspectToken(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tok := makeJWT(t, map[string]any{"aud": "https://management.azure.com", "iss": "https://sts.windows.net/t/", "tid": "t",
		"oid": "o", "ver": "1.0", "iat": now.Add(-time.Minute).Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix()})
	rep, err := InspectToken(TokenInput{Token: tok, Endpoint: "https://contoso.openai.azure.com/", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Claims["aud"] != "https://management.azure.com" || rep.Header["alg"] != "RS256" {
		t.Errorf("claims %v header %v", rep.Claims, rep.Header)
	}
	if strings.Contains(rep.Masked, tok[10:]) || !strings.Contains(rep.Masked, "chars") {
		t.Errorf("token not masked: %s", rep.Masked)
	}
	found := false
	for _, f := range rep.Findings {
		if f.Cause == cause.WrongAudience && f.Status == Fail {
			found = true
		}
	}
	if !found {
		t.Errorf("no wrong-audience finding in %+v", rep.Findings)
	}
	if _, err := InspectToken(TokenInput{Token: "not-a-token"}); err == nil {
		t.Error("no error for a non-JWT")
	}
}
