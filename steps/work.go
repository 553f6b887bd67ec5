package steps

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/arm"
	"github.com/aoai-doctor/aoai-doctor/azure/azcli"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/cred"
)

// The shared work of a run. Each function runs at most once per run, in its own goroutine,
// started by the first step that needs it (see task).

// acquireOut is the app's token, got the way the app gets it.
type acquireOut struct {
	res  cred.Result
	opts cred.Options
}

func (a acquireOut) ok() bool { return a.res.OK() }

func (r *run) credOptions() cred.Options {
	o := cred.Options{
		Kind: r.kind, Tenant: r.cfg.Tenant, ClientID: r.cfg.ClientID, Token: r.cfg.Token,
		Scope: r.appScope, Transport: r.httpClient(), Env: r.cfg.Env, Now: r.now,
	}
	if r.kind == cred.KindCLI {
		o.AzPath = r.cfg.AzPath
	}
	return o
}

func (r *run) doAcquire(ctx context.Context) acquireOut {
	opts := r.credOptions()
	return acquireOut{res: cred.Acquire(ctx, opts), opts: opts}
}

// appClaims waits for the app's token and returns its claims (nil when there is none).
func (r *run) appClaims(ctx context.Context) (*claims.Claims, acquireOut, bool) {
	a, ok := r.acquire.get(ctx)
	if !ok {
		return nil, a, false
	}
	return a.res.Claims, a, true
}

// armOut is Resource Manager access and the account behind the endpoint.
type armOut struct {
	client  *arm.Client
	account *arm.Account
	err     error  // the lookup's error (the first identity's when all failed)
	as      string // whom Resource Manager was asked as
	oid     string // that identity's object ID
	fromApp bool   // the app's own identity (so Permissions describe the app)
	tried   []string
}

// doARM finds the account as the app's identity, falling back to the Azure CLI's identity
// when the app's cannot read Resource Manager.
func (r *run) doARM(ctx context.Context) armOut {
	var out armOut
	if r.info == nil {
		out.err = errors.New("no endpoint to look up")
		return out
	}
	cloud := r.info.Cloud
	scope := arm.Scope(cloud)
	type source struct {
		name    string
		fromApp bool
		token   func(context.Context) (string, *claims.Claims, error)
	}
	var sources []source
	if r.kind != cred.KindToken {
		sources = append(sources, source{"the app's identity", true, func(ctx context.Context) (string, *claims.Claims, error) {
			a, ok := r.acquire.get(ctx)
			if !ok {
				return "", nil, ctx.Err()
			}
			if !a.ok() {
				return "", nil, errors.New("the app's credential got no token")
			}
			res := cred.TokenFor(ctx, a.opts, scope)
			if !res.OK() {
				return "", nil, res.Err
			}
			return res.Token, res.Claims, nil
		}})
	}
	sources = append(sources, source{"the Azure CLI's identity", false, func(ctx context.Context) (string, *claims.Claims, error) {
		tok, err := azcli.GetAccessToken(ctx, azcli.Options{AzPath: r.cfg.AzPath, Resource: strings.TrimSuffix(scope, "/.default"), Env: r.environ()})
		if err != nil {
			return "", nil, err
		}
		c, _ := claims.Decode(tok.AccessToken)
		return tok.AccessToken, c, nil
	}})
	for _, src := range sources {
		tok, c, err := src.token(ctx)
		if err != nil {
			out.tried = append(out.tried, fmt.Sprintf("%s: no Resource Manager token (%s)", src.name, oneLineErr(err)))
			if out.err == nil {
				out.err = err
			}
			continue
		}
		client, err := arm.New(arm.StaticToken(tok), r.httpClient(), cloud)
		if err != nil {
			out.err = err
			return out
		}
		who := src.name
		oid := ""
		if c != nil {
			who = c.Identity()
			oid = c.Oid
		}
		acct, err := client.FindAccount(ctx, r.info.Host)
		if err != nil {
			out.tried = append(out.tried, fmt.Sprintf("%s (%s): %s", src.name, who, oneLineErr(err)))
			if out.err == nil || src.fromApp {
				out.err = err
			}
			// Another identity may see what this one may not; a host that maps to nothing stays so.
			if arm.IsForbidden(err) || arm.IsAuth(err) || arm.IsNotFound(err) {
				if out.client == nil {
					out.client, out.as, out.oid, out.fromApp = client, who, oid, src.fromApp
				}
				continue
			}
			return out
		}
		return armOut{client: client, account: acct, as: who, oid: oid, fromApp: src.fromApp, tried: out.tried}
	}
	return out
}

// azAccountOut is what `az account show` says.
type azAccountOut struct {
	acct azcli.Account
	err  error
}

func (r *run) doAzAccount(ctx context.Context) azAccountOut {
	a, err := azcli.GetAccount(ctx, azcli.Options{AzPath: r.cfg.AzPath, Env: r.environ()})
	return azAccountOut{acct: a, err: err}
}

// cliTokenOut is a token from the Azure CLI for the endpoint's audience.
type cliTokenOut struct {
	tok    azcli.Token
	claims *claims.Claims
	tenant string // the --tenant used ("" = az's default)
	err    error
}

// cliTenantWait bounds how long the CLI test waits for Resource Manager to name the
// resource's tenant before asking az without --tenant.
const cliTenantWait = 10 * time.Second

func (r *run) doCLIToken(ctx context.Context) cliTokenOut {
	resource := strings.TrimSuffix(r.audienceScope(), "/.default")
	tenant := r.cfg.Tenant
	wctx, cancel := context.WithTimeout(ctx, cliTenantWait)
	if a, ok := r.arm.get(wctx); ok && a.account != nil && a.account.TenantID != "" {
		tenant = a.account.TenantID
	}
	cancel()
	tok, err := azcli.GetAccessToken(ctx, azcli.Options{AzPath: r.cfg.AzPath, Resource: resource, Tenant: tenant, Env: r.environ()})
	out := cliTokenOut{tok: tok, tenant: tenant, err: err}
	if err == nil {
		out.claims, _ = claims.Decode(tok.AccessToken)
	}
	return out
}

// audienceScope is the scope the endpoint needs (the app's may be wrong).
func (r *run) audienceScope() string {
	if r.info != nil && r.info.Scope != "" {
		return r.info.Scope
	}
	return "https://cognitiveservices.azure.com/.default"
}

func oneLineErr(err error) string {
	if err == nil {
		return ""
	}
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
