package arm

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// Codes the client itself sets on an Error (Resource Manager's own codes pass through).
const (
	CodeTokenUnavailable = "TokenUnavailable" // no Resource Manager token could be obtained
	CodeTransport        = "Transport"        // the request did not get an HTTP response
	CodeBadResponse      = "BadResponse"      // the response could not be read
	CodeNotFound         = "AccountNotFound"  // FindAccount found no account for the host
	CodeAmbiguous        = "AccountAmbiguous" // FindAccount found several accounts for the host
	CodeBadInput         = "BadInput"         // an argument was not a valid ID or host
)

// ErrNotFound is matched (errors.Is) by an Error whose account or resource does not exist or is not visible.
var ErrNotFound = errors.New("not found")

// Error is a failed Resource Manager call. Message is sanitized server text (or ours).
type Error struct {
	Status  int    // HTTP status; 0 when there was no response
	Code    string // ARM error code (AuthorizationFailed, ...) or one of the Code* constants
	Message string
	Method  string
	Path    string // request path (no query, no secrets)
	Err     error  // underlying error for CodeTokenUnavailable and CodeTransport
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("Resource Manager")
	if e.Method != "" {
		fmt.Fprintf(&b, " %s %s", e.Method, e.Path)
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, ": %d", e.Status)
	} else {
		b.WriteString(":")
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// Unwrap exposes the underlying token or transport error.
func (e *Error) Unwrap() error { return e.Err }

// Is matches ErrNotFound.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && (e.Status == http.StatusNotFound || e.Code == CodeNotFound)
}

// IsForbidden reports a refused Resource Manager call (403 / AuthorizationFailed): the identity
// may not read this, so the check "could not verify" rather than failed.
func IsForbidden(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Status == http.StatusForbidden || strings.EqualFold(e.Code, "AuthorizationFailed")
}

// IsAuth reports that Resource Manager refused the token itself (401: invalid, expired, wrong
// tenant) or that no Resource Manager token could be obtained.
func IsAuth(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Status == http.StatusUnauthorized || e.Code == CodeTokenUnavailable ||
		strings.HasPrefix(e.Code, "InvalidAuthenticationToken") || e.Code == "ExpiredAuthenticationToken"
}

// IsNotFound reports a missing (or invisible) resource.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// parseError reads Resource Manager's error body ({"error":{"code","message"}}, or a bare
// {"code","message"}) into an Error.
func parseError(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, Status: status}
	var env struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &env) == nil {
		if env.Error != nil {
			e.Code, e.Message = env.Error.Code, env.Error.Message
		} else {
			e.Code, e.Message = env.Code, env.Message
		}
	}
	if e.Code == "" && e.Message == "" {
		e.Message = string(body)
	}
	e.Code = shorten(e.Code, 80)
	e.Message = shorten(e.Message, 600)
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// shorten sanitizes server text to one line of at most n bytes.
func shorten(s string, n int) string {
	s = sanitize.Line(s)
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xc0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
