package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

// normalizeToken copies t with version set, arrays non-null and text sanitized.
func normalizeToken(t *steps.TokenReport) *steps.TokenReport {
	out := &steps.TokenReport{Version: 1, Claims: map[string]any{}, Findings: []steps.TokenFinding{}}
	if t == nil {
		return out
	}
	for k, v := range t.Claims {
		out.Claims[sanitize.Line(k)] = sanitizeValue(v)
	}
	if len(t.Header) > 0 {
		out.Header = map[string]any{}
		for k, v := range t.Header {
			out.Header[sanitize.Line(k)] = sanitizeValue(v)
		}
	}
	out.Masked = sanitize.Line(t.Masked)
	for _, f := range t.Findings {
		out.Findings = append(out.Findings, steps.TokenFinding{Status: f.Status, Summary: sanitize.Text(f.Summary), Cause: f.Cause})
	}
	return out
}

// sanitizeValue sanitizes the strings inside a decoded JSON value.
func sanitizeValue(v any) any {
	switch x := v.(type) {
	case string:
		return sanitize.Text(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = sanitizeValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[sanitize.Line(k)] = sanitizeValue(e)
		}
		return out
	}
	return v
}

// TokenJSON writes {"version":1,"claims":{...},"findings":[{"status","summary","cause"}]}.
func TokenJSON(w io.Writer, t *steps.TokenReport) error {
	return writeJSON(w, normalizeToken(t))
}

// TokenText writes the claims (sorted, one a line) and the lint findings.
func TokenText(w io.Writer, t *steps.TokenReport, color bool) error {
	t = normalizeToken(t)
	p := painter(color)
	var b strings.Builder
	if t.Masked != "" {
		fmt.Fprintf(&b, "%s %s\n", p.paint(sgrBold, "Token:"), t.Masked)
	}
	if len(t.Header) > 0 {
		fmt.Fprintf(&b, "%s\n", p.paint(sgrBold, "Header:"))
		writeClaims(&b, p, t.Header)
	}
	fmt.Fprintf(&b, "%s\n", p.paint(sgrBold, "Claims:"))
	writeClaims(&b, p, t.Claims)
	fmt.Fprintf(&b, "\n%s\n", p.paint(sgrBold, "Findings:"))
	if len(t.Findings) == 0 {
		b.WriteString("  (none)\n")
	}
	for _, f := range t.Findings {
		line := firstLine(f.Summary)
		if f.Cause != "" {
			line += " " + p.paint(sgrDim, "("+string(f.Cause)+")")
		}
		fmt.Fprintf(&b, "  %s %s\n", p.paint(tagColor(f.Status), Tag(f.Status)), line)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeClaims(b *strings.Builder, p painter, m map[string]any) {
	keys := make([]string, 0, len(m))
	width := 0
	for k := range m {
		keys = append(keys, k)
		width = max(width, len([]rune(k)))
	}
	sort.Strings(keys)
	for _, k := range keys {
		pad := strings.Repeat(" ", width-len([]rune(k)))
		fmt.Fprintf(b, "  %s%s  %s\n", p.paint(sgrDim, k), pad, sanitize.Line(claimValue(m[k])))
	}
}

func claimValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = claimValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprintf("%g", x)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}
