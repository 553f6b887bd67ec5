package arm

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Permission is one element of the caller's effective permissions: what one applicable role
// assignment allows (patterns with * wildcards).
type Permission struct {
	Actions        []string `json:"actions"`
	NotActions     []string `json:"notActions"`
	DataActions    []string `json:"dataActions"`
	NotDataActions []string `json:"notDataActions"`
}

// Permissions returns the caller's effective permissions at resourceID (one element per role
// assignment that applies, including inherited and group-based ones). It is always about the
// identity whose token the client uses.
func (c *Client) Permissions(ctx context.Context, resourceID string) ([]Permission, error) {
	p, err := ParseResourceID(resourceID)
	if err != nil {
		return nil, err
	}
	var out []Permission
	err = c.list(ctx, p.String()+"/providers/Microsoft.Authorization/permissions", apiAuthorization, func(raw []byte) error {
		var page struct {
			Value []Permission `json:"value"`
		}
		if err := jsonUnmarshal(raw, &page); err != nil {
			return err
		}
		out = append(out, page.Value...)
		return nil
	})
	return out, err
}

// HasDataAction reports whether perms allow a data action: some element has a matching
// dataActions pattern and no matching notDataActions pattern.
func HasDataAction(perms []Permission, action string) bool {
	for _, p := range perms {
		if anyMatch(p.DataActions, action) && !anyMatch(p.NotDataActions, action) {
			return true
		}
	}
	return false
}

// HasAction is HasDataAction for control-plane actions (actions / notActions).
func HasAction(perms []Permission, action string) bool {
	for _, p := range perms {
		if anyMatch(p.Actions, action) && !anyMatch(p.NotActions, action) {
			return true
		}
	}
	return false
}

func anyMatch(patterns []string, action string) bool {
	for _, pat := range patterns {
		if MatchAction(pat, action) {
			return true
		}
	}
	return false
}

// MatchAction matches an RBAC action pattern ("*" matches any run of characters, including "/")
// against an action, case-insensitively.
func MatchAction(pattern, action string) bool {
	p, a := strings.ToLower(pattern), strings.ToLower(action)
	// Iterative glob with backtracking to the last star.
	pi, ai, star, mark := 0, 0, -1, 0
	for ai < len(a) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ai
			pi++
		case pi < len(p) && p[pi] == a[ai]:
			pi++
			ai++
		case star >= 0:
			pi = star + 1
			mark++
			ai = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// RoleAssignment is one role assignment that applies to a principal at a scope.
type RoleAssignment struct {
	ID               string
	Name             string // GUID of the assignment
	Scope            string
	RoleDefinitionID string
	RoleGUID         string // last segment of RoleDefinitionID
	PrincipalID      string
	PrincipalType    string // User | Group | ServicePrincipal | ForeignGroup
	Condition        string
	CreatedOn        time.Time // zero when Resource Manager did not say
}

var guidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// RoleAssignments lists the assignments at or above scope that apply to principalOID, directly
// or through its groups ($filter=atScope() and assignedTo('<oid>')).
func (c *Client) RoleAssignments(ctx context.Context, scope, principalOID string) ([]RoleAssignment, error) {
	p, err := ParseResourceID(scope)
	if err != nil {
		return nil, err
	}
	if !guidRe.MatchString(principalOID) {
		return nil, &Error{Code: CodeBadInput, Message: fmt.Sprintf("%q is not an object ID (a GUID)", shorten(principalOID, 80))}
	}
	q := url.Values{"api-version": {apiAuthorization}, "$filter": {"atScope() and assignedTo('" + strings.ToLower(principalOID) + "')"}}
	var out []RoleAssignment
	next := p.String() + "/providers/Microsoft.Authorization/roleAssignments"
	for page := 0; page < 50 && next != ""; page++ {
		var resp struct {
			Value []struct {
				ID         string `json:"id"`
				Name       string `json:"name"`
				Properties struct {
					Scope            string `json:"scope"`
					RoleDefinitionID string `json:"roleDefinitionId"`
					PrincipalID      string `json:"principalId"`
					PrincipalType    string `json:"principalType"`
					Condition        string `json:"condition"`
					CreatedOn        string `json:"createdOn"`
				} `json:"properties"`
			} `json:"value"`
			NextLink string `json:"nextLink"`
		}
		if err := c.do(ctx, request{method: "GET", path: next, query: q}, &resp); err != nil {
			return out, err
		}
		for _, v := range resp.Value {
			ra := RoleAssignment{ID: v.ID, Name: v.Name, Scope: v.Properties.Scope, RoleDefinitionID: v.Properties.RoleDefinitionID,
				RoleGUID: lastSegment(v.Properties.RoleDefinitionID), PrincipalID: v.Properties.PrincipalID,
				PrincipalType: v.Properties.PrincipalType, Condition: v.Properties.Condition}
			if t, err := time.Parse(time.RFC3339Nano, v.Properties.CreatedOn); err == nil {
				ra.CreatedOn = t
			}
			out = append(out, ra)
		}
		next, q = resp.NextLink, nil
	}
	return out, nil
}

// RoleDefinition is a role's name and permissions.
type RoleDefinition struct {
	ID          string
	GUID        string
	Name        string // roleName, e.g. "Cognitive Services OpenAI User"
	Type        string // BuiltInRole | CustomRole
	Description string
	Permissions []Permission
}

// RoleDefinition reads a role definition by full id (as in a role assignment) or GUID. Results
// are cached by GUID for the client's lifetime.
func (c *Client) RoleDefinition(ctx context.Context, id string) (*RoleDefinition, error) {
	guid := strings.ToLower(lastSegment(id))
	if !guidRe.MatchString(guid) {
		return nil, &Error{Code: CodeBadInput, Message: fmt.Sprintf("%q is not a role definition id", shorten(id, 200))}
	}
	c.roleMu.Lock()
	if rd, ok := c.roles[guid]; ok {
		c.roleMu.Unlock()
		return rd, nil
	}
	c.roleMu.Unlock()

	path := "/providers/Microsoft.Authorization/roleDefinitions/" + guid
	if strings.Contains(id, "/") {
		p, err := ParseResourceID(id)
		if err != nil {
			return nil, err
		}
		path = p.String()
	}
	var resp struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Properties struct {
			RoleName    string       `json:"roleName"`
			Type        string       `json:"type"`
			Description string       `json:"description"`
			Permissions []Permission `json:"permissions"`
		} `json:"properties"`
	}
	if err := c.do(ctx, request{method: "GET", path: path, query: url.Values{"api-version": {apiAuthorization}}}, &resp); err != nil {
		return nil, err
	}
	rd := &RoleDefinition{ID: resp.ID, GUID: guid, Name: shorten(resp.Properties.RoleName, 200), Type: resp.Properties.Type,
		Description: shorten(resp.Properties.Description, 400), Permissions: resp.Properties.Permissions}
	c.roleMu.Lock()
	c.roles[guid] = rd
	c.roleMu.Unlock()
	return rd, nil
}

func lastSegment(s string) string {
	s = strings.TrimSuffix(s, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}
