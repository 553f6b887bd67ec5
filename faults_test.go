//go:build emulator

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator/scenarios"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/world"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README's reliability table from the fault matrix")

// faultCase is one injected fault.
type faultCase struct {
	name  string
	fault world.Fault
}

var faultKinds = []faultCase{
	{"2 s latency", world.Fault{Kind: "latency", Latency: world.Duration{Duration: 2 * time.Second}}},
	{"hang", world.Fault{Kind: "hang"}},
	{"connection reset", world.Fault{Kind: "reset"}},
	{"500", world.Fault{Kind: "status", Status: 500}},
	{"429 + Retry-After", world.Fault{Kind: "status", Status: 429, RetryAfter: 1}},
	{"garbage body", world.Fault{Kind: "garbage"}},
	{"untrusted TLS", world.Fault{Kind: "untrusted-tls"}},
	{"proxy refuses", world.Fault{Kind: "refuse"}},
}

// faultServices maps each emulated service to a healthy world that exercises it and the words
// that name it in plain language.
var faultServices = []struct {
	service, world string
	words          []string
}{
	{"entra", "healthy-service-principal", []string{"entra", "login.microsoftonline.com", "sign-in", "token"}},
	{"arm", "healthy-cli", []string{"resource manager", "management.azure.com", "arm"}},
	{"data", "healthy-cli", []string{"openai.azure.com", "data plane", "data-plane", "endpoint"}},
	{"imds", "healthy-managed-identity", []string{"managed identity", "identity endpoint", "imds"}},
	{"cli", "healthy-cli", []string{"azure cli", "az "}},
}

type faultRow struct {
	service, fault string
	code           int
	elapsed        time.Duration
	cause          string
	named          bool
	stepsReported  int
	problem        string
}

// TestFaultMatrix injects every fault into every service of a healthy world and runs the real
// binary's diagnosis: each run must end within --timeout + 1 s, exit 0, 1 or 3, name the
// failing service, and still report the unaffected steps.
func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("fault matrix skipped in -short mode")
	}
	bin := binary(t)
	const timeout = 6 * time.Second
	dir := t.TempDir()
	var (
		mu   sync.Mutex
		rows []faultRow
		wg   sync.WaitGroup
		sem  = make(chan struct{}, 4)
	)
	for _, svc := range faultServices {
		for _, fk := range faultKinds {
			w, err := scenarios.Get(svc.world)
			if err != nil {
				t.Fatal(err)
			}
			f := fk.fault
			f.Service = svc.service
			w.Faults = append(w.Faults, f)
			b, err := json.Marshal(w)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%s.json", svc.service, strings.NewReplacer(" ", "-", "+", "", "/", "").Replace(fk.name)))
			if err := os.WriteFile(file, b, 0o600); err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func(service, fault, file string, words []string) {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				row := runFaultCase(bin, file, timeout, words)
				row.service, row.fault = service, fault
				mu.Lock()
				rows = append(rows, row)
				mu.Unlock()
			}(svc.service, fk.name, file, svc.words)
		}
	}
	wg.Wait()
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].service != rows[j].service {
			return serviceOrder(rows[i].service) < serviceOrder(rows[j].service)
		}
		return faultOrder(rows[i].fault) < faultOrder(rows[j].fault)
	})
	for _, r := range rows {
		switch {
		case r.problem != "":
			t.Errorf("%s / %s: %s", r.service, r.fault, r.problem)
		case r.elapsed > timeout+time.Second:
			t.Errorf("%s / %s: took %v, over --timeout %v + 1 s", r.service, r.fault, r.elapsed, timeout)
		case r.code != 0 && r.code != 1 && r.code != 3:
			t.Errorf("%s / %s: exit %d, want 0, 1 or 3", r.service, r.fault, r.code)
		case r.code != 0 && !r.named:
			t.Errorf("%s / %s: the output does not name the failing service", r.service, r.fault)
		case r.stepsReported < 6:
			t.Errorf("%s / %s: only %d steps reported", r.service, r.fault, r.stepsReported)
		}
	}
	table := faultTable(rows, timeout)
	t.Log("\n" + table)
	if *updateReadme {
		if err := replaceSection("README.md", "<!-- fault-matrix:start -->", "<!-- fault-matrix:end -->", table); err != nil {
			t.Fatal(err)
		}
	}
}

func serviceOrder(s string) int {
	for i, v := range faultServices {
		if v.service == s {
			return i
		}
	}
	return 99
}

func faultOrder(f string) int {
	for i, v := range faultKinds {
		if v.name == f {
			return i
		}
	}
	return 99
}

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")

func runFaultCase(bin, file string, timeout time.Duration, words []string) faultRow {
	cmd := exec.Command(bin, "demo", "--world", file, "--output", "json", "--timeout", timeout.String())
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return faultRow{problem: err.Error()}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(timeout + 20*time.Second):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return faultRow{elapsed: time.Since(start), problem: "still running long after --timeout (killed)"}
	}
	row := faultRow{elapsed: time.Since(start), code: cmd.ProcessState.ExitCode()}
	if err != nil && row.code < 0 {
		row.problem = err.Error()
	}
	if strings.Contains(errb.String(), "panic:") || strings.Contains(errb.String(), "goroutine ") {
		row.problem = "panic or stack trace on stderr"
	}
	var rep struct {
		Steps []struct {
			Status string `json:"status"`
		} `json:"steps"`
		Verdict struct {
			Cause string `json:"cause"`
		} `json:"verdict"`
	}
	if jerr := json.Unmarshal([]byte(out.String()), &rep); jerr != nil {
		if row.problem == "" {
			row.problem = fmt.Sprintf("output is not the JSON report: %v (stderr: %s)", jerr, firstLine(errb.String()))
		}
		return row
	}
	row.cause = rep.Verdict.Cause
	row.stepsReported = len(rep.Steps)
	text := strings.ToLower(ansiRE.ReplaceAllString(out.String(), ""))
	for _, w := range words {
		if strings.Contains(text, w) {
			row.named = true
		}
	}
	return row
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func faultTable(rows []faultRow, timeout time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Generated by `scripts/fault-matrix` (each run: `aoai-doctor demo --world <healthy world + fault> --output json --timeout %s`).\n\n", timeout)
	b.WriteString("| service | fault | exit | verdict | wall time | failing service named | steps reported |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		named := "yes"
		if !r.named {
			named = "no"
		}
		if r.code == 0 {
			named = "n/a (healthy)"
		}
		if r.problem != "" {
			named = "problem: " + r.problem
		}
		fmt.Fprintf(&b, "| %s | %s | %d | `%s` | %.2f s | %s | %d |\n", r.service, r.fault, r.code, r.cause, r.elapsed.Seconds(), named, r.stepsReported)
	}
	return b.String()
}

// replaceSection rewrites the text between two marker lines of a file.
func replaceSection(path, start, end, body string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s lacks the markers %s ... %s", path, start, end)
	}
	s = s[:i+len(start)] + "\n" + body + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
