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

// Markdown writes the report for a support ticket: verdict and fixes first, then the step table
// and each step's evidence. Text from servers and users is escaped; commands sit in fenced
// blocks whose fence is longer than any backtick run inside them.
func Markdown(w io.Writer, r *steps.Report) error {
	r = Normalize(r)
	var b strings.Builder
	b.WriteString("# aoai-doctor report\n\n")

	in := r.Input
	b.WriteString("| Input | Value |\n|---|---|\n")
	for _, row := range [][2]string{
		{"Endpoint", in.Endpoint}, {"Deployment", in.Deployment}, {"Credential", in.Credential},
		{"Scope", in.Scope}, {"Tenant", in.Tenant},
	} {
		if row[1] != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", row[0], cell(row[1]))
		}
	}
	if r.Tool.Version != "" {
		fmt.Fprintf(&b, "| Tool | %s |\n", cell(r.Tool.Name+" "+r.Tool.Version))
	}

	v := r.Verdict
	fmt.Fprintf(&b, "\n## Verdict: `%s`\n\n**%s**\n\n", v.Cause, sanitize.Markdown(cause.Title(v.Cause)))
	if v.Summary != "" {
		b.WriteString(paragraph(v.Summary))
	}
	if len(v.Also) > 0 {
		also := make([]string, len(v.Also))
		for i, c := range v.Also {
			also[i] = "`" + string(c) + "`"
		}
		fmt.Fprintf(&b, "Also seen: %s\n\n", strings.Join(also, ", "))
	}
	if len(v.Fixes) > 0 {
		b.WriteString("### Fixes, in order\n\n")
		for i, f := range v.Fixes {
			writeMarkdownFix(&b, fmt.Sprintf("%d. ", i+1), f)
		}
	}

	b.WriteString("## Steps\n\n| Status | Step | Summary |\n|---|---|---|\n")
	for _, s := range r.Steps {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", strings.ToUpper(string(s.Status)), cell(s.Title), cell(firstLine(s.Summary)))
	}
	b.WriteString("\n")
	for _, s := range r.Steps {
		fmt.Fprintf(&b, "### %s: %s\n\n", sanitize.Markdown(s.Title), strings.ToUpper(string(s.Status)))
		if s.Summary != "" {
			b.WriteString(paragraph(s.Summary))
		}
		for _, e := range s.Evidence {
			fmt.Fprintf(&b, "- **%s:** %s\n", sanitize.Markdown(e.Label), sanitize.Markdown(oneLine(e.Value)))
		}
		if len(s.Evidence) > 0 {
			b.WriteString("\n")
		}
		for _, c := range s.Causes {
			fmt.Fprintf(&b, "- Cause: `%s` (%s)\n", c, sanitize.Markdown(cause.Title(c)))
		}
		if len(s.Causes) > 0 {
			b.WriteString("\n")
		}
		for _, f := range s.Fixes {
			writeMarkdownFix(&b, "- ", f)
		}
		fmt.Fprintf(&b, "_Took %s._\n\n", formatDuration(time.Duration(s.DurationMS)*time.Millisecond))
	}
	fmt.Fprintf(&b, "_Diagnosis took %s._\n", formatDuration(time.Duration(r.DurationMS)*time.Millisecond))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdownFix writes a list item with the fix title and, when there is one, its command in
// a fenced block indented under the item.
func writeMarkdownFix(b *strings.Builder, bullet string, f steps.Fix) {
	title := sanitize.Markdown(sanitize.Line(f.Title))
	if f.Lang != "" && f.Lang != "shell" {
		title += " (" + sanitize.Markdown(f.Lang) + ")"
	}
	fmt.Fprintf(b, "%s%s\n\n", bullet, title)
	if f.Command == "" {
		return
	}
	indent := strings.Repeat(" ", len(bullet))
	writeFence(b, indent, fenceLang(f.Lang), f.Command)
	b.WriteString("\n")
}

// writeFence writes code in a fenced block that the content cannot close.
func writeFence(b *strings.Builder, indent, lang, code string) {
	code = strings.TrimRight(sanitize.Text(code), "\n")
	fence := Fence(code)
	fmt.Fprintf(b, "%s%s%s\n", indent, fence, lang)
	for _, l := range strings.Split(code, "\n") {
		fmt.Fprintf(b, "%s%s\n", indent, l)
	}
	fmt.Fprintf(b, "%s%s\n", indent, fence)
}

// Fence returns a backtick fence longer than the longest run of backticks in code (at least 3).
func Fence(code string) string {
	longest, run := 0, 0
	for _, r := range code {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func fenceLang(lang string) string {
	switch lang {
	case "", "shell", "env":
		return "sh"
	case "javascript", "python", "csharp", "go", "java":
		return lang
	}
	return ""
}

// cell makes text safe inside a markdown table cell: one line, escaped.
func cell(s string) string {
	return sanitize.Markdown(sanitize.Line(s))
}

// paragraph escapes text and keeps its line breaks as markdown hard breaks.
func paragraph(s string) string {
	lines := strings.Split(strings.TrimRight(sanitize.Text(s), "\n"), "\n")
	for i, l := range lines {
		lines[i] = sanitize.Markdown(l)
	}
	return strings.Join(lines, "  \n") + "\n\n"
}

// oneLine joins the lines of a multi-line value with "; ".
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(sanitize.Text(s), "\n") {
		if l = sanitize.Line(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}
