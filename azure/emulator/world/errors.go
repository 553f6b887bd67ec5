package world

import (
	"errors"
	"fmt"
	"strings"
)

var errDurationType = errors.New(`a duration must be a string such as "5m" or "90s"`)

type durationError struct{ s string }

func (e *durationError) Error() string {
	return fmt.Sprintf("%q is not a duration (use Go duration strings such as \"5m\", \"90s\", \"1h30m\")", e.s)
}

// Sentinels that AddRoleAssignment's errors wrap, so ARM handlers can pick the right code.
var (
	ErrPrincipalNotFound    = errors.New("principal not found")
	ErrRoleNotFound         = errors.New("role definition not found")
	ErrInvalidScope         = errors.New("invalid scope")
	ErrRoleAssignmentExists = errors.New("role assignment already exists")
)

// Error is one problem in a world: the field path (accounts[0].kind) and what is wrong with it.
// Its text is always a single line.
type Error struct {
	Path string
	Msg  string
	kind error // one of the sentinels, or nil
}

func (e *Error) Error() string {
	msg := oneLine(e.Msg)
	if e.Path == "" {
		return msg
	}
	return e.Path + ": " + msg
}

// Unwrap exposes the sentinel, if any.
func (e *Error) Unwrap() error { return e.kind }

func errorf(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// under prefixes err's path with prefix (a field path such as role_assignments[2]).
func under(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return &Error{Path: joinPath(prefix, e.Path), Msg: e.Msg, kind: e.kind}
	}
	return &Error{Path: prefix, Msg: err.Error()}
}

func joinPath(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasPrefix(b, "["):
		return a + b
	}
	return a + "." + b
}

// oneLine folds any line breaks so an error stays on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return strings.Join(f, "; ")
}
