package cred

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
)

// defaultDeadline bounds Acquire when the context has none.
const defaultDeadline = 60 * time.Second

// ErrBadKind is returned (in Result.Err) for an unknown credential kind.
var ErrBadKind = errors.New("unknown credential kind")

// Acquire gets a token for opts.Scope with the credential of opts.Kind. It never panics and
// always returns Links describing what was tried.
func Acquire(ctx context.Context, opts Options) Result {
	start := time.Now()
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultDeadline)
		defer cancel()
	}
	var r Result
	switch strings.ToLower(opts.Kind) {
	case "", KindDefault:
		r = acquireDefault(ctx, opts)
	case KindToken:
		r = staticResult(opts)
	case KindCLI, KindManagedIdentity, KindServicePrincipal, KindWorkloadIdentity:
		r = acquireOne(ctx, opts)
	default:
		r = Result{Err: fmt.Errorf("%w %q: use one of %s", ErrBadKind, opts.Kind, strings.Join(Kinds(), ", "))}
	}
	if r.Token != "" {
		if c, err := claims.Decode(r.Token); err == nil {
			r.Claims = c
		}
	}
	r.Elapsed = time.Since(start)
	return r
}

// TokenFor gets a token for another scope from the same kind of credential (e.g. the Resource
// Manager scope for the role checks). A static token cannot be exchanged.
func TokenFor(ctx context.Context, opts Options, scope string) Result {
	if strings.EqualFold(opts.Kind, KindToken) {
		return Result{Err: errors.New("a token given with --token is for one audience only; it cannot be exchanged for " + scope + " (use a credential to let the tool read Azure Resource Manager)"),
			Links: []Link{{Name: NameStaticToken, Status: StatusNotTried, Detail: "a static token cannot be exchanged for another scope"}}}
	}
	opts.Scope = scope
	return Acquire(ctx, opts)
}

// Credential builds the azcore credential for a kind (for KindDefault: azidentity's own
// DefaultAzureCredential, configured like the walked chain).
func Credential(opts Options) (azcore.TokenCredential, error) {
	co := clientOptions(opts)
	switch strings.ToLower(opts.Kind) {
	case "", KindDefault:
		return azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
			ClientOptions: co, TenantID: opts.Tenant, DisableInstanceDiscovery: disableDiscovery(opts)})
	case KindToken:
		if strings.TrimSpace(opts.Token) == "" {
			return nil, errors.New("no token given: pass --token or --token-file")
		}
		return staticCredential{tok: claims.Trim(opts.Token), exp: tokenExpiry(opts.Token)}, nil
	case KindCLI:
		return cliCredential(opts)
	case KindManagedIdentity:
		o := &azidentity.ManagedIdentityCredentialOptions{ClientOptions: co}
		o.Retry = imdsRetry()
		if opts.ClientID != "" {
			o.ID = azidentity.ClientID(opts.ClientID)
		}
		return azidentity.NewManagedIdentityCredential(o)
	case KindServicePrincipal:
		c, _, err := servicePrincipal(opts)
		return c, err
	case KindWorkloadIdentity:
		return workloadIdentity(opts)
	}
	return nil, fmt.Errorf("%w %q: use one of %s", ErrBadKind, opts.Kind, strings.Join(Kinds(), ", "))
}

// acquireOne runs a single, explicitly chosen credential.
func acquireOne(ctx context.Context, opts Options) Result {
	name := map[string]string{KindCLI: NameAzureCLI, KindManagedIdentity: NameManagedIdentity,
		KindServicePrincipal: NameClientSecret, KindWorkloadIdentity: NameWorkloadIdentity}[strings.ToLower(opts.Kind)]
	var c azcore.TokenCredential
	var err error
	switch strings.ToLower(opts.Kind) {
	case KindServicePrincipal:
		c, name, err = servicePrincipal(opts)
	case KindManagedIdentity:
		if src, detail := miSource(); src == miIMDS {
			if perr := probeIMDS(ctx, opts); perr != nil {
				err = azidentity.NewCredentialUnavailableError(NameManagedIdentity + ": " + detail + "; " + perr.Error())
				break
			}
		}
		c, err = Credential(opts)
	default:
		c, err = Credential(opts)
	}
	if err != nil {
		return Result{Err: err, Links: []Link{{Name: name, Status: StatusFailed, Detail: unavailableDetail(name, opts, err)}}}
	}
	tok, err := c.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{opts.Scope}})
	if err != nil {
		return Result{Err: err, Links: []Link{{Name: name, Status: StatusFailed, Detail: failureDetail(name, err)}}}
	}
	return Result{Token: tok.Token, ExpiresOn: tok.ExpiresOn, Credential: name, TokenCredential: c,
		Links: []Link{{Name: name, Status: StatusUsed, Detail: usedDetail(tok.Token, opts)}}}
}

// staticResult wraps a token given by the user; nothing is acquired.
func staticResult(opts Options) Result {
	tok := claims.Trim(opts.Token)
	if tok == "" {
		return Result{Err: errors.New("no token given: pass --token or --token-file"),
			Links: []Link{{Name: NameStaticToken, Status: StatusFailed, Detail: "no token given"}}}
	}
	exp := tokenExpiry(tok)
	detail := "token given by the user (not acquired)"
	if !exp.IsZero() && !exp.After(opts.now()) {
		detail += "; it expired at " + exp.UTC().Format(time.RFC3339)
	}
	return Result{Token: tok, ExpiresOn: exp, Credential: NameStaticToken,
		TokenCredential: staticCredential{tok: tok, exp: exp},
		Links:           []Link{{Name: NameStaticToken, Status: StatusUsed, Detail: detail}}}
}

func tokenExpiry(tok string) time.Time {
	if c, err := claims.Decode(tok); err == nil {
		return c.Exp
	}
	return time.Time{}
}

type staticCredential struct {
	tok string
	exp time.Time
}

func (s staticCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	exp := s.exp
	if exp.IsZero() {
		exp = time.Now().Add(time.Hour)
	}
	return azcore.AccessToken{Token: s.tok, ExpiresOn: exp}, nil
}

// clientOptions: the given HTTP client, the cloud, bounded retries.
func clientOptions(opts Options) azcore.ClientOptions {
	co := azcore.ClientOptions{}
	if opts.Transport != nil {
		co.Transport = opts.Transport
	} else {
		co.Transport = defaultHTTPClient()
	}
	switch strings.ToLower(opts.Cloud) {
	case "public":
		co.Cloud = cloud.AzurePublic
	case "usgov":
		co.Cloud = cloud.AzureGovernment
	case "china":
		co.Cloud = cloud.AzureChina
	case "":
		// azidentity would read AZURE_AUTHORITY_HOST from the process; read the app's instead.
		if h := opts.getenv("AZURE_AUTHORITY_HOST"); h != "" {
			co.Cloud = cloud.Configuration{ActiveDirectoryAuthorityHost: h, Services: map[cloud.ServiceName]cloud.ServiceConfiguration{}}
		}
	}
	co.Retry = policy.RetryOptions{MaxRetries: 2, RetryDelay: 300 * time.Millisecond, MaxRetryDelay: 2 * time.Second, TryTimeout: 20 * time.Second}
	return co
}

// imdsRetry bounds azidentity's IMDS retries (6 tries over about 70 s by default).
func imdsRetry() policy.RetryOptions {
	return policy.RetryOptions{MaxRetries: 1, RetryDelay: 500 * time.Millisecond, MaxRetryDelay: 2 * time.Second, TryTimeout: 10 * time.Second}
}

// microsoftAuthorities are the hosts MSAL trusts without instance discovery.
var microsoftAuthorities = []string{
	"login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
	"login.partner.microsoftonline.cn", "login.windows.net", "login.microsoft.com", "sts.windows.net",
	"login.usgovcloudapi.net", "login.microsoftonline.de",
}

// disableDiscovery: only for a non-Microsoft authority host, where MSAL's instance discovery
// would call the real login.microsoftonline.com about a host it does not know.
func disableDiscovery(opts Options) bool {
	h := clientOptions(opts).Cloud.ActiveDirectoryAuthorityHost
	if h == "" {
		return false
	}
	u, err := url.Parse(h)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, m := range microsoftAuthorities {
		if host == m {
			return false
		}
	}
	return true
}

// defaultHTTPClient honours HTTPS_PROXY and has sane timeouts.
func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 30 * time.Second
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: t, Timeout: 60 * time.Second}
}

// servicePrincipal builds a client secret or certificate credential from the options and the
// app's AZURE_* variables.
func servicePrincipal(opts Options) (azcore.TokenCredential, string, error) {
	tenant := firstNonEmpty(opts.Tenant, opts.getenv("AZURE_TENANT_ID"))
	client := firstNonEmpty(opts.ClientID, opts.getenv("AZURE_CLIENT_ID"))
	secret := opts.getenv("AZURE_CLIENT_SECRET")
	certPath := opts.getenv("AZURE_CLIENT_CERTIFICATE_PATH")
	var missing []string
	if tenant == "" {
		missing = append(missing, "tenant (--tenant or AZURE_TENANT_ID)")
	}
	if client == "" {
		missing = append(missing, "client ID (--client-id or AZURE_CLIENT_ID)")
	}
	if secret == "" && certPath == "" {
		missing = append(missing, "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH")
	}
	if len(missing) > 0 {
		return nil, NameClientSecret, azidentity.NewCredentialUnavailableError("service principal: missing " + strings.Join(missing, ", "))
	}
	co := clientOptions(opts)
	if secret != "" {
		c, err := azidentity.NewClientSecretCredential(tenant, client, secret, &azidentity.ClientSecretCredentialOptions{
			ClientOptions: co, DisableInstanceDiscovery: disableDiscovery(opts)})
		return c, NameClientSecret, err
	}
	data, err := os.ReadFile(certPath)
	if err != nil {
		return nil, NameClientCert, fmt.Errorf("cannot read the certificate file named by AZURE_CLIENT_CERTIFICATE_PATH: %w", err)
	}
	var pw []byte
	if v := opts.getenv("AZURE_CLIENT_CERTIFICATE_PASSWORD"); v != "" {
		pw = []byte(v)
	}
	certs, key, err := azidentity.ParseCertificates(data, pw)
	if err != nil {
		return nil, NameClientCert, fmt.Errorf("cannot parse the certificate named by AZURE_CLIENT_CERTIFICATE_PATH: %w", err)
	}
	c, err := azidentity.NewClientCertificateCredential(tenant, client, certs, key, &azidentity.ClientCertificateCredentialOptions{
		ClientOptions: co, DisableInstanceDiscovery: disableDiscovery(opts)})
	return c, NameClientCert, err
}

// workloadIdentity builds a WorkloadIdentityCredential from the options and the app's variables.
func workloadIdentity(opts Options) (azcore.TokenCredential, error) {
	o := &azidentity.WorkloadIdentityCredentialOptions{
		ClientOptions:            clientOptions(opts),
		ClientID:                 firstNonEmpty(opts.ClientID, opts.getenv("AZURE_CLIENT_ID")),
		TenantID:                 firstNonEmpty(opts.Tenant, opts.getenv("AZURE_TENANT_ID")),
		TokenFilePath:            opts.getenv("AZURE_FEDERATED_TOKEN_FILE"),
		DisableInstanceDiscovery: disableDiscovery(opts),
	}
	var missing []string
	if o.ClientID == "" {
		missing = append(missing, "AZURE_CLIENT_ID")
	}
	if o.TenantID == "" {
		missing = append(missing, "AZURE_TENANT_ID")
	}
	if o.TokenFilePath == "" {
		missing = append(missing, "AZURE_FEDERATED_TOKEN_FILE")
	}
	if len(missing) > 0 {
		return nil, azidentity.NewCredentialUnavailableError(NameWorkloadIdentity + ": not configured: " + strings.Join(missing, ", ") + " not set")
	}
	return azidentity.NewWorkloadIdentityCredential(o)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}
