// Package claims decodes an Entra ID access token for display and lint. It never verifies
// the signature and never keeps the token itself.
package claims

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// Claims are the fields of an access token that matter for diagnosis.
type Claims struct {
	Raw                             map[string]any // every payload claim (no secrets: the signature is dropped)
	Aud, Iss, Tid, Oid, Sub         string
	Upn, UniqueName, Name           string
	AppID, Azp, Idtyp, Scp, Ver     string
	XmsMirid                        string
	Roles, Groups                   []string
	Exp, Nbf, Iat                   time.Time
	Size                            int // length of the token in bytes (without "Bearer ")
	HeaderAlg, HeaderKid, HeaderTyp string
	GroupsOverage                   bool // groups were left out of the token (_claim_names / hasgroups)
}

// Decode reads a JWT without checking its signature. A leading "Bearer " (or a whole
// "Authorization: Bearer " header line) is accepted. Errors say what is wrong in plain words.
func Decode(token string) (*Claims, error) {
	t := Trim(token)
	if t == "" {
		return nil, errors.New("the token is empty: pass a JWT (eyJ...) as the argument, with --token, or on stdin")
	}
	if looksLikeAPIKey(t) {
		return nil, fmt.Errorf("this looks like an API key (%d hex characters), not an Entra ID token: keys go in the api-key header; a token is a JWT starting with eyJ (az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)", len(t))
	}
	parts := strings.Split(t, ".")
	switch {
	case len(parts) == 5:
		return nil, errors.New("not a readable JWT: it has five parts, so it is encrypted (JWE); access tokens for Azure OpenAI are signed JWTs with three parts")
	case len(parts) != 3:
		return nil, fmt.Errorf("not a JWT: expected three parts separated by dots, got %d", len(parts))
	}
	var hdr map[string]any
	if err := decodeSegment(parts[0], &hdr); err != nil {
		return nil, fmt.Errorf("the token's header is not base64url JSON (%v)", err)
	}
	var payload map[string]any
	if err := decodeSegment(parts[1], &payload); err != nil {
		return nil, fmt.Errorf("the token's payload is not base64url JSON (%v)", err)
	}
	if payload == nil {
		return nil, errors.New("the token's payload is not a JSON object")
	}
	c := &Claims{Raw: payload, Size: len(t)}
	c.HeaderAlg, c.HeaderKid, c.HeaderTyp = str(hdr["alg"]), str(hdr["kid"]), str(hdr["typ"])
	c.Aud = firstString(payload["aud"])
	c.Iss, c.Tid, c.Oid, c.Sub = str(payload["iss"]), str(payload["tid"]), str(payload["oid"]), str(payload["sub"])
	c.Upn, c.UniqueName, c.Name = str(payload["upn"]), str(payload["unique_name"]), str(payload["name"])
	c.AppID, c.Azp, c.Idtyp, c.Scp, c.Ver = str(payload["appid"]), str(payload["azp"]), str(payload["idtyp"]), str(payload["scp"]), str(payload["ver"])
	c.XmsMirid = str(payload["xms_mirid"])
	c.Roles, c.Groups = stringList(payload["roles"]), stringList(payload["groups"])
	c.Exp, c.Nbf, c.Iat = unixTime(payload["exp"]), unixTime(payload["nbf"]), unixTime(payload["iat"])
	if names, ok := payload["_claim_names"].(map[string]any); ok {
		if _, ok := names["groups"]; ok {
			c.GroupsOverage = true
		}
	}
	if b, ok := payload["hasgroups"].(bool); ok && b {
		c.GroupsOverage = true
	}
	return c, nil
}

// Trim removes surrounding space and quotes, an "Authorization:" header name and a "Bearer " prefix.
func Trim(token string) string {
	t := strings.TrimSpace(token)
	t = strings.Trim(t, "\"'")
	t = strings.TrimSpace(t)
	if len(t) >= 14 && strings.EqualFold(t[:14], "authorization:") {
		t = strings.TrimSpace(t[14:])
	}
	if len(t) >= 6 && strings.EqualFold(t[:6], "bearer") && (len(t) == 6 || t[6] == ' ' || t[6] == '\t') {
		t = strings.TrimSpace(t[6:])
	}
	return t
}

// Mask shows at most the first 6 characters and the length: "eyJ0eX…(1532 chars)".
// Short values show fewer characters so that most of a short secret stays hidden.
func Mask(token string) string {
	t := Trim(token)
	if t == "" {
		return "(empty)"
	}
	n := 0
	if len(t) >= 16 {
		n = min(6, len(t)/4)
	}
	prefix := t[:n]
	for i := range prefix { // keep only plain characters in the visible part
		if prefix[i] < 0x21 || prefix[i] > 0x7e {
			prefix = prefix[:i]
			break
		}
	}
	return fmt.Sprintf("%s…(%d chars)", prefix, len(t))
}

func looksLikeAPIKey(t string) bool {
	if len(t) != 32 {
		return false
	}
	for _, c := range t {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// decodeSegment decodes base64url JSON, tolerating padding and the standard alphabet.
func decodeSegment(seg string, v any) error {
	if seg == "" {
		return errors.New("the part is empty")
	}
	s := strings.TrimRight(seg, "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return errors.New("it contains characters outside the base64url alphabet")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return errors.New("the decoded bytes are not a JSON object")
	}
	if dec.More() {
		return errors.New("there is extra data after the JSON object")
	}
	return nil
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func firstString(v any) string {
	if a, ok := v.([]any); ok {
		for _, e := range a {
			if s := str(e); s != "" {
				return s
			}
		}
		return ""
	}
	return str(v)
}

func stringList(v any) []string {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s := str(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case string:
		if x != "" {
			return []string{x}
		}
	}
	return nil
}

// unixTime reads a NumericDate given as a number or a numeric string.
func unixTime(v any) time.Time {
	var f float64
	switch x := v.(type) {
	case json.Number:
		g, err := x.Float64()
		if err != nil {
			return time.Time{}
		}
		f = g
	case float64:
		f = x
	case string:
		g, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return time.Time{}
		}
		f = g
	default:
		return time.Time{}
	}
	if math.IsNaN(f) || f <= 0 || f > 253402300799 { // after year 9999: nonsense
		return time.Time{}
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC()
}

// Identity is whom the token stands for, for display: the UPN, else the app or object ID.
func (c *Claims) Identity() string {
	switch {
	case c.Upn != "":
		return c.Upn
	case c.UniqueName != "":
		return c.UniqueName
	case c.Kind() == "managed-identity" && c.XmsMirid != "":
		name := c.XmsMirid
		if i := strings.LastIndexByte(name, '/'); i >= 0 && i < len(name)-1 {
			name = name[i+1:]
		}
		return "managed identity " + name + appSuffix(c)
	case c.AppID != "" || c.Azp != "":
		return "app " + c.appID() + objSuffix(c)
	case c.Oid != "":
		return "object " + c.Oid
	}
	return c.Sub
}

func (c *Claims) appID() string {
	if c.AppID != "" {
		return c.AppID
	}
	return c.Azp
}

func appSuffix(c *Claims) string {
	if id := c.appID(); id != "" {
		return " (client ID " + id + ")"
	}
	return ""
}

func objSuffix(c *Claims) string {
	if c.Oid != "" {
		return " (object ID " + c.Oid + ")"
	}
	return ""
}

// Kind is "user", "managed-identity" or "service-principal".
func (c *Claims) Kind() string {
	app := strings.EqualFold(c.Idtyp, "app")
	if c.XmsMirid != "" {
		return "managed-identity"
	}
	if app {
		for k := range c.Raw {
			if strings.HasPrefix(k, "xms_mi") {
				return "managed-identity"
			}
		}
		return "service-principal"
	}
	if c.Upn != "" || c.Scp != "" || strings.EqualFold(c.Idtyp, "user") || c.UniqueName != "" {
		return "user"
	}
	return "service-principal"
}

// Version is "1.0" or "2.0" from the ver claim or the issuer's shape, else "".
func (c *Claims) Version() string {
	switch strings.TrimSpace(c.Ver) {
	case "1.0", "1":
		return "1.0"
	case "2.0", "2":
		return "2.0"
	}
	iss := strings.TrimRight(c.Iss, "/")
	switch {
	case strings.HasSuffix(iss, "/v2.0"):
		return "2.0"
	case strings.Contains(iss, "sts.windows.net") || strings.Contains(iss, "sts.chinacloudapi.cn") || iss != "" && !strings.Contains(iss, "/v2.0"):
		return "1.0"
	}
	return ""
}

// IssuerCloud is the cloud the issuer names. sts.windows.net is ambiguous (it also issues
// sovereign v1 tokens in some setups) and is reported as "public".
func (c *Claims) IssuerCloud() string {
	u, err := url.Parse(c.Iss)
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	switch h {
	case "sts.chinacloudapi.cn", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn":
		return endpoint.CloudChina
	case "login.microsoftonline.us":
		return endpoint.CloudUSGov
	}
	return endpoint.CloudOfHost(h)
}

// AudienceCloud is the cloud of the audience host ("" when the audience is a GUID or unknown).
func (c *Claims) AudienceCloud() string { return endpoint.AudienceCloud(c.Aud) }

// Cloud is the token's cloud: the audience's when it is cloud-specific, else the issuer's.
func (c *Claims) Cloud() string {
	if a := c.AudienceCloud(); a != "" && a != endpoint.CloudPublic {
		return a
	}
	if i := c.IssuerCloud(); i != "" {
		return i
	}
	return c.AudienceCloud()
}

// IssuerTenant is the tenant GUID inside the issuer URL ("" when none).
func (c *Claims) IssuerTenant() string {
	u, err := url.Parse(c.Iss)
	if err != nil {
		return ""
	}
	seg := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(seg) > 0 && isGUID(seg[0]) {
		return strings.ToLower(seg[0])
	}
	return ""
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
