package steps

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// stepScope compares the scope the app requests with the one the endpoint needs, and the
// token's audience with the audiences the endpoint accepts. v1 tokens are normal here.
func (r *run) stepScope(ctx context.Context, s *stepCtx) Result {
	scope := r.appScope
	label := showScope(scope)
	if !r.cfg.ScopeSet {
		label += " (not given: the right one for this endpoint is assumed)"
	}
	s.add("scope the app requests", label)
	s.add("scope the endpoint needs", r.audienceScope())

	var problems []endpoint.Problem
	if r.kind != "token" || r.cfg.ScopeSet {
		problems = endpoint.ScopeProblems(scope, r.info)
	}
	var ids []cause.ID
	for _, p := range problems {
		s.add("problem", p.Summary)
		s.cause(p.Cause)
		ids = append(ids, p.Cause)
	}
	r.setFacts(func(f *facts) {
		f.scopeProblems = ids
		if r.kind != "token" || r.cfg.ScopeSet {
			f.scopeCloud = endpoint.AudienceCloud(scope)
		}
		f.authorityCloud = authorityCloud(r.getenv("AZURE_AUTHORITY_HOST"))
	})
	if len(ids) > 0 {
		s.fix(FixesFor(ids[0], r.fixContext())...)
	}

	c, a, ok := r.appClaims(ctx)
	if !ok {
		return r.interrupted(s, "waiting for the app's token")
	}
	if c == nil {
		why := "the app's credential got no token"
		if a.ok() {
			why = "the app's token is not a readable JWT"
		}
		if len(problems) > 0 {
			return s.result(Fail, problems[0].Summary)
		}
		return s.result(Skip, fmt.Sprintf("The scope is right for this endpoint; the token's audience was not checked: %s", why))
	}

	audOK := endpoint.AudienceMatches(c.Aud, r.info)
	s.add("token audience (aud)", showScope(c.Aud))
	if r.info != nil && len(r.info.Audiences) > 0 {
		s.add("audiences the endpoint accepts", strings.Join(r.info.Audiences, " or "))
	}
	if v := c.Version(); v != "" {
		note := v
		if v == "1.0" {
			note += " (normal: this resource is issued v1.0 tokens even from the v2.0 endpoint)"
		}
		s.add("token version", note)
	}
	r.setFacts(func(f *facts) {
		f.haveClaims = true
		f.audOK = audOK
		f.audCloud = c.AudienceCloud()
	})
	if !audOK {
		id := cause.WrongAudience
		if len(ids) > 0 {
			id = ids[0]
		}
		s.cause(id)
		if len(ids) == 0 {
			s.fix(FixesFor(id, r.fixContext())...)
		}
		what := endpoint.DescribeAudience(c.Aud)
		if what != "" {
			what = ", a token for " + what
		}
		return s.result(Fail, fmt.Sprintf("The token's audience %s%s is not one the endpoint accepts (%s)",
			showScope(c.Aud), what, strings.Join(r.info.Audiences, " or ")))
	}
	if len(problems) > 0 {
		return s.result(Fail, problems[0].Summary)
	}
	return s.result(Pass, fmt.Sprintf("The app requests %s and the token's audience %s is accepted", showScope(scope), c.Aud))
}

// authorityCloud is the cloud of an AZURE_AUTHORITY_HOST value ("" when unset or not a
// Microsoft authority, e.g. a test server).
func authorityCloud(host string) string {
	u, err := url.Parse(strings.TrimSpace(host))
	if err != nil || u.Host == "" {
		return ""
	}
	return endpoint.CloudOfHost(u.Hostname())
}
