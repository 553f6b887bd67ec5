package claims

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// Lint statuses.
const (
	Pass = "pass"
	Warn = "warn"
	Fail = "fail"
)

// Size limits for the Authorization header.
const (
	SizeWarn = 8 * 1024  // some front ends and proxies refuse headers above ~8 KB
	SizeFail = 16 * 1024 // the service's header limit (431 Request Header Fields Too Large)
)

// manyGroups is the group count from which the token's size becomes a concern.
const manyGroups = 150

// Finding is one lint result. Cause is set for warn and fail; it is empty for a pass.
type Finding struct {
	Check   string // "audience", "expiry", "lifetime", "tenant", "issuer", "version", "size", "groups"
	Status  string // "pass" | "warn" | "fail"
	Summary string
	Cause   cause.ID
}

// Lint checks a decoded token against the endpoint (may be nil), the expected tenant
// (--tenant; may be empty, a GUID or a domain) and the current time.
func Lint(c *Claims, info *endpoint.Info, tenant string, now time.Time) []Finding {
	if c == nil {
		return []Finding{{Check: "token", Status: Fail, Summary: "no token to check", Cause: cause.CredentialUnavailable}}
	}
	var out []Finding
	out = append(out, lintAudience(c, info))
	out = append(out, lintTimes(c, now)...)
	out = append(out, lintTenant(c, tenant))
	out = append(out, lintIssuer(c, info))
	out = append(out, lintVersion(c))
	out = append(out, lintSize(c))
	if f, ok := lintGroups(c); ok {
		out = append(out, f)
	}
	return out
}

// Failed reports whether any finding failed.
func Failed(fs []Finding) bool {
	for _, f := range fs {
		if f.Status == Fail {
			return true
		}
	}
	return false
}

func show(s string) string { return sanitize.Line(clipS(s, 200)) }

func clipS(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func lintAudience(c *Claims, info *endpoint.Info) Finding {
	f := Finding{Check: "audience"}
	aud := show(c.Aud)
	if c.Aud == "" {
		f.Status, f.Cause = Fail, cause.WrongAudience
		f.Summary = "the token has no audience (aud) claim; request a token for " + scopeOf(info)
		return f
	}
	if endpoint.AudienceMatches(c.Aud, info) {
		f.Status = Pass
		if info != nil && info.Kind != endpoint.KindUnknown {
			f.Summary = "audience " + aud + " is accepted by " + info.Host
		} else {
			f.Summary = "audience " + aud + " is an Azure OpenAI / Foundry audience"
		}
		return f
	}
	if info == nil || len(info.Audiences) == 0 {
		// No endpoint to compare with: name what the audience is for.
		f.Status, f.Cause = Fail, cause.WrongAudience
		what := endpoint.DescribeAudience(c.Aud)
		if what == "" {
			what = "a resource that is not Azure OpenAI or Foundry"
		}
		f.Summary = fmt.Sprintf("audience %s is for %s; Azure OpenAI needs https://cognitiveservices.azure.com (Foundry projects https://ai.azure.com)", aud, what)
		return f
	}
	want := strings.Join(info.Audiences, " or ")
	f.Status, f.Cause = Fail, cause.WrongAudience
	ac := endpoint.AudienceCloud(c.Aud)
	if ac != "" && info.Cloud != "" && ac != info.Cloud && sameResourceOtherCloud(c.Aud, info) {
		f.Cause = cause.WrongCloud
		f.Summary = fmt.Sprintf("audience %s belongs to %s but %s is in %s: expected %s; request %s", aud, endpoint.CloudName(ac), info.Host, endpoint.CloudName(info.Cloud), want, info.Scope)
		return f
	}
	what := endpoint.DescribeAudience(c.Aud)
	if what != "" {
		what = " (" + what + ")"
	}
	f.Summary = fmt.Sprintf("wrong audience: expected %s, got %s%s; request the scope %s", want, aud, what, info.Scope)
	return f
}

// sameResourceOtherCloud: the audience is the cognitiveservices/ai resource of another cloud.
func sameResourceOtherCloud(aud string, info *endpoint.Info) bool {
	d := endpoint.DescribeAudience(aud)
	return strings.HasPrefix(d, "cognitiveservices") || strings.HasPrefix(d, "ai.azure.com")
}

func scopeOf(info *endpoint.Info) string {
	if info != nil && info.Scope != "" {
		return info.Scope
	}
	return "https://cognitiveservices.azure.com/.default"
}

// skewTolerance is how far token times may be off before it matters (services allow ~5 minutes).
const skewTolerance = 5 * time.Minute

func lintTimes(c *Claims, now time.Time) []Finding {
	var out []Finding
	if !c.Iat.IsZero() && c.Iat.Sub(now) > skewTolerance {
		out = append(out, Finding{Check: "clock", Status: Warn, Cause: cause.ClockSkew,
			Summary: fmt.Sprintf("the token was issued %s in the future (iat %s): this machine's clock is probably behind; sync it (NTP, or hwclock -s on WSL2)",
				HumanDuration(c.Iat.Sub(now)), stamp(c.Iat))})
	}
	switch {
	case c.Exp.IsZero():
		out = append(out, Finding{Check: "expiry", Status: Warn, Cause: cause.TokenExpired,
			Summary: "the token has no expiry (exp) claim; Entra ID access tokens always carry one"})
	case !now.Before(c.Exp):
		out = append(out, Finding{Check: "expiry", Status: Fail, Cause: cause.TokenExpired,
			Summary: fmt.Sprintf("the token expired %s ago (exp %s): a token string kept by the app goes stale after about an hour; use a token provider / credential that refreshes", HumanDuration(now.Sub(c.Exp)), stamp(c.Exp))})
	case !c.Nbf.IsZero() && c.Nbf.After(now):
		out = append(out, Finding{Check: "expiry", Status: Fail, Cause: cause.TokenExpired,
			Summary: fmt.Sprintf("the token is not valid yet: it becomes valid in %s (nbf %s); if this persists, this machine's clock is behind", HumanDuration(c.Nbf.Sub(now)), stamp(c.Nbf))})
	default:
		left := c.Exp.Sub(now)
		f := Finding{Check: "lifetime", Status: Pass,
			Summary: fmt.Sprintf("valid for another %s (until %s)", HumanDuration(left), stamp(c.Exp))}
		if left < skewTolerance {
			f.Status, f.Cause = Warn, cause.TokenExpired
			f.Summary = fmt.Sprintf("the token expires in %s (%s); clients refresh 5 minutes before expiry, a fixed token string will fail soon", HumanDuration(left), stamp(c.Exp))
		}
		out = append(out, f)
	}
	return out
}

func lintTenant(c *Claims, tenant string) Finding {
	f := Finding{Check: "tenant", Status: Pass}
	tid := show(c.Tid)
	want := strings.TrimSpace(tenant)
	if c.Tid == "" {
		f.Status, f.Cause = Warn, cause.WrongTenant
		f.Summary = "the token has no tenant (tid) claim"
		return f
	}
	if it := c.IssuerTenant(); it != "" && !strings.EqualFold(it, c.Tid) {
		f.Status, f.Cause = Warn, cause.WrongTenant
		f.Summary = fmt.Sprintf("the issuer names tenant %s but tid is %s", show(it), tid)
		return f
	}
	switch {
	case want == "":
		f.Summary = "tenant " + tid
	case isGUID(want) && strings.EqualFold(want, c.Tid):
		f.Summary = "tenant " + tid + " matches --tenant"
	case isGUID(want):
		f.Status, f.Cause = Fail, cause.WrongTenant
		f.Summary = fmt.Sprintf("wrong tenant: the token is from tenant %s, expected %s; get the token in the resource's tenant (az login --tenant %s, or set the credential's tenant)", tid, show(want), show(want))
	default:
		f.Summary = fmt.Sprintf("tenant %s (--tenant %s is a domain name, which cannot be compared offline)", tid, show(want))
	}
	return f
}

// entraIssuers are the hosts Microsoft Entra ID issues tokens from.
var entraIssuers = map[string]bool{
	"sts.windows.net": true, "login.microsoftonline.com": true, "login.windows.net": true,
	"login.microsoftonline.us": true, "sts.chinacloudapi.cn": true, "login.chinacloudapi.cn": true,
	"login.partner.microsoftonline.cn": true,
}

func lintIssuer(c *Claims, info *endpoint.Info) Finding {
	f := Finding{Check: "issuer", Status: Pass}
	u, err := url.Parse(c.Iss)
	if c.Iss == "" || err != nil || u.Host == "" {
		f.Status, f.Cause = Warn, cause.Unknown
		f.Summary = "the token has no readable issuer (iss)"
		return f
	}
	host := strings.ToLower(u.Hostname())
	if !entraIssuers[host] {
		f.Status, f.Cause = Fail, cause.WrongTenant
		f.Summary = fmt.Sprintf("the issuer %s is not Microsoft Entra ID; Azure OpenAI accepts only Entra ID tokens", show(c.Iss))
		return f
	}
	ic := c.IssuerCloud()
	// sts.windows.net is used for v1 tokens in more than one cloud: do not judge by it.
	ambiguous := host == "sts.windows.net" || host == "login.windows.net"
	if info != nil && info.Cloud != "" && ic != "" && !ambiguous && ic != info.Cloud {
		f.Status, f.Cause = Fail, cause.WrongCloud
		f.Summary = fmt.Sprintf("the token comes from %s (%s) but %s is in %s: sign in to the endpoint's cloud (az cloud set, or the credential's authority host)",
			endpoint.CloudName(ic), host, info.Host, endpoint.CloudName(info.Cloud))
		return f
	}
	f.Summary = "issuer " + show(c.Iss)
	return f
}

func lintVersion(c *Claims) Finding {
	f := Finding{Check: "version", Status: Pass}
	switch c.Version() {
	case "1.0":
		f.Summary = "v1.0 token: normal for Azure OpenAI (the resource, not the endpoint, picks the version)"
	case "2.0":
		f.Summary = "v2.0 token: accepted too; what matters is the audience"
	default:
		f.Summary = "no token version claim; the version does not matter to Azure OpenAI"
	}
	return f
}

func lintSize(c *Claims) Finding {
	f := Finding{Check: "size", Status: Pass, Summary: fmt.Sprintf("%d bytes", c.Size)}
	switch {
	case c.Size > SizeFail:
		f.Status, f.Cause = Fail, cause.TokenTooLarge
		f.Summary = fmt.Sprintf("the token is %d bytes, above the ~16 KB header limit: requests get 431 Request Header Fields Too Large; reduce group claims (emit only groups assigned to the app)", c.Size)
	case c.Size > SizeWarn:
		f.Status, f.Cause = Warn, cause.TokenTooLarge
		f.Summary = fmt.Sprintf("the token is %d bytes, above 8 KB: proxies and some front ends refuse headers that large (431)", c.Size)
	}
	return f
}

func lintGroups(c *Claims) (Finding, bool) {
	switch {
	case c.GroupsOverage:
		return Finding{Check: "groups", Status: Pass, Summary: "groups overage: the user is in many groups, so the token lists none (role assignments through groups still apply)"}, true
	case len(c.Groups) >= manyGroups:
		return Finding{Check: "groups", Status: Warn, Cause: cause.TokenTooLarge,
			Summary: fmt.Sprintf("the token lists %d groups, which makes it large; configure the app registration to emit only assigned groups", len(c.Groups))}, true
	case len(c.Groups) > 0:
		return Finding{Check: "groups", Status: Pass, Summary: fmt.Sprintf("%d group claims", len(c.Groups))}, true
	}
	return Finding{}, false
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// HumanDuration writes a duration the way a person says it: "45s", "12m", "3h5m", "4 days".
func HumanDuration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		h := int(d.Hours())
		m := int(d.Minutes()) - h*60
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh%dm", h, m)
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}
