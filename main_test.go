package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCmd runs the command line in-process and returns exit code, stdout and stderr.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // a fragment of the one-line message
	}{
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"endpoint not a url", []string{"check", "--endpoint", "::not a url", "--timeout", "5s"}, "endpoint"},
		{"unknown credential", []string{"check", "--endpoint", "https://x.openai.azure.com/", "--credential", "magic"}, "credential"},
		{"token not a jwt", []string{"check", "--endpoint", "https://x.openai.azure.com/", "--credential", "token", "--token", "abc"}, "token"},
		{"zero timeout", []string{"check", "--endpoint", "https://x.openai.azure.com/", "--timeout", "0s"}, "--timeout"},
		{"bad output", []string{"check", "--endpoint", "https://x.openai.azure.com/", "--output", "xml"}, "--output"},
		{"unknown flag", []string{"check", "--frob"}, "frob"},
		{"missing token file", []string{"check", "--endpoint", "https://x.openai.azure.com/", "--token-file", "/nonexistent/t"}, "token-file"},
		{"unknown scenario", []string{"demo", "no-such-world", "--output", "json"}, "no-such-world"},
		{"explain nothing", []string{"explain", "--status", "abc"}, "status"},
		{"token not a jwt offline", []string{"token", "not-a-token"}, "JWT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, "", tt.args...)
			if code != exitUsage {
				t.Fatalf("exit = %d, want 2; stderr: %s", code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if len(lines) != 1 {
				t.Fatalf("want one line, got %d:\n%s", len(lines), stderr)
			}
			if !strings.Contains(strings.ToLower(stderr), strings.ToLower(tt.want)) {
				t.Fatalf("message %q lacks %q", stderr, tt.want)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Fatalf("stack trace in: %s", stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCmd(t, "", "version")
	if code != 0 || !strings.Contains(out, "aoai-doctor") || !strings.Contains(out, "go1") {
		t.Fatalf("version: code %d out %q", code, out)
	}
}

func TestDemoList(t *testing.T) {
	code, out, _ := runCmd(t, "", "demo", "--list")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 25 {
		t.Fatalf("want at least 24 scenarios, got %d lines", len(lines)-1)
	}
	if !strings.Contains(out, "missing-data-role") || !strings.Contains(out, "healthy") {
		t.Fatalf("list lacks expected causes:\n%s", out)
	}
}
