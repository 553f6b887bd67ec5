package azcli

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeJWT is shaped like a token (three base64url parts) but signs nothing.
const fakeJWT = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSJ9.c2lnbmF0dXJl"

func TestParseToken(t *testing.T) {
	local := time.Date(2026, 1, 2, 3, 4, 5, 0, time.Local).UTC()
	tests := []struct {
		name    string
		in      string
		shape   string
		exp     time.Time
		tenant  string
		wantErr string
	}{
		{"2.45 shape", `{"accessToken":"` + fakeJWT + `","expiresOn":"2026-01-02 03:04:05.000000","subscription":"s","tenant":"t","tokenType":"Bearer"}`, ShapeLegacy, local, "t", ""},
		{"2.45 no fraction", `{"accessToken":"x.y.z","expiresOn":"2026-01-02 03:04:05"}`, ShapeLegacy, local, "", ""},
		{"new shape prefers expires_on", `{"accessToken":"x.y.z","expiresOn":"2000-01-01 00:00:00.000000","expires_on":1767323045,"tenant":"t2"}`, ShapeExpiresOn, time.Unix(1767323045, 0).UTC(), "t2", ""},
		{"expires_on as string", `{"accessToken":"x.y.z","expires_on":"1767323045"}`, ShapeExpiresOn, time.Unix(1767323045, 0).UTC(), "", ""},
		{"expires_on zero falls back", `{"accessToken":"x.y.z","expires_on":0,"expiresOn":"2026-01-02 03:04:05.000000"}`, ShapeLegacy, local, "", ""},
		{"leading warning-free whitespace", "\n  {\"accessToken\":\"x.y.z\",\"expires_on\":5}\n", ShapeExpiresOn, time.Unix(5, 0).UTC(), "", ""},
		{"empty", ``, "", time.Time{}, "", "printed nothing"},
		{"not json", `ERROR: boom`, "", time.Time{}, "", "not the expected JSON"},
		{"array", `[1,2]`, "", time.Time{}, "", "not the expected JSON"},
		{"no token", `{"expiresOn":"2026-01-02 03:04:05"}`, "", time.Time{}, "", "no accessToken"},
		{"no expiry", `{"accessToken":"x.y.z"}`, "", time.Time{}, "", "neither expires_on nor expiresOn"},
		{"bad expiresOn", `{"accessToken":"x.y.z","expiresOn":"tomorrow"}`, "", time.Time{}, "", "not in the form"},
		{"bad expires_on", `{"accessToken":"x.y.z","expires_on":"soon"}`, "", time.Time{}, "", "not unix seconds"},
		{"negative expires_on", `{"accessToken":"x.y.z","expires_on":-5}`, "", time.Time{}, "", "out of range"},
		{"token of wrong type", `{"accessToken":42,"expires_on":5}`, "", time.Time{}, "", "wrong type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseToken([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Shape != tt.shape || !got.ExpiresOn.Equal(tt.exp) || got.Tenant != tt.tenant {
				t.Fatalf("got shape %q exp %v tenant %q; want %q %v %q", got.Shape, got.ExpiresOn, got.Tenant, tt.shape, tt.exp, tt.tenant)
			}
		})
	}
}

func TestParseTokenErrorsNeverQuoteTheToken(t *testing.T) {
	for _, in := range []string{
		`{"accessToken":"` + fakeJWT + `","expiresOn":"` + fakeJWT + `"}`,
		`{"accessToken":"` + fakeJWT + `","expires_on":"` + fakeJWT + `"}`,
		`{"accessToken":"` + fakeJWT + `"}`,
		`{"accessToken":"` + fakeJWT + `",`,
	} {
		_, err := ParseToken([]byte(in))
		if err == nil {
			t.Fatalf("no error for %s", in)
		}
		if strings.Contains(err.Error(), fakeJWT[20:40]) {
			t.Fatalf("error leaks the token: %v", err)
		}
	}
}

func TestParseAccount(t *testing.T) {
	tests := []struct {
		name, in    string
		user, typ   string
		tenant, sub string
		wantErr     bool
	}{
		{"user", `{"environmentName":"AzureCloud","id":"sub-1","isDefault":true,"name":"prod","tenantId":"tid","user":{"name":"dev@contoso.example","type":"user"}}`, "dev@contoso.example", "user", "tid", "sub-1", false},
		{"service principal", `{"id":"s","tenantId":"t","user":{"name":"11111111-1111-1111-1111-111111111111","type":"servicePrincipal"}}`, "11111111-1111-1111-1111-111111111111", "servicePrincipal", "t", "s", false},
		{"escapes stripped", "{\"id\":\"s\",\"tenantId\":\"t\",\"user\":{\"name\":\"evil\\u001b[31m@x\",\"type\":\"user\"}}", "evil@x", "user", "t", "s", false},
		{"empty object", `{}`, "", "", "", "", true},
		{"garbage", `Please run 'az login'`, "", "", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAccount([]byte(tt.in))
			if tt.wantErr {
				if err == nil {
					t.Fatal("want error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.UserName != tt.user || a.UserType != tt.typ || a.TenantID != tt.tenant || a.SubscriptionID != tt.sub {
				t.Fatalf("got %+v", a)
			}
		})
	}
}

func TestClassifyFailure(t *testing.T) {
	tests := []struct {
		name   string
		exit   int
		stderr string
		kind   error
		code   string
	}{
		{"not logged in (2.45)", 1, "ERROR: Please run 'az login' to setup account.\n", ErrNotLoggedIn, ""},
		{"no subscription", 1, "ERROR: No subscription found. Run 'az account set' to select a subscription.", ErrNotLoggedIn, ""},
		{"exit 127", 127, "/bin/sh: 1: az: not found", ErrNotInstalled, ""},
		{"refresh failed", 1, "ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nInteractive authentication is needed. Please run:\naz login --scope https://cognitiveservices.azure.com/.default", ErrAADSTS, "AADSTS700082"},
		{"mfa", 1, "ERROR: AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.", ErrAADSTS, "AADSTS50076"},
		{"other", 2, "ERROR: unrecognized arguments: --bogus", ErrFailed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := classifyFailure("az account get-access-token", tt.exit, tt.stderr)
			if !errors.Is(e, tt.kind) || e.Code != tt.code {
				t.Fatalf("got kind %v code %q, want %v %q", e.Kind, e.Code, tt.kind, tt.code)
			}
			if tt.code != "" {
				if n, ok := AADSTSCode(e); !ok || "AADSTS"+strconv.Itoa(n) != tt.code {
					t.Fatalf("AADSTSCode = %d %v", n, ok)
				}
			}
		})
	}
}

func TestCleanTextMasksTokensAndEscapes(t *testing.T) {
	in := "ERROR: bad token " + fakeJWT + " \x1b]52;c;ZXZpbA==\x07end" + strings.Repeat("x", 2000)
	got := cleanText(in)
	if strings.Contains(got, fakeJWT) || strings.Contains(got, "\x1b") || strings.Contains(got, "ZXZpbA") {
		t.Fatalf("not cleaned: %q", got[:120])
	}
	if !strings.Contains(got, "eyJhbG…(") {
		t.Fatalf("token not masked as prefix+length: %q", got[:120])
	}
	if len(got) > maxStderr+4 {
		t.Fatalf("not shortened: %d bytes", len(got))
	}
}

func FuzzParseToken(f *testing.F) {
	for _, s := range []string{
		`{"accessToken":"a.b.c","expiresOn":"2026-01-02 03:04:05.000000","tenant":"t"}`,
		`{"accessToken":"a.b.c","expires_on":1767323045}`,
		`{"accessToken":"a.b.c","expires_on":"1767323045"}`,
		`{"accessToken":"a.b.c","expires_on":1e10}`,
		`{"accessToken":"","expires_on":1}`,
		`[]`, `null`, ``, `{`, `{"accessToken":"a","expiresOn":"9999-99-99 99:99:99"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := ParseToken(data)
		if err != nil {
			if tok != (Token{}) {
				t.Fatalf("token returned with error %v", err)
			}
			return
		}
		if tok.AccessToken == "" || tok.ExpiresOn.IsZero() || (tok.Shape != ShapeLegacy && tok.Shape != ShapeExpiresOn) {
			t.Fatalf("incomplete token without error: %+v", tok)
		}
	})
}

func FuzzParseAccount(f *testing.F) {
	f.Add([]byte(`{"id":"s","tenantId":"t","user":{"name":"u","type":"user"}}`))
	f.Add([]byte(`{"user":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAccount(data)
		if err != nil {
			return
		}
		for _, v := range []string{a.UserName, a.UserType, a.TenantID, a.SubscriptionID, a.SubscriptionName, a.Environment} {
			if strings.ContainsAny(v, "\x1b\n\r\x07") {
				t.Fatalf("control characters kept: %q", v)
			}
		}
	})
}
