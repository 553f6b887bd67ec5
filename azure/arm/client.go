// Package arm reads what the diagnosis needs from Azure Resource Manager: the Cognitive Services
// account behind an endpoint, the caller's effective permissions on it, role assignments and role
// definitions. A Client is safe for concurrent use.
package arm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/aoai-doctor/aoai-doctor/azure/retry"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// API versions used for each resource provider.
const (
	apiAuthorization  = "2022-04-01"
	apiCognitive      = "2024-10-01"
	apiResourceGraph  = "2022-10-01"
	apiSubscriptions  = "2022-12-01"
	defaultTimeout    = 20 * time.Second
	maxBody           = 8 << 20
	maxRetries        = 2
	maxRetryWait      = 3 * time.Second
	tokenRefreshSlack = 2 * time.Minute
)

// Cloud describes one Azure cloud's Resource Manager.
type Cloud struct {
	Name    string // public | usgov | china
	BaseURL string // https://management.azure.com
	Scope   string // https://management.azure.com/.default
}

var clouds = map[string]Cloud{
	"public": {"public", "https://management.azure.com", "https://management.azure.com/.default"},
	"usgov":  {"usgov", "https://management.usgovcloudapi.net", "https://management.usgovcloudapi.net/.default"},
	"china":  {"china", "https://management.chinacloudapi.cn", "https://management.chinacloudapi.cn/.default"},
}

// CloudFor returns the Resource Manager of a cloud ("" = public).
func CloudFor(name string) (Cloud, error) {
	if name == "" {
		name = "public"
	}
	c, ok := clouds[strings.ToLower(name)]
	if !ok {
		return Cloud{}, fmt.Errorf("unknown cloud %q: use public, usgov or china", name)
	}
	return c, nil
}

// Scope is the token scope for Resource Manager in a cloud ("" = public).
func Scope(cloud string) string {
	c, err := CloudFor(cloud)
	if err != nil {
		return clouds["public"].Scope
	}
	return c.Scope
}

// Client calls Resource Manager with tokens from one identity.
type Client struct {
	cred    azcore.TokenCredential
	http    *http.Client
	cloud   Cloud
	base    *url.URL
	timeout time.Duration

	tokMu  sync.Mutex
	tok    azcore.AccessToken
	tokErr error // a failed acquisition is not retried by every parallel call

	roleMu sync.Mutex
	roles  map[string]*RoleDefinition
}

// Options tune a Client.
type Options struct {
	// Timeout bounds each request (default 20 s); the context's deadline also applies.
	Timeout time.Duration
}

// New returns a Client for cloud ("public", "usgov", "china"; "" = public). cred supplies
// Resource Manager tokens (see StaticToken for a token already in hand); httpClient carries the
// requests (nil = a default client that honours HTTPS_PROXY).
func New(cred azcore.TokenCredential, httpClient *http.Client, cloud string, opts ...Options) (*Client, error) {
	if cred == nil {
		return nil, errors.New("arm: no credential given")
	}
	c, err := CloudFor(cloud)
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(c.BaseURL)
	if err != nil {
		return nil, err
	}
	if httpClient == nil {
		httpClient = defaultHTTPClient()
	}
	cl := &Client{cred: cred, http: httpClient, cloud: c, base: base, timeout: defaultTimeout, roles: map[string]*RoleDefinition{}}
	for _, o := range opts {
		if o.Timeout > 0 {
			cl.timeout = o.Timeout
		}
	}
	return cl, nil
}

// Cloud is the cloud the client talks to.
func (c *Client) Cloud() Cloud { return c.cloud }

// defaultHTTPClient honours HTTPS_PROXY and has sane timeouts.
func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 30 * time.Second
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: t, Timeout: 60 * time.Second}
}

type staticToken struct{ tok string }

// StaticToken is a credential that always returns token (for a Resource Manager token already
// in hand). It never expires from the Client's point of view.
func StaticToken(token string) azcore.TokenCredential { return staticToken{token} }

func (s staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if s.tok == "" {
		return azcore.AccessToken{}, errors.New("empty token")
	}
	return azcore.AccessToken{Token: s.tok, ExpiresOn: time.Now().Add(24 * time.Hour)}, nil
}

// token returns a cached Resource Manager token, refreshing it shortly before it expires.
func (c *Client) token(ctx context.Context) (string, error) {
	c.tokMu.Lock()
	defer c.tokMu.Unlock()
	if c.tok.Token != "" && time.Until(c.tok.ExpiresOn) > tokenRefreshSlack {
		return c.tok.Token, nil
	}
	if c.tokErr != nil {
		return "", c.tokErr
	}
	tok, err := c.cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{c.cloud.Scope}})
	if err != nil {
		e := &Error{Code: CodeTokenUnavailable, Message: shorten(err.Error(), 600), Err: err}
		if ctx.Err() == nil {
			c.tokErr = e
		}
		return "", e
	}
	c.tok = tok
	return tok.Token, nil
}

// request is one Resource Manager call.
type request struct {
	method string
	path   string // path (with base) or an absolute nextLink on the same host
	query  url.Values
	body   any
}

// do sends req with retries on 429/5xx and decodes a 2xx JSON body into out (when non-nil).
func (c *Client) do(ctx context.Context, req request, out any) error {
	u, err := c.resolve(req.path)
	if err != nil {
		return err
	}
	if req.query != nil {
		q := u.Query()
		for k, vs := range req.query {
			if q.Get(k) == "" {
				for _, v := range vs {
					q.Add(k, v)
				}
			}
		}
		u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	}
	var body []byte
	if req.body != nil {
		if body, err = json.Marshal(req.body); err != nil {
			return fmt.Errorf("arm: encode request: %w", err)
		}
	}
	tok, err := c.token(ctx)
	if err != nil {
		return err
	}
	started := time.Now()
	for attempt := 0; ; attempt++ {
		status, hdr, data, err := c.once(ctx, req.method, u, body, tok)
		if err != nil {
			return &Error{Method: req.method, Path: u.Path, Code: CodeTransport, Message: shorten(err.Error(), 400), Err: err}
		}
		if status >= 200 && status < 300 {
			if out == nil || len(bytes.TrimSpace(data)) == 0 {
				return nil
			}
			if err := json.Unmarshal(data, out); err != nil {
				return &Error{Method: req.method, Path: u.Path, Status: status, Code: CodeBadResponse,
					Message: "the response is not the expected JSON: " + shorten(err.Error(), 200)}
			}
			return nil
		}
		if retry.Retryable(status) && attempt < maxRetries {
			wait := retry.Wait(hdr, attempt, 200*time.Millisecond, maxRetryWait)
			if time.Since(started)+wait <= 2*maxRetryWait && retry.Sleep(ctx, wait) == nil {
				continue
			}
		}
		return parseError(req.method, u.Path, status, data)
	}
}

func (c *Client) once(ctx context.Context, method string, u *url.URL, body []byte, tok string) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return 0, nil, nil, err
	}
	r.Header.Set("Authorization", "Bearer "+tok)
	r.Header.Set("Accept", "application/json")
	r.Header.Set("User-Agent", "aoai-doctor")
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(r)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, data, nil
}

// resolve turns a path or a nextLink into a URL on the Resource Manager host. A link to any other
// host is refused so that the bearer token never leaves for it.
func (c *Client) resolve(p string) (*url.URL, error) {
	if strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "http://") {
		u, err := url.Parse(p)
		if err != nil {
			return nil, &Error{Code: CodeBadResponse, Message: "invalid link from Resource Manager"}
		}
		if u.Scheme != "https" || !strings.EqualFold(u.Host, c.base.Host) {
			return nil, &Error{Code: CodeBadResponse, Message: "Resource Manager returned a link to another host (" + shorten(u.Host, 80) + "); not followed"}
		}
		return u, nil
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := *c.base
	u.Path = p
	return &u, nil
}
