package cred

import (
	"errors"
	"strings"
	"testing"
)

func TestSelection(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"", chainOrder, false},
		{"dev", []string{NameAzureCLI, NameAzureDevCLI, NameAzurePowerShell}, false},
		{"prod", []string{NameEnvironment, NameWorkloadIdentity, NameManagedIdentity}, false},
		{"azureclicredential", []string{NameAzureCLI}, false},
		{"ManagedIdentityCredential", []string{NameManagedIdentity}, false},
		{"Dev", nil, true}, // DefaultAzureCredential compares dev/prod exactly
		{"bogus", nil, true},
	}
	for _, tt := range tests {
		got, err := selection(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("%q: no error", tt.in)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("%q: got %v %v", tt.in, got, err)
			continue
		}
		for _, n := range tt.want {
			if !got[n] {
				t.Errorf("%q: %s not selected", tt.in, n)
			}
		}
	}
}

func TestUnavailableDetailNamesOnly(t *testing.T) {
	env := func(m map[string]string) Options { return Options{Env: m} }
	tests := []struct {
		name string
		link string
		opts Options
		want string
	}{
		{"env none", NameEnvironment, env(map[string]string{}), "not configured"},
		{"env client id only", NameEnvironment, env(map[string]string{"AZURE_CLIENT_ID": "placeholder-value"}), "incomplete: AZURE_CLIENT_ID set; missing AZURE_TENANT_ID, AZURE_CLIENT_SECRET"},
		{"env user without password", NameEnvironment, env(map[string]string{"AZURE_CLIENT_ID": "c", "AZURE_TENANT_ID": "t", "AZURE_USERNAME": "u"}), "missing AZURE_PASSWORD"},
		{"wi missing file", NameWorkloadIdentity, env(map[string]string{"AZURE_CLIENT_ID": "c", "AZURE_TENANT_ID": "t"}), "AZURE_FEDERATED_TOKEN_FILE not set"},
		{"wi tenant from option", NameWorkloadIdentity, Options{Tenant: "t", Env: map[string]string{"AZURE_FEDERATED_TOKEN_FILE": "/f"}}, "AZURE_CLIENT_ID not set"},
	}
	for _, tt := range tests {
		got := unavailableDetail(tt.link, tt.opts, errors.New("x"))
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q does not contain %q", tt.name, got, tt.want)
		}
		if strings.Contains(got, "placeholder-value") {
			t.Errorf("%s: value leaked: %q", tt.name, got)
		}
	}
}

func TestSummarize(t *testing.T) {
	msal := "ClientSecretCredential authentication failed. POST https://login.microsoftonline.com/t/oauth2/v2.0/token\n" +
		"--------------------------------------------------------------------------------\nRESPONSE 401: 401 Unauthorized\n" +
		"--------------------------------------------------------------------------------\n{\n  \"error\": \"invalid_client\",\n  \"error_description\": \"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value. Trace ID: abc Correlation ID: def\",\n  \"error_codes\": [7000215]\n}\n" +
		"--------------------------------------------------------------------------------\nTo troubleshoot, visit https://aka.ms/azsdk/go/identity/troubleshoot#client-secret"
	got := summarize(errors.New(msal))
	if got != "HTTP 401 invalid_client: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value." {
		t.Errorf("got %q", got)
	}
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl"
	got = summarize(errors.New("AzureCLICredential: bad \x1b[31m" + jwt + strings.Repeat(" long", 200) + " To troubleshoot, visit https://aka.ms/azsdk/go/identity/troubleshoot#azure-cli"))
	if strings.Contains(got, jwt) || strings.ContainsRune(got, 0x1b) || len(got) > maxDetail+4 || strings.Contains(got, "aka.ms") {
		t.Errorf("not cleaned: %q", got)
	}
}

func TestFailureDetailCLI(t *testing.T) {
	tests := map[string]string{
		"AzureCLICredential: executable not found on path":                                                        "az not found on PATH",
		"AzureCLICredential: ERROR: Please run 'az login' to setup account.":                                      "az not logged in (run az login)",
		"AzureCLICredential: ERROR: AADSTS700082: The refresh token has expired. Please run:\naz login --scope x": "AADSTS700082",
	}
	for in, want := range tests {
		if got := failureDetail(NameAzureCLI, errors.New(in)); !strings.Contains(got, want) {
			t.Errorf("%q -> %q, want %q", in, got, want)
		}
	}
}

func TestBadKindAndStaticToken(t *testing.T) {
	r := Acquire(t.Context(), Options{Kind: "magic"})
	if !errors.Is(r.Err, ErrBadKind) || !strings.Contains(r.Err.Error(), "service-principal") {
		t.Fatalf("err = %v", r.Err)
	}
	r = Acquire(t.Context(), Options{Kind: KindToken, Token: "   "})
	if r.Err == nil || r.Links[0].Status != StatusFailed {
		t.Fatalf("empty token: %+v", r)
	}
	r = TokenFor(t.Context(), Options{Kind: KindToken, Token: "a.b.c"}, "https://management.azure.com/.default")
	if r.Err == nil || r.Token != "" {
		t.Fatalf("static token exchanged: %+v", r)
	}
}

func TestDisableDiscovery(t *testing.T) {
	tests := []struct {
		opts Options
		want bool
	}{
		{Options{Env: map[string]string{}}, false},
		{Options{Cloud: "usgov"}, false},
		{Options{Env: map[string]string{"AZURE_AUTHORITY_HOST": "https://login.microsoftonline.us/"}}, false},
		{Options{Env: map[string]string{"AZURE_AUTHORITY_HOST": "https://127.0.0.1:8443/"}}, true},
		{Options{Env: map[string]string{"AZURE_AUTHORITY_HOST": "https://adfs.contoso.example/"}}, true},
	}
	for _, tt := range tests {
		if got := disableDiscovery(tt.opts); got != tt.want {
			t.Errorf("%+v: got %v", tt.opts, got)
		}
	}
}
