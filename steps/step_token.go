package steps

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// stepToken checks the app's token against the clocks (its own and the service's), the
// resource's tenant and the issuer. Version 1.0 is normal and never a failure.
func (r *run) stepToken(ctx context.Context, s *stepCtx) Result {
	c, _, ok := r.appClaims(ctx)
	if !ok {
		return r.interrupted(s, "waiting for the app's token")
	}
	if c == nil {
		return s.result(Skip, "No token to check: the app's credential got none")
	}
	now := r.now()
	server := time.Time{}
	for _, t := range []*task[probeOut]{r.probe, r.reach} {
		if p, ok := t.get(ctx); ok && p.ran && !p.resp.ServerDate.IsZero() {
			server = p.resp.ServerDate
			break
		}
	}
	ref := now
	if !server.IsZero() {
		ref = server
	}
	var fails, warns []string
	fail := func(id cause.ID, msg string) { s.cause(id); fails = append(fails, msg) }

	// Lifetime.
	if !c.Iat.IsZero() {
		s.add("issued (iat)", stamp(c.Iat))
	}
	if !c.Nbf.IsZero() {
		s.add("valid from (nbf)", stamp(c.Nbf))
	}
	expired, notYet := false, false
	if c.Exp.IsZero() {
		warns = append(warns, "the token has no expiry (exp)")
	} else {
		left := c.Exp.Sub(ref)
		s.add("expires (exp)", stamp(c.Exp))
		switch {
		case left <= 0:
			expired = true
			s.add("lifetime left", "none: expired "+human(-left)+" ago")
		default:
			s.add("lifetime left", human(left))
			if left < 5*time.Minute {
				warns = append(warns, "the token expires in "+human(left)+"; the SDK's token provider should refresh it")
			}
		}
	}
	if !c.Nbf.IsZero() && c.Nbf.Sub(ref) > 0 {
		notYet = true
	}

	// Clocks.
	skew, skewKnown := time.Duration(0), !server.IsZero()
	if skewKnown {
		skew = now.Sub(server)
		s.add("this machine's clock", stamp(now))
		s.add("service clock (Date)", stamp(server))
		if abs(skew) > 2*time.Second {
			s.add("clock skew", signed(skew))
		}
	}
	skewed := skewKnown && abs(skew) > maxSkew
	switch {
	case skewed:
		fail(cause.ClockSkew, fmt.Sprintf("this machine's clock is %s off the service's: tokens look expired or not yet valid to the app", human(abs(skew))))
	case skewKnown && abs(skew) > time.Minute:
		warns = append(warns, "this machine's clock is "+human(abs(skew))+" off the service's")
	}
	switch {
	case expired:
		fail(cause.TokenExpired, "the token expired at "+stamp(c.Exp))
	case notYet:
		fail(cause.TokenExpired, "the token is not valid before "+stamp(c.Nbf))
	}
	if expired || notYet {
		if skewed {
			s.cause(cause.ClockSkew)
		}
	}

	// Tenant and issuer.
	s.add("tenant (tid)", c.Tid)
	if c.Iss != "" {
		s.add("issuer (iss)", c.Iss)
	}
	if it := c.IssuerTenant(); it != "" && c.Tid != "" && !strings.EqualFold(it, c.Tid) {
		warns = append(warns, "the issuer names tenant "+it+" but tid is "+c.Tid)
	}
	resTenant := ""
	if a, ok := r.arm.get(ctx); ok && a.account != nil {
		resTenant = a.account.TenantID
	}
	mismatch := false
	if resTenant != "" {
		s.add("resource tenant", resTenant)
		if c.Tid != "" && !strings.EqualFold(resTenant, c.Tid) {
			mismatch = true
			fail(cause.WrongTenant, fmt.Sprintf("the token is from tenant %s but the resource is in tenant %s", c.Tid, resTenant))
		}
	}
	if t := r.cfg.Tenant; t != "" && c.Tid != "" && !strings.EqualFold(t, c.Tid) && !mismatch {
		warns = append(warns, "the app's tenant setting is "+t+" but the token is from "+c.Tid)
	}
	if r.info != nil && r.info.Cloud != "" {
		if ic := c.IssuerCloud(); ic != "" && ic != r.info.Cloud && !strings.Contains(c.Iss, "sts.windows.net") {
			warns = append(warns, fmt.Sprintf("the issuer is in %s but the endpoint is in %s", endpoint.CloudName(ic), endpoint.CloudName(r.info.Cloud)))
		}
	}

	// Size and version.
	s.add("size", fmt.Sprintf("%d bytes", c.Size))
	switch {
	case c.Size > claims.SizeFail:
		fail(cause.TokenTooLarge, fmt.Sprintf("the token is %d bytes (%d groups): it exceeds the service's request header limit (431)", c.Size, len(c.Groups)))
	case c.Size > claims.SizeWarn:
		warns = append(warns, fmt.Sprintf("the token is %d bytes (%d groups): proxies with 8 KB header limits may refuse it", c.Size, len(c.Groups)))
	}
	if c.GroupsOverage {
		s.add("groups", "left out of the token (overage): groups are checked by the service, not carried in the token")
	}
	if v := c.Version(); v != "" {
		s.add("version", v+" (both 1.0 and 2.0 are accepted; 1.0 is what this resource is issued)")
	}

	r.setFacts(func(f *facts) {
		f.haveClaims = true
		f.expired, f.notYetValid = expired, notYet
		f.skew, f.skewKnown = skew, skewKnown
		f.tenantMismatch = mismatch
		f.tooLarge = c.Size > claims.SizeFail
	})
	fc := r.fixContext()
	if len(fails) > 0 {
		res := s.result(Fail, capital(strings.Join(fails, "; ")))
		for _, id := range res.Causes {
			s.fix(FixesFor(id, fc)...)
		}
		return s.result(Fail, res.Summary)
	}
	if len(warns) > 0 {
		return s.result(Warn, capital(strings.Join(warns, "; ")))
	}
	summary := fmt.Sprintf("The token is valid for %s more", human(c.Exp.Sub(ref)))
	if resTenant != "" {
		summary += ", from the resource's tenant"
	}
	return s.result(Pass, summary)
}

// stamp formats a time for evidence.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// human rounds a duration for people: 45s, 12m, 2h5m.
func human(d time.Duration) string {
	d = abs(d)
	switch {
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Round(time.Minute)/time.Minute))
	case d < 48*time.Hour:
		d = d.Round(time.Minute)
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh%dm", h, m)
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}

func signed(d time.Duration) string {
	if d < 0 {
		return human(d) + " behind the service"
	}
	return human(d) + " ahead of the service"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
