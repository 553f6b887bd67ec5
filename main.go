// Command aoai-doctor finds out why a call to Azure OpenAI or Microsoft Foundry fails with
// Microsoft Entra ID (keyless) authentication, and prints the exact fix.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes of DESIGN.md.
const (
	exitHealthy      = 0
	exitProblem      = 1
	exitUsage        = 2
	exitInconclusive = 3
)

// usageError is bad input: the message says what was wrong and what to do; exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

// exitError carries an exit code without a message (the output already said it).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	startup()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr})
	stop()
	os.Exit(code)
}

// stdio is the program's standard streams, replaceable in tests.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

func run(ctx context.Context, args []string, io stdio) int {
	err := dispatch(ctx, args, io)
	var ue *usageError
	var ee *exitError
	switch {
	case err == nil:
		return exitHealthy
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(io.err, "aoai-doctor: %s\n", ue.msg)
		return exitUsage
	case errors.Is(err, errHelp):
		return exitHealthy
	default:
		fmt.Fprintf(io.err, "aoai-doctor: %v\n", err)
		return exitInconclusive
	}
}

func dispatch(ctx context.Context, args []string, io stdio) error {
	if len(args) == 0 {
		return cmdDefault(ctx, nil, io)
	}
	switch args[0] {
	case "check":
		return cmdCheck(ctx, args[1:], io)
	case "explain":
		return cmdExplain(ctx, args[1:], io)
	case "token":
		return cmdToken(ctx, args[1:], io)
	case "demo":
		return cmdDemo(ctx, args[1:], io)
	case "emulator":
		return cmdEmulator(ctx, args[1:], io)
	case "version", "--version":
		return cmdVersion(io)
	case "help", "-h", "--help":
		fmt.Fprint(io.out, topUsage)
		return nil
	}
	if len(args[0]) > 0 && args[0][0] == '-' {
		return cmdDefault(ctx, args, io)
	}
	return usagef("unknown command %q; run 'aoai-doctor help' for the list", args[0])
}

const topUsage = `aoai-doctor: why does my Entra ID (keyless) call to Azure OpenAI / Foundry fail?

Usage:
  aoai-doctor [flags]                 the interactive doctor (or 'check' when not on a terminal)
  aoai-doctor check [flags]           diagnose without a terminal: --output text|json|markdown
  aoai-doctor explain [TEXT|-]        classify an error message (offline)
  aoai-doctor token [JWT|-]           decode a token's claims and lint them (offline)
  aoai-doctor demo [SCENARIO]         practise on a broken world in the built-in emulator
  aoai-doctor demo --list             list the scenarios
  aoai-doctor emulator serve --world FILE|SCENARIO
                                      run the emulator on loopback for other tools
  aoai-doctor version

Exit codes: 0 healthy, 1 a problem was found, 2 usage error, 3 inconclusive.
Run 'aoai-doctor COMMAND -h' for a command's flags.
`
