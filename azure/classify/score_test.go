package classify

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// realCase is one real failure from public threads (facts only: status, code, message, cause).
type realCase struct {
	ID         string `json:"id"`
	HTTPStatus *int   `json:"http_status"`
	ErrorCode  string `json:"error_code"`
	Message    string `json:"message"`
	Cause      string `json:"cause"`
}

func loadCases(t *testing.T) []realCase {
	t.Helper()
	f, err := os.Open("testdata/errors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []realCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var c realCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("bad line: %v", err)
		}
		out = append(out, c)
	}
	return out
}

// TestRealErrorsScore classifies every real message (text and status only) and requires the
// top cause to be the recorded one for at least 90% of them.
func TestRealErrorsScore(t *testing.T) {
	cases := loadCases(t)
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	hits := 0
	for _, c := range cases {
		if !cause.Known(cause.ID(c.Cause)) {
			t.Errorf("%s: cause %q is not a known cause ID", c.ID, c.Cause)
		}
		in := Input{Text: c.Message}
		if c.HTTPStatus != nil {
			in.Status = *c.HTTPStatus
		}
		got := Classify(in)
		if string(got[0].Cause) == c.Cause {
			hits++
			continue
		}
		second := ""
		for i, f := range got {
			if string(f.Cause) == c.Cause {
				second = " (expected cause ranked " + string(rune('1'+i)) + ")"
			}
		}
		t.Logf("miss %s: want %s, got %s %.2f%s", c.ID, c.Cause, got[0].Cause, got[0].Confidence, second)
	}
	share := float64(hits) / float64(len(cases))
	t.Logf("real errors: %d/%d top cause correct (%.1f%%)", hits, len(cases), 100*share)
	if share < 0.9 {
		t.Fatalf("top-cause share %.1f%% is under 90%%", 100*share)
	}
}
