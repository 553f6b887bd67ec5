package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/steps"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change)\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

func TestGoldens(t *testing.T) {
	tests := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"report.json", func(b *bytes.Buffer) error { return JSON(b, fixtureReport()) }},
		{"report.txt", func(b *bytes.Buffer) error { return Text(b, fixtureReport(), false) }},
		{"report_color.txt", func(b *bytes.Buffer) error { return Text(b, fixtureReport(), true) }},
		{"report.md", func(b *bytes.Buffer) error { return Markdown(b, fixtureReport()) }},
		{"explain.json", func(b *bytes.Buffer) error { return ExplainJSON(b, fixtureExplanation()) }},
		{"explain.txt", func(b *bytes.Buffer) error { return ExplainText(b, fixtureExplanation(), false) }},
		{"explain.md", func(b *bytes.Buffer) error { return ExplainMarkdown(b, fixtureExplanation()) }},
		{"token.json", func(b *bytes.Buffer) error { return TokenJSON(b, fixtureToken()) }},
		{"token.txt", func(b *bytes.Buffer) error { return TokenText(b, fixtureToken(), false) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestNoEscapesOrSecrets: no renderer lets a terminal escape through, and colour appears only
// when asked for.
func TestNoEscapesOrSecrets(t *testing.T) {
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := Text(&b, fixtureReport(), color); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "\x1b[31m|evil|") || strings.Contains(out, "]52;") {
			t.Errorf("color=%v: server escape sequence reached the output", color)
		}
		if !color && strings.Contains(out, "\x1b") {
			t.Errorf("escape sequence in uncoloured output")
		}
		if color && !strings.Contains(out, "\x1b[31m[FAIL]") {
			t.Errorf("coloured output has no coloured FAIL tag")
		}
	}
	var md, js, tok bytes.Buffer
	_ = Markdown(&md, fixtureReport())
	_ = JSON(&js, fixtureReport())
	_ = TokenText(&tok, fixtureToken(), false)
	for name, s := range map[string]string{"markdown": md.String(), "json": js.String(), "token": tok.String()} {
		if strings.Contains(s, "\x1b") || strings.Contains(s, "\\u001b") || strings.Contains(s, "\x07") {
			t.Errorf("%s: escape sequence reached the output", name)
		}
	}
	if strings.Contains(md.String(), "[link](http://x)") {
		t.Errorf("markdown: server text was not escaped")
	}
}

// TestJSONSchema checks the JSON output field by field against DESIGN.md.
func TestJSONSchema(t *testing.T) {
	for _, r := range []*steps.Report{fixtureReport(), {}, {Steps: []steps.Result{{ID: steps.CLI, Status: steps.Skip}}}} {
		var b bytes.Buffer
		if err := JSON(&b, r); err != nil {
			t.Fatal(err)
		}
		checkSchema(t, b.Bytes())
	}
}

func checkSchema(t *testing.T, data []byte) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	keys(t, "report", doc, "version", "tool", "input", "steps", "verdict", "duration_ms")
	if doc["version"] != float64(1) {
		t.Errorf("version = %v, want 1", doc["version"])
	}
	tool := object(t, "tool", doc["tool"])
	keys(t, "tool", tool, "name", "version")
	if tool["name"] != "aoai-doctor" {
		t.Errorf("tool.name = %v", tool["name"])
	}
	in := object(t, "input", doc["input"])
	keys(t, "input", in, "endpoint", "credential", "scope", "deployment", "tenant")
	for k, v := range in {
		if _, ok := v.(string); !ok {
			t.Errorf("input.%s is %T, want string", k, v)
		}
	}
	number(t, "duration_ms", doc["duration_ms"])
	stepsArr, ok := doc["steps"].([]any)
	if !ok {
		t.Fatalf("steps is %T, want array", doc["steps"])
	}
	validStatus := map[string]bool{"pass": true, "warn": true, "fail": true, "skip": true, "error": true}
	validStep := map[string]bool{"reproduce": true, "scope": true, "endpoint": true, "role": true, "token": true, "cli": true}
	for i, s := range stepsArr {
		st := object(t, "step", s)
		keys(t, "step", st, "id", "title", "status", "summary", "evidence", "causes", "fixes", "duration_ms")
		if !validStep[str(st["id"])] {
			t.Errorf("steps[%d].id = %v", i, st["id"])
		}
		if !validStatus[str(st["status"])] {
			t.Errorf("steps[%d].status = %v", i, st["status"])
		}
		for _, e := range array(t, "evidence", st["evidence"]) {
			keys(t, "evidence", object(t, "evidence", e), "label", "value")
		}
		for _, c := range array(t, "causes", st["causes"]) {
			if !cause.Known(cause.ID(str(c))) {
				t.Errorf("unknown cause %v", c)
			}
		}
		for _, f := range array(t, "fixes", st["fixes"]) {
			checkFix(t, f)
		}
		number(t, "step duration_ms", st["duration_ms"])
	}
	v := object(t, "verdict", doc["verdict"])
	keys(t, "verdict", v, "cause", "also", "summary", "fixes")
	if !cause.Known(cause.ID(str(v["cause"]))) {
		t.Errorf("verdict.cause %v is not a cause ID", v["cause"])
	}
	for _, c := range array(t, "also", v["also"]) {
		if !cause.Known(cause.ID(str(c))) {
			t.Errorf("verdict.also has unknown cause %v", c)
		}
	}
	for _, f := range array(t, "verdict fixes", v["fixes"]) {
		checkFix(t, f)
	}
}

func checkFix(t *testing.T, f any) {
	t.Helper()
	m := object(t, "fix", f)
	for _, k := range []string{"title", "command"} {
		if _, ok := m[k].(string); !ok {
			t.Errorf("fix without a %s: %v", k, m)
		}
	}
	for k := range m {
		switch k {
		case "title", "command", "lang":
		default:
			t.Errorf("fix has unexpected field %q", k)
		}
	}
}

// keys requires exactly these fields (DESIGN.md may be extended, but the fixtures use only these).
func keys(t *testing.T, what string, m map[string]any, want ...string) {
	t.Helper()
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: missing field %q", what, k)
		}
	}
	if len(m) != len(want) {
		t.Errorf("%s: fields %v, want exactly %v", what, mapKeys(m), want)
	}
}

func object(t *testing.T, what string, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, want object", what, v)
	}
	return m
}

func array(t *testing.T, what string, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%s is %T (null?), want array", what, v)
	}
	return a
}

func number(t *testing.T, what string, v any) {
	t.Helper()
	if _, ok := v.(float64); !ok {
		t.Errorf("%s is %T, want number", what, v)
	}
}

func str(v any) string { s, _ := v.(string); return s }

func mapKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestExplainAndTokenJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := ExplainJSON(&b, nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(b.String()); got != "{\n  \"version\": 1,\n  \"causes\": []\n}" {
		t.Errorf("empty explain JSON = %s", got)
	}
	b.Reset()
	_ = ExplainJSON(&b, fixtureExplanation())
	var ex map[string]any
	if err := json.Unmarshal(b.Bytes(), &ex); err != nil {
		t.Fatal(err)
	}
	for _, c := range array(t, "causes", ex["causes"]) {
		m := object(t, "cause", c)
		for _, k := range []string{"id", "confidence", "summary", "fixes"} {
			if _, ok := m[k]; !ok {
				t.Errorf("explain cause lacks %q", k)
			}
		}
		array(t, "fixes", m["fixes"])
	}
	b.Reset()
	_ = TokenJSON(&b, nil)
	var tk map[string]any
	if err := json.Unmarshal(b.Bytes(), &tk); err != nil {
		t.Fatal(err)
	}
	object(t, "claims", tk["claims"])
	array(t, "findings", tk["findings"])
	b.Reset()
	_ = TokenJSON(&b, fixtureToken())
	_ = json.Unmarshal(b.Bytes(), &tk)
	for _, f := range array(t, "findings", tk["findings"]) {
		m := object(t, "finding", f)
		for _, k := range []string{"status", "summary", "cause"} {
			if _, ok := m[k]; !ok {
				t.Errorf("token finding lacks %q", k)
			}
		}
	}
}

func TestFence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "```"},
		{"a ``` b", "````"},
		{"``````", "```````"},
		{"`x`", "```"},
	}
	for _, tt := range tests {
		if got := Fence(tt.in); got != tt.want {
			t.Errorf("Fence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
