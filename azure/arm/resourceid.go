package arm

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ResourceID is a parsed ARM id or scope: /subscriptions/<s>[/resourceGroups/<rg>[/providers/<ns>/<type>/<name>...]].
type ResourceID struct {
	Subscription  string
	ResourceGroup string
	Provider      string // e.g. Microsoft.CognitiveServices
	Type          string // e.g. accounts (nested: accounts/projects)
	Name          string // last name
	segments      []string
}

// ParseResourceID checks an ARM id or scope. It refuses anything that could leave the intended
// path (empty segments, "..", query or fragment characters, control characters).
func ParseResourceID(id string) (ResourceID, error) {
	bad := func(why string) (ResourceID, error) {
		return ResourceID{}, &Error{Code: CodeBadInput, Message: fmt.Sprintf("%q is not an Azure resource ID (%s)", shorten(id, 200), why)}
	}
	if id == "" {
		return bad("empty")
	}
	if !strings.HasPrefix(id, "/") {
		return bad("must start with /subscriptions/ or /providers/")
	}
	if strings.ContainsAny(id, "?#%\\") {
		return bad("contains ?, #, % or \\")
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return bad("contains control characters")
		}
	}
	segs := strings.Split(strings.TrimSuffix(id[1:], "/"), "/")
	for _, s := range segs {
		if s == "" || s == "." || s == ".." {
			return bad("empty or dot segment")
		}
	}
	r := ResourceID{segments: segs}
	i := 0
	switch {
	case strings.EqualFold(segs[0], "subscriptions"):
		if len(segs) < 2 {
			return bad("no subscription")
		}
		r.Subscription = segs[1]
		i = 2
		if len(segs) > i && strings.EqualFold(segs[i], "resourceGroups") {
			if len(segs) < i+2 {
				return bad("no resource group name")
			}
			r.ResourceGroup = segs[i+1]
			i += 2
		}
	case strings.EqualFold(segs[0], "providers"):
	default:
		return bad("must start with /subscriptions/ or /providers/")
	}
	if len(segs) > i {
		if !strings.EqualFold(segs[i], "providers") || len(segs) < i+2 {
			return bad("expected /providers/<namespace>/...")
		}
		r.Provider = segs[i+1]
		rest := segs[i+2:]
		var types []string
		for j := 0; j+1 < len(rest); j += 2 {
			types = append(types, rest[j])
			r.Name = rest[j+1]
		}
		r.Type = strings.Join(types, "/")
		if len(rest)%2 == 1 {
			// A trailing type without a name (e.g. .../roleDefinitions) is a collection path.
			r.Type = strings.Join(append(types, rest[len(rest)-1]), "/")
			r.Name = ""
		}
	}
	return r, nil
}

// String is the id as a path (unescaped; the client escapes it when it builds the URL).
func (r ResourceID) String() string { return "/" + strings.Join(r.segments, "/") }

// rawJSON keeps a response body for a second decoding pass.
type rawJSON []byte

func (r *rawJSON) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
