package cred

import (
	"context"
	"errors"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/aoai-doctor/aoai-doctor/azure/azcli"
)

// cliCredential is AzureCLICredential, or, when an explicit az path is given, the same
// command run through azcli with that executable.
func cliCredential(opts Options) (azcore.TokenCredential, error) {
	if opts.AzPath == "" {
		return azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: opts.Tenant})
	}
	return &azPathCredential{path: opts.AzPath, tenant: opts.Tenant}, nil
}

type azPathCredential struct {
	path, tenant string
}

func (c *azPathCredential) GetToken(ctx context.Context, tro policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if len(tro.Scopes) != 1 {
		return azcore.AccessToken{}, errors.New(NameAzureCLI + ": GetToken() requires exactly one scope")
	}
	tenant := c.tenant
	if tro.TenantID != "" {
		tenant = tro.TenantID
	}
	tok, err := azcli.GetAccessToken(ctx, azcli.Options{AzPath: c.path, Resource: strings.TrimSuffix(tro.Scopes[0], "/.default"), Tenant: tenant})
	if err != nil {
		if errors.Is(err, azcli.ErrNotInstalled) {
			return azcore.AccessToken{}, azidentity.NewCredentialUnavailableError(NameAzureCLI + ": executable not found on path (" + c.path + ")")
		}
		return azcore.AccessToken{}, &cliError{err: err}
	}
	return azcore.AccessToken{Token: tok.AccessToken, ExpiresOn: tok.ExpiresOn}, nil
}

// cliError keeps the azcli error reachable (errors.As) behind the credential's name.
type cliError struct{ err error }

func (e *cliError) Error() string { return NameAzureCLI + ": " + e.err.Error() }
func (e *cliError) Unwrap() error { return e.err }
