package steps

import (
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// Credentials are the values of --credential.
var Credentials = []string{"default", "cli", "managed-identity", "service-principal", "workload-identity", "token"}

// Validate reports a usage error (exit code 2) in one line: what was wrong and what to do.
func Validate(cfg Config) error {
	if _, err := endpoint.Parse(cfg.Endpoint); err != nil {
		return fmt.Errorf("--endpoint: %v", err)
	}
	cred := credentialOf(cfg)
	if !contains(Credentials, cred) {
		return fmt.Errorf("--credential %q is not a credential; use one of %s", sanitize.Line(clip(cfg.Credential, 40)), strings.Join(Credentials, ", "))
	}
	switch {
	case cred == "token" && strings.TrimSpace(cfg.Token) == "":
		return fmt.Errorf("--credential token needs the token: pass --token JWT or --token-file FILE")
	case cred == "token":
		if _, err := claims.Decode(cfg.Token); err != nil {
			return fmt.Errorf("--token: %v", err)
		}
	case strings.TrimSpace(cfg.Token) != "":
		return fmt.Errorf("--token is only used with --credential token (got --credential %s); drop one of them", cred)
	}
	if cfg.Timeout <= 0 {
		return fmt.Errorf("--timeout must be positive, e.g. 30s (got %v)", cfg.Timeout)
	}
	if lang := langOf(cfg); lang != "all" && !contains(Languages, lang) {
		return fmt.Errorf("--lang %q is not a language; use one of %s or all", sanitize.Line(clip(cfg.Lang, 40)), strings.Join(Languages, ", "))
	}
	return nil
}

// credentialOf is the configured credential kind ("default" when unset).
func credentialOf(cfg Config) string {
	c := strings.ToLower(strings.TrimSpace(cfg.Credential))
	if c == "" {
		return "default"
	}
	return c
}

// langOf is the configured fix language ("all" when unset).
func langOf(cfg Config) string {
	l := strings.ToLower(strings.TrimSpace(cfg.Lang))
	if l == "" {
		return "all"
	}
	return l
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
