package azcli

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// Kinds of failure. Match them with errors.Is on the error an az call returns.
var (
	// ErrNotInstalled: the az executable was not found (or the shell said exit 127).
	ErrNotInstalled = errors.New("the Azure CLI (az) is not installed or not on PATH")
	// ErrNotLoggedIn: az runs but has no signed-in account ("Please run 'az login'").
	ErrNotLoggedIn = errors.New("the Azure CLI is not logged in")
	// ErrAADSTS: Entra ID refused az's token request; Error.Code holds the AADSTS code.
	ErrAADSTS = errors.New("the Azure CLI's token request was refused by Entra ID")
	// ErrTimeout: az did not finish before its deadline and was killed.
	ErrTimeout = errors.New("the Azure CLI did not answer in time")
	// ErrFailed: az exited non-zero for another reason; Error.Stderr says why.
	ErrFailed = errors.New("the Azure CLI failed")
	// ErrBadOutput: az exited 0 but printed something that is not the expected JSON.
	ErrBadOutput = errors.New("the Azure CLI printed unexpected output")
	// ErrBadInput: the options cannot form a valid az command.
	ErrBadInput = errors.New("invalid Azure CLI options")
)

// Error is a failed az call. It never holds a token: stderr is sanitized, shortened and any
// JWT-looking text in it is masked.
type Error struct {
	Kind     error  // one of the Err* values above
	Command  string // the command line, for display (holds no secret)
	ExitCode int    // -1 when az did not exit by itself
	Code     string // AADSTS code ("AADSTS50076") when Entra said one
	Stderr   string // sanitized and shortened stderr (or the parse problem for ErrBadOutput)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.Error())
	if e.Command != "" {
		b.WriteString(" (")
		b.WriteString(e.Command)
		b.WriteString(")")
	}
	if e.Stderr != "" {
		b.WriteString(": ")
		b.WriteString(e.Stderr)
	}
	return b.String()
}

// Unwrap lets errors.Is match the kind.
func (e *Error) Unwrap() error { return e.Kind }

var (
	aadstsRe = regexp.MustCompile(`AADSTS(\d{4,9})`)
	jwtRe    = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
)

// maxStderr bounds the stderr text kept in an Error.
const maxStderr = 800

// classifyFailure maps a non-zero exit of az to an Error.
func classifyFailure(command string, exitCode int, stderr string) *Error {
	text := cleanText(stderr)
	e := &Error{Kind: ErrFailed, Command: command, ExitCode: exitCode, Stderr: text}
	low := strings.ToLower(stderr)
	switch {
	case exitCode == 127 || strings.Contains(low, "az: not found") || strings.Contains(low, "command not found"):
		e.Kind = ErrNotInstalled
	case aadstsRe.MatchString(stderr):
		e.Kind = ErrAADSTS
		e.Code = "AADSTS" + aadstsRe.FindStringSubmatch(stderr)[1]
	case strings.Contains(low, "please run 'az login'"), strings.Contains(low, "please run \"az login\""),
		strings.Contains(low, "run 'az login' to setup account"), strings.Contains(low, "no subscription found"):
		e.Kind = ErrNotLoggedIn
	}
	return e
}

// AADSTSCode returns the numeric AADSTS code in err, if it is an az Error that names one.
func AADSTSCode(err error) (int, bool) {
	var e *Error
	if !errors.As(err, &e) || e.Code == "" {
		return 0, false
	}
	n, convErr := strconv.Atoi(strings.TrimPrefix(e.Code, "AADSTS"))
	return n, convErr == nil
}

// cleanText makes az output safe to keep: tokens masked, escapes stripped, shortened.
func cleanText(s string) string {
	s = maskTokens(s)
	s = sanitize.Text(s)
	s = strings.TrimSpace(s)
	if len(s) > maxStderr {
		cut := maxStderr
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }

// maskTokens replaces anything that looks like a JWT with its first 6 characters and length.
func maskTokens(s string) string {
	return jwtRe.ReplaceAllStringFunc(s, func(t string) string {
		return t[:6] + "…(" + strconv.Itoa(len(t)) + " chars)"
	})
}
