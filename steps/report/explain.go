package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

// normalizeExplanation copies e with version set, arrays non-null and text sanitized.
func normalizeExplanation(e *steps.Explanation) *steps.Explanation {
	out := &steps.Explanation{Version: 1, Causes: []steps.ExplainedCause{}}
	if e == nil {
		return out
	}
	for _, c := range e.Causes {
		out.Causes = append(out.Causes, steps.ExplainedCause{
			ID:         c.ID,
			Confidence: c.Confidence,
			Summary:    sanitize.Text(c.Summary),
			Fixes:      fixes(c.Fixes),
			Detail:     sanitize.Text(c.Detail),
			Code:       sanitize.Line(c.Code),
		})
	}
	return out
}

// ExplainJSON writes {"version":1,"causes":[{"id","confidence","summary","fixes"}]}, most likely first.
func ExplainJSON(w io.Writer, e *steps.Explanation) error {
	n := normalizeExplanation(e)
	out := wireExplanation{Version: n.Version, Causes: []wireCause{}}
	for _, c := range n.Causes {
		out.Causes = append(out.Causes, wireCause{ID: c.ID, Confidence: c.Confidence, Summary: c.Summary, Fixes: wireFixes(c.Fixes), Detail: c.Detail, Code: c.Code})
	}
	return writeJSON(w, out)
}

// ExplainText writes the ranked causes with their fixes for a terminal.
func ExplainText(w io.Writer, e *steps.Explanation, color bool) error {
	e = normalizeExplanation(e)
	p := painter(color)
	var b strings.Builder
	if len(e.Causes) == 0 {
		b.WriteString("No cause found.\n")
	}
	for i, c := range e.Causes {
		if i > 0 {
			b.WriteString("\n")
		}
		head := fmt.Sprintf("%d. %s", i+1, c.ID)
		fmt.Fprintf(&b, "%s  %s %s\n", p.paint(sgrBold, head), cause.Title(c.ID), p.paint(sgrDim, confidence(c.Confidence)))
		if c.Code != "" {
			fmt.Fprintf(&b, "   %s %s\n", p.paint(sgrDim, "code:"), c.Code)
		}
		writeIndented(&b, "   ", c.Summary)
		writeIndented(&b, "   ", c.Detail)
		for _, f := range c.Fixes {
			writeFix(&b, p, "   fix: ", "        ", f)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ExplainMarkdown writes the ranked causes for a support ticket.
func ExplainMarkdown(w io.Writer, e *steps.Explanation) error {
	e = normalizeExplanation(e)
	var b strings.Builder
	b.WriteString("# aoai-doctor explain\n\n")
	if len(e.Causes) == 0 {
		b.WriteString("No cause found.\n")
	}
	for i, c := range e.Causes {
		fmt.Fprintf(&b, "## %d. `%s` %s\n\n", i+1, c.ID, sanitize.Markdown(confidence(c.Confidence)))
		fmt.Fprintf(&b, "**%s**\n\n", sanitize.Markdown(cause.Title(c.ID)))
		if c.Code != "" {
			fmt.Fprintf(&b, "Code: %s\n\n", cell(c.Code))
		}
		if c.Summary != "" {
			b.WriteString(paragraph(c.Summary))
		}
		if c.Detail != "" {
			b.WriteString(paragraph(c.Detail))
		}
		for _, f := range c.Fixes {
			writeMarkdownFix(&b, "- ", f)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func confidence(c float64) string {
	return fmt.Sprintf("(confidence %.0f%%)", c*100)
}
