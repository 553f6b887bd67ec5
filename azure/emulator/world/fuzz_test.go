package world

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad: any input either loads into a consistent world or fails with one line; never panics.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"tenants":["a"],"app":{"endpoint":"x"}}`,
		"tenants: [a]\napp: {endpoint: x, scope: ''}\n",
		`{"tenants":["a"],"principals":[{"name":"p","kind":"user","tenant":"a","groups":["g"]}],"groups":[{"name":"g","tenant":"a"}],"app":{"endpoint":"x"}}`,
		"a: &a [1]\nb: *a\n", `{"propagation": "1h", "tenants": ["a"], "app": {"endpoint": "e", "clock_skew": "-2h"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := LoadAt(data, testNow)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			return
		}
		// A loaded world is internally consistent.
		for _, a := range w.Accounts {
			if w.AccountByID(a.ID) == nil || w.SubscriptionByID(a.SubscriptionID) == nil {
				t.Fatalf("account %s does not resolve", a.Name)
			}
		}
		for i := range w.RoleAssignments {
			ra := &w.RoleAssignments[i]
			if _, ok := Role(ra.RoleGUID); !ok || ra.ScopeID == "" || !IsGUID(ra.GUID) {
				t.Fatalf("assignment %d not derived: %+v", i, ra)
			}
		}
		for i := range w.Principals {
			p := &w.Principals[i]
			w.HasDataAction(p, "/", "x", testNow)
			w.AssignmentsFor(p, "/subscriptions/x")
		}
		_ = w.AppEnv()
	})
}
