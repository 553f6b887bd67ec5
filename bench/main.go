//go:build emulator

// Command bench measures aoai-doctor against the emulator and against the manual az workflow,
// and writes bench/RESULTS.md. Run it with bench/run (see the README).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/scenarios"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

func main() {
	emulator.MaybeRunAzStandIn()
	runs := flag.Int("runs", 5, "runs per measurement (the median is reported)")
	bin := flag.String("bin", "", "the aoai-doctor binary (built by bench/run)")
	out := flag.String("out", "bench/RESULTS.md", "where to write the results")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "bench: --bin is required (use bench/run)")
		os.Exit(2)
	}
	ctx := context.Background()
	var b strings.Builder
	fmt.Fprintf(&b, "# aoai-doctor benchmark results\n\nDate: %s  \nMachine: %s  \nVersions: %s, %s\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), runtime.Version(), azVersion())
	fmt.Fprintf(&b, "Median of %d runs each. Latency is injected by the emulator on every request of every service.\n\n", *runs)

	b.WriteString("## 1. `aoai-doctor check --output json` against the emulator\n\n")
	b.WriteString("| world | latency | median wall | requests | critical-path depth | total / (depth × latency) | target 1.3 × depth × latency + 50 ms |\n|---|---|---|---|---|---|---|\n")
	type key struct {
		world   string
		latency time.Duration
	}
	ours := map[key]time.Duration{}
	for _, world := range []string{"healthy-cli", "missing-data-role-owner"} {
		for _, lat := range []time.Duration{0, 50 * time.Millisecond, 200 * time.Millisecond} {
			m, err := measureCheck(ctx, *bin, world, lat, *runs)
			if err != nil {
				fatal(err)
			}
			ours[key{world, lat}] = m.median
			ratio, target := "n/a", "n/a"
			if lat > 0 && m.depth > 0 {
				cp := time.Duration(m.depth) * lat
				ratio = fmt.Sprintf("%.2f", float64(m.median)/float64(cp))
				ok := "met"
				if m.median > cp*13/10+50*time.Millisecond {
					ok = "missed"
				}
				target = fmt.Sprintf("%s (%v)", ok, (cp*13/10 + 50*time.Millisecond).Round(time.Millisecond))
			}
			fmt.Fprintf(&b, "| %s | %v | %v | %d | %d | %s | %s |\n", world, lat, m.median.Round(time.Millisecond), m.requests, m.depth, ratio, target)
			fmt.Fprintf(os.Stderr, "check %s latency %v: %v, %d requests, depth %d\n", world, lat, m.median, m.requests, m.depth)
		}
	}

	b.WriteString("\n## 2. The same diagnosis by hand with the real az CLI and curl\n\n")
	if _, err := exec.LookPath("az"); err != nil {
		b.WriteString("The Azure CLI is not installed here; skipped.\n")
	} else {
		b.WriteString("Steps: `az account get-access-token`, `az cognitiveservices account show`, `az role assignment list`, and the data-plane call with curl, one after another as a person would type them (typing time not counted).\n\n")
		b.WriteString("| world | latency | az workflow median | aoai-doctor median | az / aoai-doctor |\n|---|---|---|---|---|\n")
		for _, world := range []string{"healthy-cli", "missing-data-role-owner"} {
			for _, lat := range []time.Duration{0, 50 * time.Millisecond, 200 * time.Millisecond} {
				d, err := measureManual(ctx, world, lat, *runs)
				if err != nil {
					fmt.Fprintf(&b, "| %s | %v | failed: %s | | |\n", world, lat, oneLine(err.Error()))
					continue
				}
				o := ours[key{world, lat}]
				fmt.Fprintf(&b, "| %s | %v | %v | %v | %.1f× |\n", world, lat, d.Round(time.Millisecond), o.Round(time.Millisecond), float64(d)/float64(o))
				fmt.Fprintf(os.Stderr, "manual %s latency %v: %v\n", world, lat, d)
			}
		}
	}

	b.WriteString("\n## 3. Start-up and memory\n\n| measure | value | target |\n|---|---|---|\n")
	v := medianOf(*runs*4, func() time.Duration {
		start := time.Now()
		_ = exec.Command(*bin, "version").Run()
		return time.Since(start)
	})
	fmt.Fprintf(&b, "| `aoai-doctor version` wall time | %v | < 20 ms |\n", v.Round(100*time.Microsecond))
	if ff, err := firstFrame(*bin); err == nil {
		fmt.Fprintf(&b, "| time to the first TUI frame of `demo` (tmux, 100×30) | %v | |\n", ff.Round(time.Millisecond))
	} else {
		fmt.Fprintf(&b, "| time to the first TUI frame of `demo` | not measured: %s | |\n", oneLine(err.Error()))
	}
	if rss, err := peakRSS(*bin); err == nil {
		fmt.Fprintf(&b, "| peak resident memory of a full `check` (demo healthy-cli, `/usr/bin/time -v`) | %.1f MB | < 60 MB |\n", float64(rss)/1024)
	} else {
		fmt.Fprintf(&b, "| peak resident memory | not measured: %s | < 60 MB |\n", oneLine(err.Error()))
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		fatal(err)
	}
	fmt.Print(b.String())
}

type checkMeasure struct {
	median   time.Duration
	requests int
	depth    int
}

// measureCheck runs the binary's check against an in-process emulator with injected latency.
func measureCheck(ctx context.Context, bin, scenario string, latency time.Duration, runs int) (checkMeasure, error) {
	w, err := scenarios.Get(scenario)
	if err != nil {
		return checkMeasure{}, err
	}
	e, err := emulator.Start(ctx, w, emulator.Options{})
	if err != nil {
		return checkMeasure{}, err
	}
	defer e.Close()
	cfg, appEnv, err := steps.DemoConfig(e)
	if err != nil {
		return checkMeasure{}, err
	}
	for _, s := range []string{"entra", "arm", "data", "imds", "cli"} {
		e.SetLatency(s, latency)
	}
	args := []string{"check", "--output", "json", "--endpoint", cfg.Endpoint, "--credential", cfg.Credential, "--timeout", "60s"}
	if cfg.Deployment != "" {
		args = append(args, "--deployment", cfg.Deployment)
	}
	if cfg.ScopeSet {
		args = append(args, "--scope", cfg.Scope)
	}
	env := childEnv(e.Env(), appEnv)
	var m checkMeasure
	var times []time.Duration
	for i := 0; i < runs; i++ {
		e.ResetRequests()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = env
		start := time.Now()
		outb, err := cmd.Output()
		d := time.Since(start)
		if err != nil && cmd.ProcessState.ExitCode() > 1 {
			return m, fmt.Errorf("check on %s: %v: %s", scenario, err, outb)
		}
		times = append(times, d)
		reqs := e.Requests()
		m.requests = len(reqs)
		m.depth = criticalDepth(reqs)
	}
	m.median = median(times)
	return m, nil
}

// criticalDepth is the longest chain of requests in which each starts after the previous ended:
// the number of round trips that happened one after another.
func criticalDepth(reqs []emulator.Request) int {
	sort.Slice(reqs, func(i, j int) bool { return reqs[i].Time.Before(reqs[j].Time) })
	depth := make([]int, len(reqs))
	best := 0
	for i, r := range reqs {
		depth[i] = 1
		for j := 0; j < i; j++ {
			if !reqs[j].Time.Add(reqs[j].Duration).After(r.Time) && depth[j]+1 > depth[i] {
				depth[i] = depth[j] + 1
			}
		}
		if depth[i] > best {
			best = depth[i]
		}
	}
	return best
}

// measureManual times the az + curl workflow a person would run against the same world.
func measureManual(ctx context.Context, scenario string, latency time.Duration, runs int) (time.Duration, error) {
	w, err := scenarios.Get(scenario)
	if err != nil {
		return 0, err
	}
	az, _ := exec.LookPath("az")
	e, err := emulator.Start(ctx, w, emulator.Options{RealAz: az})
	if err != nil {
		return 0, err
	}
	defer e.Close()
	cfg, _, err := steps.DemoConfig(e)
	if err != nil {
		return 0, err
	}
	acct := w.Accounts[0]
	env := childEnv(e.Env(), nil)
	// The real az must come first on PATH, not the stand-in.
	env = append(env, "PATH=/usr/bin:/bin")
	for _, s := range []string{"entra", "arm", "data", "imds", "cli"} {
		e.SetLatency(s, latency)
	}
	base := strings.TrimSuffix(cfg.Endpoint, "/")
	url := base + "/openai/deployments/" + cfg.Deployment + "/chat/completions?api-version=2024-10-21"
	caFile := ""
	for _, kv := range e.Env() {
		if strings.HasPrefix(kv, "SSL_CERT_FILE=") {
			caFile = strings.TrimPrefix(kv, "SSL_CERT_FILE=")
		}
	}
	times := []time.Duration{}
	for i := 0; i < runs; i++ {
		start := time.Now()
		tok, err := runEnv(ctx, env, "az", "account", "get-access-token", "--resource", "https://cognitiveservices.azure.com", "--query", "accessToken", "-o", "tsv")
		if err != nil {
			return 0, err
		}
		if _, err := runEnv(ctx, env, "az", "cognitiveservices", "account", "show", "-n", acct.Name, "-g", acct.ResourceGroup, "-o", "json"); err != nil {
			return 0, err
		}
		if _, err := runEnv(ctx, env, "az", "role", "assignment", "list", "--scope", acct.ID, "--include-inherited", "-o", "json"); err != nil {
			return 0, err
		}
		body := `{"messages":[{"role":"user","content":"ping"}],"max_tokens":1}`
		if _, err := runEnv(ctx, env, "curl", "-sS", "--cacert", caFile, "-H", "Authorization: Bearer "+strings.TrimSpace(tok), "-H", "Content-Type: application/json", "-d", body, url); err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
	}
	return median(times), nil
}

func runEnv(ctx context.Context, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = oneLine(string(ee.Stderr))
		}
		return "", fmt.Errorf("%s %s: %v %s", name, strings.Join(args[:min(3, len(args))], " "), err, msg)
	}
	return string(out), nil
}

// childEnv is a minimal environment: the emulator's variables plus the app's.
func childEnv(emu []string, app map[string]string) []string {
	env := []string{"HOME=" + os.Getenv("HOME"), "LANG=C.UTF-8"}
	env = append(env, emu...)
	for k, v := range app {
		env = append(env, k+"="+v)
	}
	return env
}

// firstFrame starts the TUI demo in tmux and reports when the pane first shows text.
func firstFrame(bin string) (time.Duration, error) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return 0, err
	}
	sock := fmt.Sprintf("aoai-doctor-bench-%d", os.Getpid())
	defer exec.Command(tmux, "-L", sock, "kill-server").Run()
	start := time.Now()
	if out, err := exec.Command(tmux, "-L", sock, "new-session", "-d", "-s", "b", "-x", "100", "-y", "30", bin+" demo healthy-cli").CombinedOutput(); err != nil {
		return 0, fmt.Errorf("tmux: %v %s", err, out)
	}
	for time.Since(start) < 20*time.Second {
		out, _ := exec.Command(tmux, "-L", sock, "capture-pane", "-p", "-t", "b").Output()
		if strings.TrimSpace(string(out)) != "" {
			return time.Since(start), nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("no frame within 20 s")
}

var maxRSS = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

func peakRSS(bin string) (int, error) {
	cmd := exec.Command("/usr/bin/time", "-v", bin, "demo", "healthy-cli", "--output", "json")
	out, _ := cmd.CombinedOutput()
	m := maxRSS.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("/usr/bin/time -v printed no maximum resident set size")
	}
	return strconv.Atoi(string(m[1]))
}

func machine() string {
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		f := strings.Fields(string(b))
		if len(f) > 1 {
			if kb, err := strconv.Atoi(f[1]); err == nil {
				mem = fmt.Sprintf("%.0f GiB", float64(kb)/1024/1024)
			}
		}
	}
	return fmt.Sprintf("%d cores, %s memory, %s/%s", runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH)
}

func azVersion() string {
	out, err := exec.Command("az", "version", "-o", "json").Output()
	if err != nil {
		return "az not installed"
	}
	var v map[string]any
	if json.Unmarshal(out, &v) == nil {
		return fmt.Sprintf("azure-cli %v", v["azure-cli"])
	}
	return "azure-cli ?"
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func medianOf(n int, f func() time.Duration) time.Duration {
	var ds []time.Duration
	for i := 0; i < n; i++ {
		ds = append(ds, f())
	}
	return median(ds)
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
