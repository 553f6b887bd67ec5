package steps

import (
	"context"
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/arm"
	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// stepEndpoint reads the endpoint URL (https, host kind, custom subdomain or regional, extra
// path or query, the base URL to use) and checks that it answers and maps to a resource.
func (r *run) stepEndpoint(ctx context.Context, s *stepCtx) Result {
	r.reach.start()
	r.arm.start()
	if r.info == nil {
		s.add("error", oneLineErr(r.infoErr))
		s.cause(cause.EndpointPath)
		r.setFacts(func(f *facts) { f.endpointProblems = []cause.ID{cause.EndpointPath} })
		return s.result(Fail, "The endpoint is not a URL: "+oneLineErr(r.infoErr))
	}
	info := r.info
	s.add("endpoint", info.Input)
	kind := string(info.Kind)
	if info.Cloud != "" {
		kind += " in " + endpoint.CloudName(info.Cloud)
	}
	s.add("kind", kind)
	switch info.Kind {
	case endpoint.KindRegional:
		s.add("subdomain", "none: "+info.Host+" is the shared regional endpoint of "+info.Subdomain)
	case endpoint.KindServerless, endpoint.KindUnknown:
	default:
		if info.Subdomain != "" {
			s.add("custom subdomain", info.Subdomain)
		}
	}
	if info.Project != "" {
		s.add("project", info.Project)
	}
	if info.BaseURL != "" && !sameURL(info.BaseURL, info.Input) {
		s.add("use as the base endpoint", info.BaseURL)
	}

	var blocking []cause.ID
	var warns []string
	for _, p := range info.Problems {
		s.add("problem", p.Summary)
		if p.Cause == cause.Unknown {
			warns = append(warns, p.Summary)
			continue
		}
		s.cause(p.Cause)
		blocking = append(blocking, p.Cause)
	}
	for _, n := range info.Notes {
		s.add("note", n)
	}
	// What the URL itself shows is certain: record it before anything can time out.
	r.setFacts(func(f *facts) {
		f.endpointCloud = info.Cloud
		f.endpointProblems = append([]cause.ID(nil), blocking...)
	})

	s.note("checking that " + info.Host + " answers")
	reach, ok := r.reach.get(ctx)
	if !ok {
		return r.interrupted(s, "checking that the endpoint answers")
	}
	if reach.ran {
		top := reach.top()
		switch {
		case reach.resp.Err != nil:
			s.add("reachable", "no: "+describe(reach))
			c := findingCause(top)
			if c == cause.Unknown {
				c = cause.EndpointNotFound
			}
			s.cause(c)
			blocking = append(blocking, c)
		case top.Cause == cause.EndpointNotFound || top.Cause == cause.NetworkBlocked:
			s.add("reachable", fmt.Sprintf("answers, but: %s", describe(reach)))
			s.cause(top.Cause)
			if top.Cause == cause.EndpointNotFound {
				blocking = append(blocking, top.Cause)
			}
		default:
			s.add("reachable", fmt.Sprintf("yes (HTTP %d without a token)", reach.resp.Status))
		}
	}

	s.note("looking up the resource in Azure Resource Manager")
	a, ok := r.arm.get(ctx)
	if !ok {
		return r.interrupted(s, "looking up the resource")
	}
	if acct := a.account; acct != nil {
		s.add("resource", fmt.Sprintf("%s (%s, %s)", acct.Name, acct.Kind, acct.Location))
		s.add("resource ID", acct.ID)
		if acct.CustomSubDomain == nil && !containsCause(blocking, cause.RegionalEndpoint) {
			s.add("problem", "the resource has no custom subdomain: Entra ID needs one")
			s.cause(cause.RegionalEndpoint)
			blocking = append(blocking, cause.RegionalEndpoint)
		}
		if acct.NetworkRestricted() {
			s.add("network", networkWords(acct))
		}
		if acct.DisableLocalAuth {
			s.add("key auth", "disabled on the resource (only Entra ID works)")
		}
		if r.cfg.Deployment != "" && acct.DeploymentsErr == nil && len(acct.Deployments) > 0 && acct.Deployment(r.cfg.Deployment) == nil {
			names := make([]string, 0, len(acct.Deployments))
			for _, d := range acct.Deployments {
				names = append(names, d.Name)
			}
			warns = append(warns, fmt.Sprintf("no deployment named %q (the resource has %s)", r.cfg.Deployment, strings.Join(names, ", ")))
			s.add("deployment", fmt.Sprintf("%q not found; deployments: %s", r.cfg.Deployment, strings.Join(names, ", ")))
		}
	} else if arm.IsNotFound(a.err) {
		s.add("resource", "no resource visible to "+firstNonEmpty(a.as, "the available identities")+" serves "+info.Host)
	} else if a.err != nil {
		s.add("resource", "not looked up: "+oneLineErr(a.err))
	}

	r.setFacts(func(f *facts) {
		f.endpointCloud = info.Cloud
		f.endpointProblems = append([]cause.ID(nil), blocking...)
	})
	if len(blocking) > 0 {
		s.fix(FixesFor(blocking[0], r.fixContext())...)
		return s.result(Fail, endpointSummary(info, blocking[0]))
	}
	if len(warns) > 0 {
		return s.result(Warn, capital(warns[0]))
	}
	return s.result(Pass, fmt.Sprintf("%s is the %s endpoint of the resource and answers", info.BaseURL, kindName(info.Kind)))
}

// endpointSummary says what is wrong with the endpoint in one line.
func endpointSummary(info *endpoint.Info, c cause.ID) string {
	for _, p := range info.Problems {
		if p.Cause == c {
			return capital(p.Summary)
		}
	}
	switch c {
	case cause.RegionalEndpoint:
		return "The resource has no custom subdomain: Entra ID needs one"
	case cause.EndpointNotFound:
		return info.Host + " maps to no resource (typo, deleted resource, or a name that does not resolve)"
	case cause.NetworkBlocked:
		return "The network path to " + info.Host + " is blocked"
	}
	return cause.Title(c)
}

func kindName(k endpoint.Kind) string {
	switch k {
	case endpoint.KindAzureOpenAI:
		return "Azure OpenAI"
	case endpoint.KindAIServices:
		return "Foundry (AI services)"
	case endpoint.KindFoundryModels:
		return "Foundry Models"
	case endpoint.KindFoundryProject:
		return "Foundry project"
	}
	return string(k)
}

func networkWords(a *arm.Account) string {
	var parts []string
	if strings.EqualFold(a.PublicNetworkAccess, "Disabled") {
		parts = append(parts, "public network access disabled")
	}
	if strings.EqualFold(a.DefaultAction, "Deny") {
		parts = append(parts, "firewall default action Deny")
	}
	if len(a.IPRules) > 0 {
		parts = append(parts, fmt.Sprintf("%d IP rule(s)", len(a.IPRules)))
	}
	if a.PrivateEndpoints > 0 {
		parts = append(parts, fmt.Sprintf("%d private endpoint(s)", a.PrivateEndpoints))
	}
	return strings.Join(parts, ", ")
}

func sameURL(a, b string) bool {
	return strings.EqualFold(strings.TrimRight(a, "/"), strings.TrimRight(b, "/"))
}
