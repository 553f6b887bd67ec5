// Package azcli runs the Azure CLI (az) the way the diagnosis needs it: to get a token as
// AzureCLICredential would, and to see who az is signed in as. Every call has its own deadline,
// failures come back as typed errors, and no token ever appears in an error.
package azcli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Options says how to run az.
type Options struct {
	AzPath       string        // executable; "" = "az" on the PATH of Env
	Resource     string        // v1 resource for --resource (what azidentity sends), e.g. https://cognitiveservices.azure.com
	Scope        string        // v2 scope for --scope; used only when Resource is empty
	Tenant       string        // --tenant; cannot be combined with Subscription
	Subscription string        // --subscription
	Env          []string      // KEY=VALUE environment of az; nil = this process's environment
	Timeout      time.Duration // per call; 0 = DefaultTimeout. The context's deadline also applies.
}

// Shapes of `az account get-access-token` output.
const (
	ShapeLegacy    = "2.45"       // expiresOn only, local time "2006-01-02 15:04:05.999999"
	ShapeExpiresOn = "expires_on" // newer CLIs: also expires_on, unix seconds
)

// Token is what az printed. AccessToken is a secret: never print or log it whole.
type Token struct {
	AccessToken  string
	ExpiresOn    time.Time
	Tenant       string
	Subscription string
	TokenType    string
	Shape        string // ShapeLegacy or ShapeExpiresOn
}

// tokenArgs returns the az arguments GetAccessToken runs for o.
func (o Options) tokenArgs() ([]string, error) {
	args := []string{"account", "get-access-token", "-o", "json"}
	switch {
	case o.Resource != "":
		args = append(args, "--resource", o.Resource)
	case o.Scope != "":
		args = append(args, "--scope", o.Scope)
	default:
		return nil, &Error{Kind: ErrBadInput, ExitCode: -1, Stderr: "set a resource (e.g. https://cognitiveservices.azure.com) or a scope"}
	}
	if o.Tenant != "" && o.Subscription != "" {
		return nil, &Error{Kind: ErrBadInput, ExitCode: -1, Stderr: "az accepts a tenant or a subscription, not both"}
	}
	for _, v := range []string{o.Resource, o.Scope, o.Tenant, o.Subscription} {
		if strings.ContainsAny(v, "\x00\n\r") || strings.HasPrefix(v, "-") {
			return nil, &Error{Kind: ErrBadInput, ExitCode: -1, Stderr: fmt.Sprintf("%q is not a valid argument for az", v)}
		}
	}
	if o.Tenant != "" {
		args = append(args, "--tenant", o.Tenant)
	}
	if o.Subscription != "" {
		args = append(args, "--subscription", o.Subscription)
	}
	return args, nil
}

// GetAccessToken runs `az account get-access-token --resource <aud> -o json [--tenant <t>]`.
// Errors are *Error; test them with errors.Is(err, ErrNotLoggedIn) and friends.
func GetAccessToken(ctx context.Context, opts Options) (Token, error) {
	args, err := opts.tokenArgs()
	if err != nil {
		return Token{}, err
	}
	out, err := run(ctx, opts, args)
	if err != nil {
		return Token{}, err
	}
	tok, err := ParseToken(out)
	if err != nil {
		return Token{}, &Error{Kind: ErrBadOutput, Command: "az " + strings.Join(args, " "), Stderr: err.Error()}
	}
	return tok, nil
}

// ParseToken reads both output shapes of `az account get-access-token -o json`: 2.45's
// expiresOn (local time) and newer CLIs' expires_on (unix seconds, preferred, as azidentity does).
// Errors never quote the token.
func ParseToken(data []byte) (Token, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return Token{}, fmt.Errorf("az printed nothing (expected a JSON object with accessToken)")
	}
	var raw struct {
		AccessToken  *string         `json:"accessToken"`
		ExpiresOn    *string         `json:"expiresOn"`
		ExpiresOnNum json.RawMessage `json:"expires_on"`
		Tenant       string          `json:"tenant"`
		Subscription string          `json:"subscription"`
		TokenType    string          `json:"tokenType"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return Token{}, fmt.Errorf("az output is not the expected JSON object: %s", describeJSONError(err))
	}
	if raw.AccessToken == nil || strings.TrimSpace(*raw.AccessToken) == "" {
		return Token{}, fmt.Errorf("az output has no accessToken")
	}
	t := Token{AccessToken: *raw.AccessToken, Tenant: raw.Tenant, Subscription: raw.Subscription, TokenType: raw.TokenType}
	if secs, ok, err := epoch(raw.ExpiresOnNum); err != nil {
		return Token{}, err
	} else if ok {
		t.ExpiresOn = time.Unix(secs, 0).UTC()
		t.Shape = ShapeExpiresOn
		return t, nil
	}
	if raw.ExpiresOn == nil || *raw.ExpiresOn == "" {
		return Token{}, fmt.Errorf("az output has neither expires_on nor expiresOn")
	}
	exp, err := time.ParseInLocation("2006-01-02 15:04:05.999999", *raw.ExpiresOn, time.Local)
	if err != nil {
		return Token{}, fmt.Errorf("az output has an expiresOn %q that is not in the form 2006-01-02 15:04:05.999999", shorten(*raw.ExpiresOn, 40))
	}
	t.ExpiresOn = exp.UTC()
	t.Shape = ShapeLegacy
	return t, nil
}

// epoch reads expires_on as a JSON number or numeric string; absent, null or 0 = not present.
func epoch(m json.RawMessage) (int64, bool, error) {
	s := strings.TrimSpace(string(m))
	if s == "" || s == "null" {
		return 0, false, nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		s = unq
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f < 0 || f > 1e11 {
			return 0, false, fmt.Errorf("az output has an expires_on %q that is not unix seconds", shorten(s, 40))
		}
		n = int64(f)
	}
	if n == 0 {
		return 0, false, nil
	}
	if n < 0 || n > 1e11 {
		return 0, false, fmt.Errorf("az output has an expires_on %d out of range", n)
	}
	return n, true, nil
}

func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case asErr(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case asErr(err, &te):
		return fmt.Sprintf("field %s has the wrong type (%s)", te.Field, te.Value)
	}
	return "unreadable JSON"
}

func shorten(s string, n int) string {
	s = cleanText(s)
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
