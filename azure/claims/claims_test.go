package claims

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

const tid = "11111111-2222-3333-4444-555555555555"

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// jwt builds an unsigned-but-shaped token from claims (the signature part is junk: Decode never checks it).
func jwt(t testing.TB, payload map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(map[string]any{"typ": "JWT", "alg": "RS256", "kid": "k1"})
	p, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString(h) + "." + enc.EncodeToString(p) + ".c2lnbmF0dXJl"
}

// v1 is a typical cognitiveservices user token issued 10 minutes before now.
func v1(extra map[string]any) map[string]any {
	m := map[string]any{
		"aud": "https://cognitiveservices.azure.com", "iss": "https://sts.windows.net/" + tid + "/", "ver": "1.0",
		"tid": tid, "oid": "oid-1", "sub": "sub-1", "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
		"scp": "user_impersonation", "upn": "dev@contoso.example", "name": "Dev",
		"iat": now.Add(-10 * time.Minute).Unix(), "nbf": now.Add(-10 * time.Minute).Unix(), "exp": now.Add(50 * time.Minute).Unix(),
	}
	for k, v := range extra {
		if v == nil {
			delete(m, k)
			continue
		}
		m[k] = v
	}
	return m
}

func TestDecode(t *testing.T) {
	tok := jwt(t, v1(map[string]any{"groups": []any{"g1", "g2"}, "roles": "r1"}))
	for _, in := range []string{tok, "Bearer " + tok, "  bearer " + tok + "\n", "Authorization: Bearer " + tok, `"` + tok + `"`} {
		c, err := Decode(in)
		if err != nil {
			t.Fatalf("Decode(%.20q): %v", in, err)
		}
		if c.Aud != "https://cognitiveservices.azure.com" || c.Tid != tid || c.Upn != "dev@contoso.example" || c.Scp != "user_impersonation" {
			t.Errorf("claims: %+v", c)
		}
		if c.Size != len(tok) || c.HeaderAlg != "RS256" || c.HeaderKid != "k1" {
			t.Errorf("size %d alg %q kid %q", c.Size, c.HeaderAlg, c.HeaderKid)
		}
		if len(c.Groups) != 2 || len(c.Roles) != 1 {
			t.Errorf("groups %v roles %v", c.Groups, c.Roles)
		}
		if !c.Exp.Equal(now.Add(50*time.Minute)) || !c.Iat.Equal(now.Add(-10*time.Minute)) {
			t.Errorf("times: exp %v iat %v", c.Exp, c.Iat)
		}
	}
}

func TestDecodeTimesAsStrings(t *testing.T) {
	c, err := Decode(jwt(t, v1(map[string]any{"exp": "1767225600", "nbf": "1767220000.5", "iat": "soon", "aud": []any{"https://ai.azure.com", "x"}})))
	if err != nil {
		t.Fatal(err)
	}
	if c.Exp.Unix() != 1767225600 || c.Nbf.Unix() != 1767220000 || !c.Iat.IsZero() {
		t.Errorf("exp %v nbf %v iat %v", c.Exp, c.Nbf, c.Iat)
	}
	if c.Aud != "https://ai.azure.com" {
		t.Errorf("aud from array = %q", c.Aud)
	}
}

func TestDecodeErrors(t *testing.T) {
	enc := base64.RawURLEncoding
	hdr := enc.EncodeToString([]byte(`{"alg":"RS256"}`))
	tests := []struct{ in, want string }{
		{"", "empty"},
		{"Bearer ", "empty"},
		{"0123456789abcdef0123456789ABCDEF", "looks like an API key"},
		{"abc", "expected three parts separated by dots, got 1"},
		{"a.b", "got 2"},
		{"a.b.c.d", "got 4"},
		{"a.b.c.d.e", "encrypted"},
		{"!!!." + enc.EncodeToString([]byte(`{}`)) + ".x", "header is not base64url JSON"},
		{hdr + ".!!!.x", "payload is not base64url JSON"},
		{hdr + "." + enc.EncodeToString([]byte(`[1,2]`)) + ".x", "payload is not base64url JSON"},
		{hdr + "." + enc.EncodeToString([]byte(`null`)) + ".x", "payload is not a JSON object"},
		{hdr + "." + enc.EncodeToString([]byte(`{"a":1}{}`)) + ".x", "payload is not base64url JSON"},
		{hdr + ".." + "x", "payload is not base64url JSON"},
	}
	for _, tt := range tests {
		_, err := Decode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%.30q) = %v, want an error with %q", tt.in, err, tt.want)
		}
	}
}

func TestDecodeToleratesPaddingAndStdAlphabet(t *testing.T) {
	std := base64.StdEncoding
	tok := std.EncodeToString([]byte(`{"alg":"none"}`)) + "." + std.EncodeToString([]byte(`{"aud":"https://ai.azure.com","sub":"??>>"}`)) + "."
	c, err := Decode(tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.Aud != "https://ai.azure.com" {
		t.Errorf("aud %q", c.Aud)
	}
}

func TestMask(t *testing.T) {
	tok := jwt(t, v1(nil))
	tests := []struct{ in, want string }{
		{tok, tok[:6] + "…(" + itoa(len(tok)) + " chars)"},
		{"Bearer " + tok, tok[:6] + "…(" + itoa(len(tok)) + " chars)"},
		{"0123456789abcdef0123456789abcdef", "012345…(32 chars)"},
		{"short", "…(5 chars)"},
		{"12345678", "…(8 chars)"},
		{"0123456789abcdefgh", "0123…(18 chars)"},
		{"", "(empty)"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%.12q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestKindVersionCloudIdentity(t *testing.T) {
	tests := []struct {
		name                        string
		claims                      map[string]any
		kind, version, cloud, ident string
	}{
		{"user v1", v1(nil), "user", "1.0", "public", "dev@contoso.example"},
		{"service principal", v1(map[string]any{"scp": nil, "upn": nil, "name": nil, "idtyp": "app", "appid": "app-1"}), "service-principal", "1.0", "public", "app app-1 (object ID oid-1)"},
		{"app without idtyp", v1(map[string]any{"scp": nil, "upn": nil, "appid": "app-2"}), "service-principal", "1.0", "public", "app app-2 (object ID oid-1)"},
		{"managed identity", v1(map[string]any{"scp": nil, "upn": nil, "idtyp": "app", "appid": "mi-1",
			"xms_mirid": "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/web-id"}),
			"managed-identity", "1.0", "public", "managed identity web-id (client ID mi-1)"},
		{"mi by xms_mi prefix", v1(map[string]any{"scp": nil, "upn": nil, "idtyp": "app", "xms_mitype": "system"}), "managed-identity", "1.0", "public", ""},
		{"v2 by issuer", v1(map[string]any{"ver": nil, "iss": "https://login.microsoftonline.com/" + tid + "/v2.0"}), "user", "2.0", "public", ""},
		{"gov audience", v1(map[string]any{"aud": "https://cognitiveservices.azure.us", "iss": "https://login.microsoftonline.us/" + tid + "/"}), "user", "1.0", "usgov", ""},
		{"china issuer", v1(map[string]any{"aud": "https://cognitiveservices.azure.cn", "iss": "https://sts.chinacloudapi.cn/" + tid + "/"}), "user", "1.0", "china", ""},
		{"gov aud, public-looking issuer", v1(map[string]any{"aud": "https://cognitiveservices.azure.us"}), "user", "1.0", "usgov", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Decode(jwt(t, tt.claims))
			if err != nil {
				t.Fatal(err)
			}
			if c.Kind() != tt.kind || c.Version() != tt.version || c.Cloud() != tt.cloud {
				t.Errorf("kind %q version %q cloud %q", c.Kind(), c.Version(), c.Cloud())
			}
			if tt.ident != "" && c.Identity() != tt.ident {
				t.Errorf("identity %q, want %q", c.Identity(), tt.ident)
			}
		})
	}
}
