//go:build emulator

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/scenarios"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/world"
	"github.com/aoai-doctor/aoai-doctor/steps"
	"github.com/aoai-doctor/aoai-doctor/tui"
)

const demoUsage = `Usage: aoai-doctor demo [SCENARIO] [--world FILE] [--list] [--output text|json|markdown]

Runs the diagnosis against the built-in Azure emulator: a realistic broken (or healthy) world,
no Azure account needed. Without a scenario on a terminal, a picker lets you choose one.
`

func cmdDemo(ctx context.Context, args []string, io stdio) error {
	c := newCommand("demo", demoUsage, io)
	list := c.fs.Bool("list", false, "list the scenarios")
	worldFile := c.fs.String("world", "", "a world file (JSON or YAML) instead of a scenario")
	output := c.fs.String("output", "text", "text|json|markdown (without --output on a terminal: the interactive doctor)")
	lang := c.fs.String("lang", "all", "code fixes for: python|javascript|csharp|go|java|all")
	timeout := c.fs.Duration("timeout", 30*time.Second, "the whole run's time limit")
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if *list {
		return listScenarios(io)
	}
	if len(pos) > 1 {
		return usagef("demo takes one scenario, got %d; see 'aoai-doctor demo --list'", len(pos))
	}
	switch *output {
	case "text", "json", "markdown":
	default:
		return usagef("--output %q is not a format; use text, json or markdown", *output)
	}
	if err := parseTimeout(*timeout); err != nil {
		return err
	}
	name := ""
	if len(pos) == 1 {
		name = pos[0]
	}
	if name != "" && *worldFile != "" {
		return usagef("give a scenario or --world, not both")
	}
	tuiMode := interactive(io) && !c.set("output")
	if name == "" && *worldFile == "" {
		if !tuiMode {
			return usagef("name a scenario (see 'aoai-doctor demo --list') or pass --world FILE")
		}
		code, err := tui.Run(ctx, steps.Config{}, tui.Options{
			Demo: true, Version: version, Scenarios: tuiScenarios(),
			Prepare: func(ctx context.Context, scenario string) (steps.Config, func(), error) {
				w, err := scenarios.Get(scenario)
				if err != nil {
					return steps.Config{}, nil, err
				}
				return prepareDemo(ctx, w, *lang)
			},
		})
		if err != nil {
			return err
		}
		return codeErr(code)
	}
	w, err := loadWorld(name, *worldFile)
	if err != nil {
		return err
	}
	cfg, cleanup, err := prepareDemo(ctx, w, *lang)
	if err != nil {
		return err
	}
	defer cleanup()
	cfg.Timeout = *timeout
	if tuiMode {
		opts := tui.Options{Demo: true, Version: version}
		for _, s := range tuiScenarios() {
			if s.Name == name {
				opts.Scenarios = []tui.Scenario{s}
			}
		}
		code, err := tui.Run(ctx, cfg, opts)
		if err != nil {
			return err
		}
		return codeErr(code)
	}
	return runCheck(ctx, cfg, *output, io)
}

func loadWorld(name, file string) (*world.World, error) {
	if file != "" {
		w, err := world.LoadFile(file)
		if err != nil {
			return nil, usagef("--world %s: %v", file, err)
		}
		return w, nil
	}
	w, err := scenarios.Get(name)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return w, nil
}

func listScenarios(io stdio) error {
	tw := tabwriter.NewWriter(io.out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tEXPECTED CAUSE\tDESCRIPTION")
	for _, s := range scenarios.List() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, s.Cause, s.Description)
	}
	return tw.Flush()
}

func tuiScenarios() []tui.Scenario {
	var out []tui.Scenario
	for _, s := range scenarios.List() {
		out = append(out, tui.Scenario{Name: s.Name, Description: s.Description, Teaches: s.Teaches, Cause: s.Cause})
	}
	return out
}

// prepareDemo starts the emulator for w and makes this process look like the world's app:
// its environment is replaced by the app's (so the doctor's own variables never leak into the
// credential chain) plus what points clients at the emulator.
func prepareDemo(ctx context.Context, w *world.World, lang string) (steps.Config, func(), error) {
	opts := emulator.Options{}
	e, err := emulator.Start(ctx, w, opts)
	if err != nil {
		return steps.Config{}, nil, fmt.Errorf("starting the emulator: %w", err)
	}
	cfg, appEnv, err := steps.DemoConfig(e)
	if err != nil {
		e.Close()
		return steps.Config{}, nil, err
	}
	restore := replaceEnv(e.Env(), appEnv)
	cfg.Lang = lang
	cfg.ToolVersion = version
	cleanup := func() {
		restore()
		e.Close()
	}
	return cfg, cleanup, nil
}

// appEnvPrefixes are the variables a credential chain or HTTP client reads; the doctor's own
// values are removed before the app's are set.
var appEnvPrefixes = []string{"AZURE_", "IDENTITY_", "MSI_", "IMDS_", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY",
	"https_proxy", "http_proxy", "no_proxy", "SSL_CERT_", "REQUESTS_CA_BUNDLE", "AOAI_DOCTOR_"}

func replaceEnv(emu []string, app map[string]string) func() {
	saved := os.Environ()
	for _, kv := range saved {
		k, _, _ := strings.Cut(kv, "=")
		for _, p := range appEnvPrefixes {
			if strings.HasPrefix(k, p) {
				os.Unsetenv(k)
			}
		}
	}
	for _, kv := range emu {
		k, v, _ := strings.Cut(kv, "=")
		os.Setenv(k, v)
	}
	for k, v := range app {
		os.Setenv(k, v)
	}
	return func() {
		os.Clearenv()
		for _, kv := range saved {
			k, v, _ := strings.Cut(kv, "=")
			os.Setenv(k, v)
		}
	}
}

// realAz is the installed Azure CLI, if any (emulator serve logs it in).
func realAz() string {
	p, err := exec.LookPath("az")
	if err != nil {
		return ""
	}
	return p
}

// startup runs the az stand-in when this process was started as one.
func startup() { emulator.MaybeRunAzStandIn() }
