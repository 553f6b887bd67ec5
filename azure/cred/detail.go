package cred

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// maxDetail bounds a Link's Detail.
const maxDetail = 320

// envSets are the variable combinations EnvironmentCredential accepts.
var envVars = []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_USERNAME", "AZURE_PASSWORD"}

// unavailableDetail explains why a link could not even start (names of variables only).
func unavailableDetail(name string, opts Options, err error) string {
	switch name {
	case NameEnvironment:
		var set, missing []string
		for _, k := range envVars {
			if opts.getenv(k) != "" {
				set = append(set, k)
			}
		}
		if len(set) == 0 {
			return "not configured: none of AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USERNAME+AZURE_PASSWORD) is set"
		}
		for _, k := range []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID"} {
			if opts.getenv(k) == "" {
				missing = append(missing, k)
			}
		}
		if opts.getenv("AZURE_CLIENT_SECRET") == "" && opts.getenv("AZURE_CLIENT_CERTIFICATE_PATH") == "" && opts.getenv("AZURE_USERNAME") == "" {
			missing = append(missing, "AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)")
		} else if opts.getenv("AZURE_USERNAME") != "" && opts.getenv("AZURE_PASSWORD") == "" && opts.getenv("AZURE_CLIENT_SECRET") == "" && opts.getenv("AZURE_CLIENT_CERTIFICATE_PATH") == "" {
			missing = append(missing, "AZURE_PASSWORD")
		}
		if len(missing) > 0 {
			return "incomplete: " + strings.Join(set, ", ") + " set; missing " + strings.Join(missing, ", ")
		}
	case NameWorkloadIdentity:
		var missing []string
		if firstNonEmpty(opts.ClientID, opts.getenv("AZURE_CLIENT_ID")) == "" {
			missing = append(missing, "AZURE_CLIENT_ID")
		}
		if firstNonEmpty(opts.Tenant, opts.getenv("AZURE_TENANT_ID")) == "" {
			missing = append(missing, "AZURE_TENANT_ID")
		}
		if opts.getenv("AZURE_FEDERATED_TOKEN_FILE") == "" {
			missing = append(missing, "AZURE_FEDERATED_TOKEN_FILE")
		}
		if len(missing) > 0 {
			return "not configured: " + strings.Join(missing, ", ") + " not set"
		}
	}
	return summarize(err)
}

var (
	aadstsRe   = regexp.MustCompile(`AADSTS\d{4,9}`)
	tsgLinkRe  = regexp.MustCompile(`\s*To troubleshoot, visit https://aka\.ms/\S+`)
	jwtRe      = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	dividerRe  = regexp.MustCompile(`-{10,}`)
	errorDescR = regexp.MustCompile(`"error_description"\s*:\s*"((?:[^"\\]|\\.)*)"`)
	errorCodeR = regexp.MustCompile(`"error"\s*:\s*"([a-z_]+)"`)
	statusRe   = regexp.MustCompile(`RESPONSE (\d{3})`)
)

// failureDetail explains a failed GetToken in one short line.
func failureDetail(name string, err error) string {
	text := err.Error()
	low := strings.ToLower(text)
	switch name {
	case NameAzureCLI:
		switch {
		case strings.Contains(low, "executable not found") || strings.Contains(low, "az: not found"):
			return "az not found on PATH"
		case strings.Contains(low, "az login") && !aadstsRe.MatchString(text):
			return "az not logged in (run az login)"
		}
	case NameAzureDevCLI:
		switch {
		case strings.Contains(low, "executable not found") || strings.Contains(low, "azd: not found"):
			return "azd not found on PATH"
		case strings.Contains(low, "azd auth login"):
			return "azd not logged in (run azd auth login)"
		}
	}
	return summarize(err)
}

// summarize shortens an azidentity error: Entra's error_description when there is one,
// otherwise the first meaningful lines; no troubleshooting links, no tokens, no escapes.
func summarize(err error) string {
	if err == nil {
		return ""
	}
	text := err.Error()
	if m := errorDescR.FindStringSubmatch(text); m != nil {
		desc, uerr := strconv.Unquote(`"` + m[1] + `"`)
		if uerr != nil {
			desc = m[1]
		}
		// Entra appends trace and correlation IDs on new lines; keep the sentence.
		if i := strings.Index(desc, "Trace ID:"); i > 0 {
			desc = desc[:i]
		}
		prefix := ""
		if s := statusRe.FindStringSubmatch(text); s != nil {
			prefix = "HTTP " + s[1] + " "
		}
		if c := errorCodeR.FindStringSubmatch(text); c != nil {
			prefix += c[1] + ": "
		}
		return clip(prefix + desc)
	}
	text = tsgLinkRe.ReplaceAllString(text, "")
	text = dividerRe.ReplaceAllString(text, " ")
	// azidentity prints the response body as indented JSON; try to keep it compact.
	if i := strings.Index(text, "{"); i >= 0 {
		var v any
		if json.Unmarshal([]byte(text[i:]), &v) == nil {
			if b, e := json.Marshal(v); e == nil {
				text = text[:i] + string(b)
			}
		}
	}
	return clip(text)
}

func clip(s string) string {
	s = jwtRe.ReplaceAllStringFunc(s, claims.Mask)
	s = sanitize.Line(s)
	if len(s) <= maxDetail {
		return s
	}
	cut := maxDetail
	for cut > 0 && s[cut]&0xc0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// usedDetail describes the token a link produced: whom it is for and for which audience.
func usedDetail(tok string, opts Options) string {
	c, err := claims.Decode(tok)
	if err != nil {
		return "produced a token (not a readable JWT)"
	}
	parts := []string{"signed in as " + sanitize.Line(c.Identity()) + " (" + c.Kind() + ")"}
	if c.Aud != "" {
		parts = append(parts, "audience "+sanitize.Line(c.Aud))
	}
	if !c.Exp.IsZero() {
		left := c.Exp.Sub(opts.now()).Round(time.Minute)
		if left > 0 {
			parts = append(parts, "valid for "+left.String())
		} else {
			parts = append(parts, "already expired")
		}
	}
	return strings.Join(parts, ", ")
}
