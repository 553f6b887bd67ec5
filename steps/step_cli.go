package steps

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/azcli"
	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/cred"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// stepCLI repeats the call with a token from the Azure CLI, outside the app: when the CLI's
// token works and the app's does not, the app's configuration or SDK is at fault; when both
// fail, the resource or the role is.
func (r *run) stepCLI(ctx context.Context, s *stepCtx) Result {
	s.note("asking the Azure CLI who is signed in")
	acc, ok := r.azAccount.get(ctx)
	if !ok {
		return r.interrupted(s, "running az account show")
	}
	fc := r.fixContext()
	if acc.err != nil {
		switch {
		case errors.Is(acc.err, azcli.ErrNotInstalled):
			s.fix(Fix{Title: "Install the Azure CLI to run this test: https://aka.ms/azure-cli"})
			return s.result(Skip, "The Azure CLI (az) is not installed or not on PATH: the CLI token test was skipped")
		case errors.Is(acc.err, azcli.ErrNotLoggedIn):
			s.fix(Fix{Title: "Sign in to the Azure CLI to run this test", Command: loginCommand(fc.ResourceTenant), Lang: "shell"})
			return s.result(Warn, "The Azure CLI is not signed in: the CLI token test could not run")
		}
		s.add("error", sanitize.Line(acc.err.Error()))
		return s.result(Error, "az account show failed: the CLI token test could not run")
	}
	who := acc.acct.UserName
	if acc.acct.UserType != "" {
		who += " (" + acc.acct.UserType + ")"
	}
	s.add("az signed in as", who)
	s.add("az tenant", acc.acct.TenantID)
	if acc.acct.SubscriptionName != "" || acc.acct.SubscriptionID != "" {
		s.add("az subscription", strings.TrimSpace(acc.acct.SubscriptionName+" "+acc.acct.SubscriptionID))
	}

	s.note("getting a token from the Azure CLI for the endpoint's audience")
	t, ok := r.cliToken.get(ctx)
	if !ok {
		return r.interrupted(s, "getting a token from the Azure CLI")
	}
	cmd := "az account get-access-token --resource " + strings.TrimSuffix(r.audienceScope(), "/.default")
	if t.tenant != "" {
		cmd += " --tenant " + t.tenant
	}
	s.add("command", cmd)
	if t.err != nil {
		s.add("error", sanitize.Text(t.err.Error()))
		if errors.Is(t.err, azcli.ErrNotLoggedIn) || errors.Is(t.err, azcli.ErrAADSTS) {
			s.fix(Fix{Title: "Sign the Azure CLI in to the resource's tenant", Command: loginCommand(fc.ResourceTenant), Lang: "shell"})
		}
		return s.result(Fail, "The Azure CLI could not get a token for the endpoint: "+firstLines(sanitize.Line(t.err.Error()), 1))
	}
	s.add("token", claims.Mask(t.tok.AccessToken))
	if t.claims != nil {
		s.add("CLI token for", callerText(t.claims))
	}

	app, a, ok := r.appClaims(ctx)
	if !ok {
		return r.interrupted(s, "waiting for the app's token")
	}
	otherUser := app != nil && t.claims != nil && app.Oid != "" && t.claims.Oid != "" && !strings.EqualFold(app.Oid, t.claims.Oid)
	if app != nil && t.claims != nil {
		if otherUser {
			s.add("the app signs in as", app.Identity()+": another identity than az")
		} else {
			s.add("the app signs in as", "the same identity as az")
		}
	}

	s.note("calling the endpoint with the CLI's token")
	cp, ok := r.cliProbe.get(ctx)
	if !ok {
		return r.interrupted(s, "calling the endpoint with the CLI's token")
	}
	s.add("response", describe(cp))
	ap, ok := r.probe.get(ctx)
	if !ok {
		return r.interrupted(s, "waiting for the app's call")
	}
	r.setFacts(func(f *facts) {
		f.cliWorks = cp.ok()
		f.cliOtherUser = otherUser
		f.envIdentityWins = a.res.Credential == cred.NameEnvironment && otherUser
	})
	cliWho := "the Azure CLI's identity"
	if t.claims != nil {
		cliWho = t.claims.Identity()
	}
	switch {
	case cp.ok() && ap.ok():
		return s.result(Pass, fmt.Sprintf("The call also works with the Azure CLI's token (%s)", cliWho))
	case cp.ok():
		if otherUser && roleCauses[findingCause(ap.top())] {
			s.cause(cause.WrongIdentity)
		}
		return s.result(Pass, fmt.Sprintf("The call works with the Azure CLI's token (%s) but not the app's: the app's configuration or SDK (credential, scope or identity) is at fault, not the resource", cliWho))
	case ap.ok():
		return s.result(Warn, "The app's call works, but not with the Azure CLI's token: "+describe(cp))
	}
	c := findingCause(cp.top())
	if c != cause.Unknown && c != cause.Healthy {
		s.cause(c)
	}
	return s.result(Fail, "The call fails with the Azure CLI's token too, so the resource or the role is at fault, not the app's code: "+describe(cp))
}

func loginCommand(tenant string) string {
	if tenant != "" {
		return "az login --tenant " + tenant
	}
	return "az login"
}
