package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/aoai-doctor/aoai-doctor/steps"
	"github.com/aoai-doctor/aoai-doctor/steps/report"
	"github.com/aoai-doctor/aoai-doctor/tui"
)

const checkUsage = `Usage: aoai-doctor check [flags]

Reproduces the call your app makes to Azure OpenAI / Foundry with Entra ID, walks the documented
troubleshooting steps (scope, endpoint, role, token freshness, CLI token test) and names the root cause.
Each flag defaults to the environment variable the Azure SDKs read.
`

// checkFlags are the inputs of check (and of the interactive doctor).
type checkFlags struct {
	cfg       steps.Config
	output    string
	tokenFile string
	errText   string
}

func addCheckFlags(c *command, f *checkFlags) {
	fs := c.fs
	fs.StringVar(&f.cfg.Endpoint, "endpoint", envOr("AZURE_OPENAI_ENDPOINT", ""), "the endpoint the app calls (AZURE_OPENAI_ENDPOINT)")
	fs.StringVar(&f.cfg.Deployment, "deployment", envOr("AZURE_OPENAI_DEPLOYMENT", ""), "the deployment the app calls (AZURE_OPENAI_DEPLOYMENT)")
	fs.StringVar(&f.cfg.APIVersion, "api-version", envOr("OPENAI_API_VERSION", ""), "the API version (OPENAI_API_VERSION)")
	fs.StringVar(&f.cfg.Scope, "scope", "", "the scope the app requests (default: the right one for the endpoint)")
	fs.StringVar(&f.cfg.Credential, "credential", "default", "default|cli|managed-identity|service-principal|workload-identity|token")
	fs.StringVar(&f.cfg.Tenant, "tenant", envOr("AZURE_TENANT_ID", ""), "the tenant (AZURE_TENANT_ID)")
	fs.StringVar(&f.cfg.ClientID, "client-id", envOr("AZURE_CLIENT_ID", ""), "the client ID (AZURE_CLIENT_ID)")
	fs.StringVar(&f.cfg.Token, "token", "", "a token the app already holds (with --credential token)")
	fs.StringVar(&f.tokenFile, "token-file", "", "read the token from this file")
	fs.StringVar(&f.cfg.APIKey, "api-key", envOr("AZURE_OPENAI_API_KEY", ""), "an API key, only to compare key auth with token auth; never printed (AZURE_OPENAI_API_KEY)")
	fs.StringVar(&f.errText, "error", "", "the error the app saw: TEXT or @FILE")
	fs.StringVar(&f.cfg.Subscription, "subscription", envOr("AZURE_SUBSCRIPTION_ID", ""), "the subscription to search for the resource")
	fs.DurationVar(&f.cfg.Timeout, "timeout", 30*time.Second, "the whole run's time limit")
	fs.StringVar(&f.cfg.AzPath, "az", "", "the az executable (default: az on PATH)")
	fs.StringVar(&f.cfg.Lang, "lang", "all", "code fixes for: python|javascript|csharp|go|java|all")
	fs.StringVar(&f.output, "output", "text", "text|json|markdown")
}

// finish reads the file-valued flags and validates the configuration.
func (f *checkFlags) finish(c *command) error {
	f.cfg.ScopeSet = c.set("scope")
	if f.tokenFile != "" {
		b, err := os.ReadFile(f.tokenFile)
		if err != nil {
			return usagef("--token-file: %v", cleanPathErr(err))
		}
		f.cfg.Token = strings.TrimSpace(string(b))
	}
	if f.cfg.Token != "" && !c.set("credential") {
		f.cfg.Credential = "token"
	}
	if strings.HasPrefix(f.errText, "@") {
		b, err := os.ReadFile(f.errText[1:])
		if err != nil {
			return usagef("--error: %v", cleanPathErr(err))
		}
		f.errText = string(b)
	}
	f.cfg.Error = f.errText
	f.cfg.ToolVersion = version
	if err := parseTimeout(f.cfg.Timeout); err != nil {
		return err
	}
	switch f.output {
	case "text", "json", "markdown":
	default:
		return usagef("--output %q is not a format; use text, json or markdown", f.output)
	}
	if err := steps.Validate(f.cfg); err != nil {
		return usagef("%v", err)
	}
	return nil
}

func cmdCheck(ctx context.Context, args []string, io stdio) error {
	c := newCommand("check", checkUsage, io)
	var f checkFlags
	addCheckFlags(c, &f)
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("check takes no arguments, got %q; pass inputs as flags", pos[0])
	}
	if err := f.finish(c); err != nil {
		return err
	}
	return runCheck(ctx, f.cfg, f.output, io)
}

// cmdDefault is `aoai-doctor [flags]`: the TUI on a terminal, else check.
func cmdDefault(ctx context.Context, args []string, io stdio) error {
	c := newCommand("aoai-doctor", checkUsage, io)
	var f checkFlags
	addCheckFlags(c, &f)
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q; run 'aoai-doctor help'", pos[0])
	}
	if !interactive(io) || c.set("output") {
		if err := f.finish(c); err != nil {
			return err
		}
		return runCheck(ctx, f.cfg, f.output, io)
	}
	f.cfg.ScopeSet = c.set("scope")
	f.cfg.ToolVersion = version
	code, err := tui.Run(ctx, f.cfg, tui.Options{Version: version})
	if err != nil {
		return err
	}
	return codeErr(code)
}

// runCheck runs the diagnosis and writes the report in the chosen format.
func runCheck(ctx context.Context, cfg steps.Config, output string, io stdio) error {
	progress := newProgress(io.err)
	rep := steps.Run(ctx, cfg, progress.event)
	progress.done()
	if err := writeReport(io.out, rep, output); err != nil {
		return err
	}
	return codeErr(steps.ExitCode(rep))
}

func writeReport(w io.Writer, rep *steps.Report, output string) error {
	switch output {
	case "json":
		return report.JSON(w, rep)
	case "markdown":
		return report.Markdown(w, rep)
	default:
		return report.Text(w, rep, colorOn(w))
	}
}

func codeErr(code int) error {
	if code == 0 {
		return nil
	}
	return &exitError{code: code}
}

// progress draws one live line on stderr when stderr is a terminal.
type progress struct {
	mu  sync.Mutex
	w   io.Writer
	on  bool
	cur string
}

func newProgress(w io.Writer) *progress { return &progress{w: w, on: isTerminal(w)} }

func (p *progress) event(ev steps.Event) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var line string
	switch ev.Kind {
	case steps.StepStarted:
		line = fmt.Sprintf("… %s", ev.Step)
	case steps.StepProgress:
		line = fmt.Sprintf("… %s: %s", ev.Step, ev.Note)
	case steps.StepFinished:
		if ev.Result != nil {
			line = fmt.Sprintf("%s %s", ev.Result.Status, ev.Step)
		}
	default:
		return
	}
	if len(line) > 78 {
		line = line[:77] + "…"
	}
	fmt.Fprintf(p.w, "\r\x1b[2K%s", line)
	p.cur = line
}

func (p *progress) done() {
	if p.on && p.cur != "" {
		fmt.Fprint(p.w, "\r\x1b[2K")
	}
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func interactive(io stdio) bool { return isTerminal(io.in) && isTerminal(io.out) }

// colorOn: colour only on a terminal, never with NO_COLOR or TERM=dumb.
func colorOn(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}

func cleanPathErr(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Sprintf("cannot read %s: %v", pe.Path, pe.Err)
	}
	return err.Error()
}
