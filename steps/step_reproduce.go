package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/classify"
	"github.com/aoai-doctor/aoai-doctor/azure/cred"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// stepReproduce gets the app's token the way the app does and makes the app's call with it;
// with --api-key it also makes the call with the key, to compare.
func (r *run) stepReproduce(ctx context.Context, s *stepCtx) Result {
	s.note("getting a token with the app's credential (" + r.kind + ")")
	r.keyProbe.start()
	a, ok := r.acquire.get(ctx)
	if !ok {
		return r.interrupted(s, "getting the app's token")
	}
	if len(a.res.Links) > 0 {
		s.add("credential chain", chainText(a.res.Links))
	}
	s.add("scope requested", showScope(r.appScope))

	if !a.ok() {
		errText := "no token"
		if a.res.Err != nil {
			errText = a.res.Err.Error()
		}
		c, f := r.acquireFailure(a, errText)
		s.add("error", clip(sanitize.Text(classify.Redact(errText)), 1200))
		s.cause(c)
		s.fix(FixesFor(c, r.fixContext())...)
		r.setFacts(func(fc *facts) { fc.acquireFailed, fc.acquireCause = true, c })
		r.keyComparison(ctx, s)
		summary := fmt.Sprintf("The app's credential (%s) got no token: %s", r.kind, firstNonEmpty(f.Summary, cause.Title(c)))
		return s.result(Fail, summary)
	}

	s.add("credential used", a.res.Credential)
	who := ""
	if c := a.res.Claims; c != nil {
		who = c.Identity()
		if c.Oid != "" && !strings.Contains(who, c.Oid) {
			who += " (object ID " + c.Oid + ")"
		}
		s.add("signed in as", who)
	}
	s.add("token", claims.Mask(a.res.Token))

	s.note("calling the endpoint with the app's token")
	p, ok := r.probe.get(ctx)
	if !ok {
		return r.interrupted(s, "making the app's call")
	}
	if p.ran && p.resp.URL != "" {
		s.add("request", p.resp.Method+" "+p.resp.URL)
	}
	s.add("response", describe(p))
	for _, h := range []string{"apim-request-id", "x-ms-region", "policy-id"} {
		if v := p.resp.Headers[h]; v != "" {
			s.add(h, v)
		}
	}
	top := p.top()
	r.setFacts(func(fc *facts) {
		fc.probeRan, fc.probeOK, fc.probeStatus = p.ran, p.ok(), p.resp.Status
		if !p.ok() {
			fc.probeCause = findingCause(top)
		}
	})
	r.keyComparison(ctx, s)
	if p.ok() {
		return s.result(Pass, fmt.Sprintf("The app's call succeeds with Entra ID (%d)", p.resp.Status))
	}
	c := findingCause(top)
	s.cause(c)
	summary := "The app's call fails: " + describe(p)
	if top.Summary != "" && c != cause.Unknown {
		summary += "\n" + sanitize.Text(top.Summary)
	}
	if !p.ran || p.resp.Status == 0 {
		return s.result(Error, summary)
	}
	return s.result(Fail, summary)
}

// acquireFailure classifies why the app's credential got no token.
func (r *run) acquireFailure(a acquireOut, errText string) (cause.ID, classify.Finding) {
	fs := classify.Classify(classify.Input{Text: errText, Endpoint: r.info, Now: r.now()})
	var top classify.Finding
	if len(fs) > 0 {
		top = fs[0]
	}
	c := findingCause(top)
	if c == cause.Unknown || c == cause.NotAnError {
		// Every link unavailable and none failed: nothing could be used.
		allSkipped := len(a.res.Links) > 0
		for _, l := range a.res.Links {
			if l.Status == cred.StatusFailed || l.Status == cred.StatusUsed {
				allSkipped = false
			}
		}
		if allSkipped || r.kind == cred.KindDefault {
			c = cause.CredentialUnavailable
		}
	}
	return c, top
}

// keyComparison makes the call with --api-key and records what it shows.
func (r *run) keyComparison(ctx context.Context, s *stepCtx) {
	if strings.TrimSpace(r.cfg.APIKey) == "" {
		return
	}
	k, ok := r.keyProbe.get(ctx)
	if !ok || !k.ran {
		return
	}
	if _, err := claims.Decode(r.cfg.APIKey); err == nil {
		s.add("with the API key", "the key is a JWT: the app sends an Entra ID token in the api-key header ("+describe(k)+"); a token goes in 'Authorization: Bearer'")
		s.cause(cause.WrongAuthHeader)
		r.setFacts(func(fc *facts) { fc.keyCause = cause.WrongAuthHeader })
		return
	}
	switch {
	case k.ok():
		s.add("with the API key", fmt.Sprintf("works (%d): the resource and deployment are fine; the difference is Entra ID", k.resp.Status))
	default:
		c := findingCause(k.top())
		s.add("with the API key", describe(k))
		if c == cause.LocalAuthDisabled || k.resp.Status == 403 && strings.Contains(k.resp.Body, "AuthenticationTypeDisabled") {
			c = cause.LocalAuthDisabled
			s.cause(c)
			s.add("note", "keys are disabled on this resource: only Entra ID works, so any key the app still sends fails")
		}
		r.setFacts(func(fc *facts) { fc.keyCause = c })
	}
}

// chainText lists the credential chain, one link a line.
func chainText(links []cred.Link) string {
	var b strings.Builder
	for i, l := range links {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s: %s", l.Name, l.Status)
		if l.Detail != "" {
			b.WriteString(" (" + sanitize.Line(l.Detail) + ")")
		}
	}
	return b.String()
}

func showScope(s string) string {
	if strings.TrimSpace(s) == "" {
		return `"" (empty)`
	}
	return s
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}
