package classify

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

func FuzzClassify(f *testing.F) {
	if fh, err := os.Open("testdata/errors.jsonl"); err == nil {
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var c realCase
			if json.Unmarshal(sc.Bytes(), &c) == nil {
				st := 0
				if c.HTTPStatus != nil {
					st = *c.HTTPStatus
				}
				f.Add(c.Message, st)
			}
		}
		fh.Close()
	}
	for _, s := range []string{token401, foundry401, gov401, permOld, permNew, keyBad, tenant400,
		`{"a":{"b":{"c":{"d":"{\"e\":\"{'f': True}\"}"}}}}`, "{{{{{{{{{{", `{"error":[1,2,{"code":"x"}]}`, "'''", `\\\"\\\"`, "{'a': (1,}"} {
		f.Add(s, 401)
	}
	f.Fuzz(func(t *testing.T, text string, status int) {
		fs := Classify(Input{Text: text, Status: status})
		if len(fs) == 0 {
			t.Fatal("empty result")
		}
		for i, f := range fs {
			if !cause.Known(f.Cause) || f.Confidence < 0 || f.Confidence > 1 || f.Summary == "" {
				t.Fatalf("bad finding %+v", f)
			}
			if i > 0 && f.Confidence > fs[i-1].Confidence {
				t.Fatal("not ranked")
			}
			if strings.ContainsAny(f.Summary+f.Detail+f.Code, "\x1b\x07\u009b") {
				t.Fatalf("control characters in %q", f.Summary+f.Detail)
			}
		}
		_ = Unwrap(text)
		_, _ = AADSTS(text)
	})
}
