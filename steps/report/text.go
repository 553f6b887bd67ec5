package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

// SGR sequences; used only when colour was asked for.
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrRed    = "\x1b[31m"
	sgrGreen  = "\x1b[32m"
	sgrYellow = "\x1b[33m"
	sgrBlue   = "\x1b[34m"
	sgrPurple = "\x1b[35m"
)

// Tag is the fixed-width status tag of the text report ("[PASS]", "[ERR ]", ...).
func Tag(s steps.Status) string {
	switch s {
	case steps.Pass:
		return "[PASS]"
	case steps.Warn:
		return "[WARN]"
	case steps.Fail:
		return "[FAIL]"
	case steps.Skip:
		return "[SKIP]"
	case steps.Error:
		return "[ERR ]"
	}
	return "[ ?? ]"
}

func tagColor(s steps.Status) string {
	switch s {
	case steps.Pass:
		return sgrGreen
	case steps.Warn:
		return sgrYellow
	case steps.Fail:
		return sgrRed
	case steps.Error:
		return sgrPurple
	}
	return sgrDim
}

// painter wraps text in SGR sequences when colour is on.
type painter bool

func (p painter) paint(sgr, s string) string {
	if !p || s == "" {
		return s
	}
	return sgr + s + sgrReset
}

// Text writes a doctor-style report: a status table, each step's details (evidence, causes,
// fixes), then the verdict with its fixes. Colour only when color is true.
func Text(w io.Writer, r *steps.Report, color bool) error {
	r = Normalize(r)
	p := painter(color)
	var b strings.Builder

	fmt.Fprintf(&b, "%s %s\n", p.paint(sgrBold, "aoai-doctor"), headline(r.Input))
	b.WriteString("\n")

	width := 0
	for _, s := range r.Steps {
		width = max(width, len([]rune(s.Title)))
	}
	for _, s := range r.Steps {
		title := s.Title + strings.Repeat(" ", width-len([]rune(s.Title)))
		fmt.Fprintf(&b, "%s %s  %s\n", p.paint(tagColor(s.Status), Tag(s.Status)), title, firstLine(s.Summary))
	}

	for _, s := range r.Steps {
		b.WriteString("\n")
		fmt.Fprintf(&b, "%s %s %s\n", p.paint(tagColor(s.Status), Tag(s.Status)), p.paint(sgrBold, s.Title),
			p.paint(sgrDim, "("+formatDuration(time.Duration(s.DurationMS)*time.Millisecond)+")"))
		writeIndented(&b, "  ", s.Summary)
		if len(s.Evidence) > 0 {
			lw := 0
			for _, e := range s.Evidence {
				lw = max(lw, len([]rune(e.Label)))
			}
			for _, e := range s.Evidence {
				label := e.Label + ":" + strings.Repeat(" ", lw-len([]rune(e.Label)))
				lines := strings.Split(e.Value, "\n")
				fmt.Fprintf(&b, "    %s %s\n", p.paint(sgrDim, label), lines[0])
				for _, l := range lines[1:] {
					fmt.Fprintf(&b, "    %s %s\n", strings.Repeat(" ", lw+1), l)
				}
			}
		}
		for _, c := range s.Causes {
			fmt.Fprintf(&b, "  %s %s (%s)\n", p.paint(sgrYellow, "cause:"), c, cause.Title(c))
		}
		for _, f := range s.Fixes {
			writeFix(&b, p, "  fix: ", "       ", f)
		}
	}

	b.WriteString("\n")
	v := r.Verdict
	fmt.Fprintf(&b, "%s %s: %s\n", p.paint(sgrBold, "Verdict:"), p.paint(verdictColor(v.Cause), string(v.Cause)), cause.Title(v.Cause))
	writeIndented(&b, "  ", v.Summary)
	if len(v.Also) > 0 {
		also := make([]string, len(v.Also))
		for i, c := range v.Also {
			also[i] = string(c)
		}
		fmt.Fprintf(&b, "  %s %s\n", p.paint(sgrDim, "Also seen:"), strings.Join(also, ", "))
	}
	if len(v.Fixes) > 0 {
		fmt.Fprintf(&b, "\n%s\n", p.paint(sgrBold, "Fixes, in order:"))
		for i, f := range v.Fixes {
			prefix := fmt.Sprintf("  %d. ", i+1)
			writeFix(&b, p, prefix, strings.Repeat(" ", len(prefix)), f)
		}
	}
	fmt.Fprintf(&b, "\n%s\n", p.paint(sgrDim, "Finished in "+formatDuration(time.Duration(r.DurationMS)*time.Millisecond)+"."))
	_, err := io.WriteString(w, b.String())
	return err
}

func verdictColor(c cause.ID) string {
	switch c {
	case cause.Healthy, cause.NotAnError:
		return sgrGreen
	case cause.Unknown:
		return sgrPurple
	}
	return sgrRed
}

// headline describes what was diagnosed in one line.
func headline(in steps.Input) string {
	parts := []string{}
	if in.Endpoint != "" {
		parts = append(parts, in.Endpoint)
	}
	if in.Deployment != "" {
		parts = append(parts, "deployment "+in.Deployment)
	}
	if in.Credential != "" {
		parts = append(parts, "credential "+in.Credential)
	}
	if in.Scope != "" {
		parts = append(parts, "scope "+in.Scope)
	}
	if in.Tenant != "" {
		parts = append(parts, "tenant "+in.Tenant)
	}
	if len(parts) == 0 {
		return "diagnosis"
	}
	return strings.Join(parts, " · ")
}

// writeFix writes a fix: the title after prefix, then its command indented under it, one
// line per command line, tagged with its language when it has one.
func writeFix(b *strings.Builder, p painter, prefix, indent string, f steps.Fix) {
	title := f.Title
	if f.Lang != "" && f.Lang != "shell" {
		title = "[" + f.Lang + "] " + title
	}
	fmt.Fprintf(b, "%s%s\n", p.paint(sgrBlue, prefix), firstLine(title))
	if f.Command == "" {
		return
	}
	for _, l := range strings.Split(strings.TrimRight(f.Command, "\n"), "\n") {
		fmt.Fprintf(b, "%s  %s\n", indent, l)
	}
}

func writeIndented(b *strings.Builder, indent, s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		fmt.Fprintf(b, "%s%s\n", indent, l)
	}
}

func firstLine(s string) string {
	return sanitize.Line(strings.SplitN(s, "\n", 2)[0])
}

// formatDuration rounds for people: 850ms, 1.2s, 31s.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
