// Package probe makes the one data-plane call that shows whether Entra ID auth works: the
// cheapest request that exercises the identity (a 1-token chat completion against a deployment,
// or a list call), and reads the answer into classified findings.
package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/aoai-doctor/aoai-doctor/azure/retry"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/classify"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// API versions the probe uses when the request does not name one.
const (
	DefaultAPIVersion       = "2024-10-21"         // Azure OpenAI data plane (GA)
	FoundryModelsAPIVersion = "2024-05-01-preview" // Azure AI model inference (/models)
	ProjectAPIVersion       = "2025-05-01"         // Foundry project (agents)
)

// Kinds of probe.
const (
	KindAuto = ""     // chat when a deployment is given, else read
	KindChat = "chat" // POST chat/completions with max_tokens 1
	KindRead = "read" // the cheapest authenticated GET
)

const (
	maxBodyRead   = 64 << 10
	maxBodyKept   = 4 << 10
	maxRetries    = 2
	maxTotalWait  = 5 * time.Second
	attemptBudget = 20 * time.Second
)

// Auth is how the probe authenticates: exactly one of Bearer (an Entra token) or APIKey.
type Auth struct {
	Bearer string
	APIKey string
}

// Request is one probe.
type Request struct {
	Endpoint   *endpoint.Info
	Deployment string
	APIVersion string // Azure OpenAI routes only; "" = DefaultAPIVersion (Foundry Models and projects use their own)
	Auth       Auth
	Kind       string // KindAuto, KindChat, KindRead
	// Timeout bounds each attempt (default 20 s); the context's deadline also applies.
	Timeout time.Duration
}

// Response is what the service answered, without secrets.
type Response struct {
	URL        string // the request URL (holds no secret)
	Method     string
	Kind       string // KindChat or KindRead: what was actually sent
	Status     int    // 0 when there was no HTTP response
	Body       string // sanitized, at most 4 KB
	Headers    map[string]string
	ServerDate time.Time // from the Date header (zero when absent)
	Latency    time.Duration
	Attempts   int
	Err        error // transport error (DNS, TLS, proxy, timeout), or a bad request
	Findings   []classify.Finding
}

// OK reports a 2xx answer.
func (r Response) OK() bool { return r.Err == nil && r.Status >= 200 && r.Status < 300 }

// keptHeaders are the response headers worth showing.
var keptHeaders = []string{"apim-request-id", "x-ms-region", "policy-id", "date", "www-authenticate", "retry-after", "x-ms-error-code", "content-type"}

// plan is the HTTP request a probe sends.
type plan struct {
	method, url, kind string
	body              []byte
}

// Plan returns the method and URL a probe would use (for display before it runs).
func Plan(req Request) (method, rawURL string, err error) {
	p, err := build(req)
	if err != nil {
		return "", "", err
	}
	return p.method, p.url, nil
}

func build(req Request) (plan, error) {
	info := req.Endpoint
	if info == nil || info.Host == "" {
		return plan{}, errors.New("no endpoint to probe: set --endpoint")
	}
	root := &url.URL{Scheme: "https", Host: info.Host}
	if info.URL != nil && info.URL.Port() != "" && info.URL.Port() != "443" {
		root.Host = net.JoinHostPort(info.Host, info.URL.Port())
	}
	kind := req.Kind
	if kind == KindAuto {
		kind = KindRead
		if req.Deployment != "" {
			kind = KindChat
		}
	}
	if kind != KindRead && kind != KindChat {
		return plan{}, errors.New("unknown probe kind " + strconv.Quote(req.Kind) + ": use chat or read")
	}
	if kind == KindChat && req.Deployment == "" && info.Kind != endpoint.KindServerless {
		return plan{}, errors.New("a chat probe needs a deployment name: set --deployment")
	}
	if strings.ContainsAny(req.Deployment, "/?#%\\") || strings.IndexFunc(req.Deployment, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return plan{}, errors.New("the deployment name " + strconv.Quote(sanitize.Line(clip(req.Deployment, 80))) + " contains characters a deployment name cannot have (/ ? # % \\ or control characters)")
	}
	apiVersion := req.APIVersion
	if strings.ContainsAny(apiVersion, "&?#/ ") {
		return plan{}, errors.New("the API version " + strconv.Quote(sanitize.Line(clip(apiVersion, 40))) + " is not valid (expected e.g. " + DefaultAPIVersion + ")")
	}
	chatBody := func(withModel bool) []byte {
		m := map[string]any{"messages": []map[string]string{{"role": "user", "content": "ping"}}, "max_tokens": 1}
		if withModel {
			m["model"] = req.Deployment
		}
		b, _ := json.Marshal(m)
		return b
	}
	u := *root
	q := url.Values{}
	p := plan{kind: kind}
	switch {
	case info.Kind == endpoint.KindFoundryProject:
		// The project's cheapest read; its chat goes through the account's routes.
		p.kind = KindRead
		u.Path = "/api/projects/" + info.Project + "/assistants"
		q.Set("api-version", ProjectAPIVersion)
		p.method = http.MethodGet
	case info.Kind == endpoint.KindFoundryModels:
		if kind == KindChat {
			u.Path = "/models/chat/completions"
			p.method, p.body = http.MethodPost, chatBody(true)
			q.Set("api-version", FoundryModelsAPIVersion)
		} else {
			// /models/info is not served on a Foundry resource; list through its OpenAI routes.
			u.Path = "/openai/models"
			p.method = http.MethodGet
			q.Set("api-version", firstNonEmpty(apiVersion, DefaultAPIVersion))
		}
	case info.Kind == endpoint.KindServerless:
		if kind == KindChat || req.Deployment == "" {
			p.kind = KindChat
			u.Path = "/chat/completions"
			p.method, p.body = http.MethodPost, chatBody(false)
		} else {
			u.Path = "/info"
			p.method = http.MethodGet
		}
		q.Set("api-version", FoundryModelsAPIVersion)
	case info.V1:
		if kind == KindChat {
			u.Path = "/openai/v1/chat/completions"
			p.method, p.body = http.MethodPost, chatBody(true)
		} else {
			u.Path = "/openai/v1/models"
			p.method = http.MethodGet
		}
	default:
		if kind == KindChat {
			u.Path = "/openai/deployments/" + req.Deployment + "/chat/completions"
			p.method, p.body = http.MethodPost, chatBody(false)
		} else {
			u.Path = "/openai/models"
			p.method = http.MethodGet
		}
		q.Set("api-version", firstNonEmpty(apiVersion, DefaultAPIVersion))
	}
	u.RawQuery = q.Encode()
	p.url = u.String()
	return p, nil
}

// Do sends the probe (retrying 429 and 5xx a little, honouring Retry-After) and classifies the
// answer. client nil = a default client that honours HTTPS_PROXY.
func Do(ctx context.Context, client *http.Client, req Request) Response {
	if client == nil {
		client = defaultHTTPClient()
	}
	p, err := build(req)
	if err != nil {
		return Response{Err: err, Findings: []classify.Finding{{Cause: cause.EndpointPath, Confidence: 0.5, Summary: err.Error()}}}
	}
	resp := Response{URL: p.url, Method: p.method, Kind: p.kind}
	if req.Auth.Bearer != "" && req.Auth.APIKey != "" {
		resp.Err = errors.New("set either a bearer token or an API key for the probe, not both")
		return resp
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = attemptBudget
	}
	start := time.Now()
	var waited time.Duration
	for attempt := 0; ; attempt++ {
		resp.Attempts = attempt + 1
		status, hdr, body, err := send(ctx, client, p, req.Auth, timeout)
		resp.Latency = time.Since(start)
		if err != nil {
			resp.Err = err
			resp.Status = 0
			break
		}
		resp.Status, resp.Err = status, nil
		resp.Headers = pick(hdr)
		resp.Body = clipBody(body)
		resp.ServerDate = time.Time{}
		if d := hdr.Get("Date"); d != "" {
			if t, perr := http.ParseTime(d); perr == nil {
				resp.ServerDate = t
			}
		}
		if !retry.Retryable(status) || attempt >= maxRetries {
			break
		}
		wait := retry.Wait(hdr, attempt, 250*time.Millisecond, maxTotalWait)
		if waited+wait > maxTotalWait {
			break
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+time.Second {
			break
		}
		if retry.Sleep(ctx, wait) != nil {
			break
		}
		waited += wait
	}
	resp.Latency = time.Since(start)
	resp.Findings = findings(req, resp)
	return resp
}

func send(ctx context.Context, client *http.Client, p plan, auth Auth, timeout time.Duration) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var rd io.Reader
	if p.body != nil {
		rd = bytes.NewReader(p.body)
	}
	r, err := http.NewRequestWithContext(ctx, p.method, p.url, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	if p.body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Accept", "application/json")
	r.Header.Set("User-Agent", "aoai-doctor-probe")
	switch {
	case auth.Bearer != "":
		r.Header.Set("Authorization", "Bearer "+claims.Trim(auth.Bearer))
	case auth.APIKey != "":
		r.Header.Set("api-key", strings.TrimSpace(auth.APIKey))
	}
	resp, err := client.Do(r)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyRead))
	if err != nil && len(body) == 0 {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, body, nil
}

// findings classifies the answer: healthy on 2xx, transport causes on a transport error,
// otherwise the classifier's reading of status, body and headers (with the token's claims).
func findings(req Request, resp Response) []classify.Finding {
	if resp.Err != nil {
		if id, summary, ok := classify.Transport(resp.Err); ok {
			return []classify.Finding{{Cause: id, Confidence: 0.9, Summary: summary, Detail: sanitize.Line(resp.Err.Error())}}
		}
		return classify.Classify(classify.Input{Text: resp.Err.Error(), Endpoint: req.Endpoint})
	}
	if resp.Status >= 200 && resp.Status < 300 {
		what := "the service accepted the call"
		if resp.Kind == KindChat {
			what = "the chat completion succeeded"
		}
		return []classify.Finding{{Cause: cause.Healthy, Confidence: 1, Summary: what + " (" + strconv.Itoa(resp.Status) + ")"}}
	}
	in := classify.Input{Text: resp.Body, Status: resp.Status, Headers: resp.Headers, Endpoint: req.Endpoint}
	if req.Auth.Bearer != "" {
		if c, err := claims.Decode(req.Auth.Bearer); err == nil {
			in.Claims = c
		}
	}
	return classify.Classify(in)
}

func pick(h http.Header) map[string]string {
	out := map[string]string{}
	for _, k := range keptHeaders {
		if v := h.Get(k); v != "" {
			out[k] = sanitize.Line(clip(v, 300))
		}
	}
	return out
}

func clipBody(b []byte) string {
	s := sanitize.Text(string(b))
	return clip(s, maxBodyKept)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xc0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

// defaultHTTPClient honours HTTPS_PROXY and has sane timeouts.
func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 30 * time.Second
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: t, Timeout: 60 * time.Second}
}
