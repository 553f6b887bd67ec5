package azcli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// script writes an executable shell script named az into a temp dir and returns the dir.
func script(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell scripts need a unix shell")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "az"), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRunFailureKinds(t *testing.T) {
	tests := []struct {
		name string
		body string
		kind error
	}{
		{"not logged in", `echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`, ErrNotLoggedIn},
		{"exit 127", `exit 127`, ErrNotInstalled},
		{"aadsts", `echo "ERROR: AADSTS50076: MFA required" >&2; exit 1`, ErrAADSTS},
		{"garbage output", `echo "hello"`, ErrBadOutput},
		{"generic", `echo "ERROR: something" >&2; exit 3`, ErrFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := script(t, tt.body)
			_, err := GetAccessToken(context.Background(), Options{Resource: "https://cognitiveservices.azure.com", Env: []string{"PATH=" + dir}})
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
		})
	}
}

func TestRunArgumentsAndEnv(t *testing.T) {
	dir := script(t, `printf '%s|' "$@" > "$OUT"; echo '{"accessToken":"a.b.c","expires_on":1767323045,"tenant":"t"}'`)
	out := filepath.Join(t.TempDir(), "args")
	tok, err := GetAccessToken(context.Background(), Options{Resource: "https://cognitiveservices.azure.com", Tenant: "tid",
		Env: []string{"PATH=" + dir, "OUT=" + out}})
	if err != nil {
		t.Fatal(err)
	}
	if tok.Shape != ShapeExpiresOn || tok.Tenant != "t" {
		t.Fatalf("tok = %+v", tok)
	}
	args, _ := os.ReadFile(out)
	if want := "account|get-access-token|-o|json|--resource|https://cognitiveservices.azure.com|--tenant|tid|"; string(args) != want {
		t.Fatalf("args = %q, want %q", args, want)
	}
}

func TestBadOptions(t *testing.T) {
	tests := []Options{
		{},
		{Resource: "r", Tenant: "t", Subscription: "s"},
		{Resource: "--debug"},
		{Resource: "r\nx"},
	}
	for _, o := range tests {
		if _, err := GetAccessToken(context.Background(), o); !errors.Is(err, ErrBadInput) {
			t.Fatalf("%+v: err = %v", o, err)
		}
	}
}

func TestNotInstalled(t *testing.T) {
	tests := []Options{
		{Resource: "r", Env: []string{"PATH=" + t.TempDir()}},
		{Resource: "r", AzPath: filepath.Join(t.TempDir(), "nope", "az")},
		{Resource: "r", Env: []string{}},
	}
	for _, o := range tests {
		_, err := GetAccessToken(context.Background(), o)
		if !errors.Is(err, ErrNotInstalled) {
			t.Fatalf("%+v: err = %v", o, err)
		}
	}
}

// A hanging az (and the children it started) is killed at the deadline.
func TestTimeoutKillsProcessGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child")
	dir := script(t, `sleep 30 & echo $! > "$PIDFILE"; echo "WARNING: waiting" >&2; wait`)
	start := time.Now()
	_, err := GetAccessToken(context.Background(), Options{Resource: "r", Timeout: 300 * time.Millisecond,
		Env: []string{"PATH=" + dir + ":/usr/bin:/bin", "PIDFILE=" + pidFile}})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %v", d)
	}
	if !strings.Contains(err.Error(), "killed after 300ms") {
		t.Fatalf("err = %v", err)
	}
	pid, _ := os.ReadFile(pidFile)
	p := strings.TrimSpace(string(pid))
	if p == "" {
		t.Fatal("child pid not recorded")
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		if _, err := os.Stat("/proc/" + p); errors.Is(err, os.ErrNotExist) {
			break
		}
		if stat, _ := os.ReadFile("/proc/" + p + "/stat"); strings.Contains(string(stat), ") Z ") {
			break // zombie: killed, waiting for its reaper
		}
		if time.Now().After(deadline) {
			t.Fatalf("child %s still alive after the deadline", p)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCallerCancellation(t *testing.T) {
	dir := script(t, `sleep 30`)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := GetAccessToken(ctx, Options{Resource: "r", Env: []string{"PATH=" + dir + ":/usr/bin:/bin"}})
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("err = %v", err)
	}
}

func TestGetAccount(t *testing.T) {
	dir := script(t, `echo '{"id":"sub","tenantId":"tid","user":{"name":"dev@contoso.example","type":"user"}}'`)
	a, err := GetAccount(context.Background(), Options{Env: []string{"PATH=" + dir}})
	if err != nil {
		t.Fatal(err)
	}
	if a.UserName != "dev@contoso.example" || a.TenantID != "tid" {
		t.Fatalf("a = %+v", a)
	}
}
