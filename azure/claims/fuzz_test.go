package claims

import (
	"strings"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

func FuzzDecode(f *testing.F) {
	f.Add(jwt(f, v1(nil)))
	f.Add("Bearer " + jwt(f, v1(map[string]any{"exp": "123", "aud": []any{1, "x"}, "groups": "g"})))
	f.Add(jwt(f, map[string]any{"exp": 1e300, "nbf": -5, "iat": "NaN", "_claim_names": "x", "hasgroups": true}))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("a.b.c")
	f.Add("0123456789abcdef0123456789abcdef")
	f.Add("....")
	f.Add("")
	info, err := endpoint.Parse("https://contoso.openai.azure.com/")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		m := Mask(tok)
		trimmed := Trim(tok)
		if len(trimmed) >= 16 {
			if i := strings.Index(m, "…"); i > 6 {
				t.Fatalf("Mask reveals %d characters: %q", i, m)
			}
		}
		c, err := Decode(tok)
		if err != nil {
			if c != nil || err.Error() == "" {
				t.Fatal("bad error result")
			}
			return
		}
		_, _, _, _ = c.Identity(), c.Kind(), c.Version(), c.Cloud()
		for _, i := range []*endpoint.Info{nil, info} {
			for _, f := range Lint(c, i, "11111111-2222-3333-4444-555555555555", time.Unix(1767225600, 0)) {
				if f.Status != Pass && f.Status != Warn && f.Status != Fail {
					t.Fatalf("bad status %q", f.Status)
				}
				if f.Cause != "" && !cause.Known(f.Cause) {
					t.Fatalf("unknown cause %q", f.Cause)
				}
				if len(trimmed) > 40 && strings.Contains(f.Summary, trimmed) {
					t.Fatal("the token appears in a finding")
				}
			}
		}
	})
}
