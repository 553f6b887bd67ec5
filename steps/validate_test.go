package steps

import (
	"strings"
	"testing"
	"time"
)

// jwt is a readable (unsigned) token for tests.
const jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSIsInRpZCI6InQiLCJvaWQiOiJvIn0.c2ln"

func TestValidate(t *testing.T) {
	good := Config{Endpoint: "https://contoso.openai.azure.com/", Credential: "default", Timeout: 30 * time.Second, Lang: "all"}
	with := func(fn func(*Config)) Config { c := good; fn(&c); return c }
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" = valid
	}{
		{"good", good, ""},
		{"defaults", Config{Endpoint: "https://contoso.openai.azure.com/", Timeout: time.Second}, ""},
		{"token credential", with(func(c *Config) { c.Credential, c.Token = "token", jwt }), ""},
		{"bearer prefix", with(func(c *Config) { c.Credential, c.Token = "token", "Bearer "+jwt }), ""},
		{"every language", with(func(c *Config) { c.Lang = "java" }), ""},
		{"empty endpoint", with(func(c *Config) { c.Endpoint = "" }), "--endpoint"},
		{"endpoint with spaces", with(func(c *Config) { c.Endpoint = "https://a b" }), "--endpoint"},
		{"endpoint not a URL", with(func(c *Config) { c.Endpoint = "https://" }), "--endpoint"},
		{"unknown credential", with(func(c *Config) { c.Credential = "password" }), "--credential \"password\""},
		{"token without token", with(func(c *Config) { c.Credential = "token" }), "--token"},
		{"token not a JWT", with(func(c *Config) { c.Credential, c.Token = "token", "abc" }), "--token"},
		{"api key as token", with(func(c *Config) { c.Credential, c.Token = "token", strings.Repeat("a1", 16) }), "API key"},
		{"token with another credential", with(func(c *Config) { c.Credential, c.Token = "cli", jwt }), "--token is only used"},
		{"zero timeout", with(func(c *Config) { c.Timeout = 0 }), "--timeout"},
		{"negative timeout", with(func(c *Config) { c.Timeout = -time.Second }), "--timeout"},
		{"unknown lang", with(func(c *Config) { c.Lang = "rust" }), "--lang \"rust\""},
		{"escape in credential", with(func(c *Config) { c.Credential = "\x1b[31mx" }), "--credential"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("no error, want one containing %q", tt.want)
			case err != nil:
				msg := err.Error()
				if !strings.Contains(msg, tt.want) {
					t.Errorf("error %q does not contain %q", msg, tt.want)
				}
				if strings.ContainsAny(msg, "\n\x1b") {
					t.Errorf("error is not one clean line: %q", msg)
				}
			}
		})
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"https://x.openai.azure.com/", "", "http://[::1", "x y", "\x1b]52;c;x\x07"} {
		f.Add(s, "default", "abc", "all")
	}
	f.Fuzz(func(t *testing.T, endpoint, credential, token, lang string) {
		err := Validate(Config{Endpoint: endpoint, Credential: credential, Token: token, Lang: lang, Timeout: time.Second})
		if err != nil && strings.Contains(err.Error(), "\x1b") {
			t.Errorf("escape in error: %q", err)
		}
	})
}
