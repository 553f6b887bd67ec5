package cred

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// chainOrder is DefaultAzureCredential's order (azidentity v1.15.0).
var chainOrder = []string{NameEnvironment, NameWorkloadIdentity, NameManagedIdentity, NameAzureCLI, NameAzureDevCLI, NameAzurePowerShell}

// selection reads AZURE_TOKEN_CREDENTIALS as DefaultAzureCredential does.
func selection(v string) (map[string]bool, error) {
	all := map[string]bool{}
	switch {
	case v == "":
		for _, n := range chainOrder {
			all[n] = true
		}
	case v == "dev":
		all[NameAzureCLI], all[NameAzureDevCLI], all[NameAzurePowerShell] = true, true, true
	case v == "prod":
		all[NameEnvironment], all[NameWorkloadIdentity], all[NameManagedIdentity] = true, true, true
	default:
		for _, n := range chainOrder {
			if strings.EqualFold(v, n) {
				all[n] = true
				return all, nil
			}
		}
		return nil, fmt.Errorf(`invalid AZURE_TOKEN_CREDENTIALS value %q. Valid values are "dev", "prod", or the name of any credential type in the default chain`, v)
	}
	return all, nil
}

// ChainError is the default chain's failure: every link's message, like DefaultAzureCredential's,
// wrapping the error of the link that stopped the chain (or the last one tried).
type ChainError struct {
	Msg  string
	Last error
}

func (e *ChainError) Error() string { return e.Msg }

// Unwrap gives the link's own error (e.g. *azidentity.AuthenticationFailedError).
func (e *ChainError) Unwrap() error { return e.Last }

// acquireDefault walks DefaultAzureCredential's chain one link at a time.
func acquireDefault(ctx context.Context, opts Options) Result {
	atc := opts.getenv("AZURE_TOKEN_CREDENTIALS")
	selected, err := selection(atc)
	if err != nil {
		var links []Link
		for _, n := range chainOrder {
			links = append(links, Link{Name: n, Status: StatusNotTried, Detail: "DefaultAzureCredential could not be built: AZURE_TOKEN_CREDENTIALS is invalid"})
		}
		return Result{Err: err, Links: links}
	}
	onlyMI := len(selected) == 1 && selected[NameManagedIdentity]

	var (
		res      Result
		messages []string
		last     error
		stopped  bool
	)
	for _, name := range chainOrder {
		switch {
		case stopped:
			res.Links = append(res.Links, Link{Name: name, Status: StatusNotTried, Detail: "not reached: the chain stopped at an earlier credential"})
			continue
		case !selected[name]:
			res.Links = append(res.Links, Link{Name: name, Status: StatusNotTried, Detail: "excluded by AZURE_TOKEN_CREDENTIALS=" + atc})
			continue
		}
		if ctx.Err() != nil {
			res.Links = append(res.Links, Link{Name: name, Status: StatusNotTried, Detail: "not reached: out of time"})
			continue
		}
		out := runLink(ctx, name, opts, !onlyMI)
		switch {
		case out.err == nil:
			res.Token, res.ExpiresOn, res.Credential, res.TokenCredential = out.tok.Token, out.tok.ExpiresOn, name, out.cred
			res.Links = append(res.Links, Link{Name: name, Status: StatusUsed, Detail: usedDetail(out.tok.Token, opts)})
			stopped = true
		case out.unavailable:
			res.Links = append(res.Links, Link{Name: name, Status: StatusSkipped, Detail: out.detail})
			messages = append(messages, out.err.Error())
			last = out.err
		default:
			res.Links = append(res.Links, Link{Name: name, Status: StatusFailed, Detail: out.detail})
			messages = append(messages, out.err.Error())
			last = out.err
			stopped = true
		}
	}
	if res.Token == "" {
		msg := "DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:"
		for _, m := range messages {
			msg += "\n\t" + strings.ReplaceAll(m, "\n", "\n\t\t")
		}
		if last == nil {
			last = errors.New("no credential was tried")
		}
		if ctx.Err() != nil {
			msg += "\n\t(stopped: " + ctx.Err().Error() + ")"
		}
		res.Err = &ChainError{Msg: msg, Last: last}
	}
	return res
}

// linkOutcome is what one link did.
type linkOutcome struct {
	tok         azcore.AccessToken
	cred        azcore.TokenCredential
	err         error
	unavailable bool   // the chain goes on past this link
	detail      string // for the Link
}

// runLink builds and runs one link of the chain the way DefaultAzureCredential would.
func runLink(ctx context.Context, name string, opts Options, dac bool) linkOutcome {
	tro := policy.TokenRequestOptions{Scopes: []string{opts.Scope}}
	co := clientOptions(opts)
	var (
		c        azcore.TokenCredential
		err      error
		devTool  bool // DefaultAzureCredential turns every dev-tool error into "unavailable"
		preamble string
	)
	switch name {
	case NameEnvironment:
		c, err = environmentCredential(opts)
	case NameWorkloadIdentity:
		c, err = workloadIdentity(Options{Tenant: opts.Tenant, Getenv: opts.getenv, Transport: opts.Transport, Cloud: opts.Cloud})
	case NameManagedIdentity:
		src, srcDetail := miSource()
		preamble = srcDetail
		if src == miIMDS && dac {
			// DefaultAzureCredential first sends a short probe to IMDS; silence means "no managed identity here".
			if perr := probeIMDS(ctx, opts); perr != nil {
				err = azidentity.NewCredentialUnavailableError(NameManagedIdentity + ": no managed identity endpoint here (" + srcDetail + "): " + perr.Error())
				break
			}
		}
		o := &azidentity.ManagedIdentityCredentialOptions{ClientOptions: co}
		if src == miIMDS {
			o.Retry = imdsRetry()
		}
		if id := opts.getenv("AZURE_CLIENT_ID"); id != "" {
			o.ID = azidentity.ClientID(id)
			preamble += "; user-assigned client ID from AZURE_CLIENT_ID"
		}
		c, err = azidentity.NewManagedIdentityCredential(o)
	case NameAzureCLI:
		devTool = true
		c, err = azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: opts.Tenant})
	case NameAzureDevCLI:
		devTool = true
		c, err = azidentity.NewAzureDeveloperCLICredential(&azidentity.AzureDeveloperCLICredentialOptions{TenantID: opts.Tenant})
	case NameAzurePowerShell:
		// aoai-doctor does not start PowerShell; say whether the chain would have found it.
		if _, lerr := lookPath("pwsh", opts); lerr != nil {
			return linkOutcome{err: azidentity.NewCredentialUnavailableError(NameAzurePowerShell + ": pwsh not found on PATH"),
				unavailable: true, detail: "pwsh (Azure PowerShell) not found on PATH"}
		}
		return linkOutcome{err: azidentity.NewCredentialUnavailableError(NameAzurePowerShell + ": not run by aoai-doctor"),
			unavailable: true, detail: "not run: aoai-doctor does not start Azure PowerShell (pwsh is on PATH)"}
	}
	if err != nil {
		// A link that cannot be built is reported as unavailable and the chain goes on.
		return linkOutcome{err: err, unavailable: true, detail: unavailableDetail(name, opts, err)}
	}
	tok, unavailable, gerr := getToken(ctx, c, tro)
	if gerr == nil {
		return linkOutcome{tok: tok, cred: c}
	}
	if devTool {
		unavailable = true
	}
	d := failureDetail(name, gerr)
	if preamble != "" && name == NameManagedIdentity {
		d = preamble + ": " + d
	}
	return linkOutcome{err: gerr, unavailable: unavailable, detail: d}
}

// getToken runs c and reports whether its error is "credential unavailable" exactly as a
// ChainedTokenCredential sees it: the credential is chained before a sentinel, and the chain
// only reaches the sentinel when the credential's error is of that kind.
func getToken(ctx context.Context, c azcore.TokenCredential, tro policy.TokenRequestOptions) (azcore.AccessToken, bool, error) {
	rec := &recorder{inner: c}
	s := &sentinel{}
	chain, err := azidentity.NewChainedTokenCredential([]azcore.TokenCredential{rec, s}, nil)
	if err != nil {
		tok, err := c.GetToken(ctx, tro)
		return tok, false, err
	}
	tok, err := chain.GetToken(ctx, tro)
	if err == nil && rec.err == nil {
		return tok, false, nil
	}
	if rec.err == nil {
		rec.err = err
	}
	return azcore.AccessToken{}, s.reached, rec.err
}

type recorder struct {
	inner azcore.TokenCredential
	err   error
}

func (r *recorder) GetToken(ctx context.Context, tro policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, err := r.inner.GetToken(ctx, tro)
	r.err = err
	return tok, err
}

type sentinel struct{ reached bool }

func (s *sentinel) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	s.reached = true
	return azcore.AccessToken{}, azidentity.NewCredentialUnavailableError("end of chain")
}

// environmentCredential mirrors NewEnvironmentCredential, reading the app's variables.
func environmentCredential(opts Options) (azcore.TokenCredential, error) {
	tenant, client := opts.getenv("AZURE_TENANT_ID"), opts.getenv("AZURE_CLIENT_ID")
	if tenant == "" {
		return nil, errors.New("missing environment variable AZURE_TENANT_ID")
	}
	if client == "" {
		return nil, errors.New("missing environment variable AZURE_CLIENT_ID")
	}
	co := clientOptions(opts)
	dd := disableDiscovery(opts)
	if secret := opts.getenv("AZURE_CLIENT_SECRET"); secret != "" {
		return azidentity.NewClientSecretCredential(tenant, client, secret, &azidentity.ClientSecretCredentialOptions{ClientOptions: co, DisableInstanceDiscovery: dd})
	}
	if opts.getenv("AZURE_CLIENT_CERTIFICATE_PATH") != "" {
		c, _, err := servicePrincipal(Options{Getenv: opts.getenv, Transport: opts.Transport, Cloud: opts.Cloud, Tenant: tenant, ClientID: client})
		return c, err
	}
	if user := opts.getenv("AZURE_USERNAME"); user != "" {
		pw := opts.getenv("AZURE_PASSWORD")
		if pw == "" {
			return nil, errors.New("no value for AZURE_PASSWORD")
		}
		//lint:ignore SA1019 EnvironmentCredential still supports username/password; mirror it.
		return azidentity.NewUsernamePasswordCredential(tenant, client, user, pw, &azidentity.UsernamePasswordCredentialOptions{ClientOptions: co, DisableInstanceDiscovery: dd})
	}
	return nil, errors.New("incomplete environment variable configuration. Only AZURE_TENANT_ID and AZURE_CLIENT_ID are set")
}

// lookPath finds an executable on the app's PATH.
func lookPath(name string, opts Options) (string, error) {
	for _, dir := range filepath.SplitList(opts.getenv("PATH")) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if _, err := exec.LookPath(p); err == nil {
			return p, nil
		}
	}
	return "", exec.ErrNotFound
}
