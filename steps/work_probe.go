package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/classify"
	"github.com/aoai-doctor/aoai-doctor/azure/probe"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// probeOut is one data-plane call, or why it was not made.
type probeOut struct {
	ran  bool
	why  string // when !ran
	resp probe.Response
}

func (p probeOut) ok() bool { return p.ran && p.resp.OK() }

// top is the most likely classified cause of the answer ("" when none).
func (p probeOut) top() classify.Finding {
	if !p.ran || len(p.resp.Findings) == 0 {
		return classify.Finding{}
	}
	return p.resp.Findings[0]
}

func (r *run) probeRequest(auth probe.Auth) probe.Request {
	return probe.Request{Endpoint: r.info, Deployment: r.cfg.Deployment, APIVersion: r.cfg.APIVersion, Auth: auth}
}

func (r *run) doProbe(ctx context.Context) probeOut {
	a, ok := r.acquire.get(ctx)
	if !ok {
		return probeOut{why: "the run ended before the app had a token"}
	}
	if !a.ok() || r.info == nil {
		return probeOut{why: "the app's credential got no token"}
	}
	return probeOut{ran: true, resp: probe.Do(ctx, r.httpClient(), r.probeRequest(probe.Auth{Bearer: a.res.Token}))}
}

func (r *run) doKeyProbe(ctx context.Context) probeOut {
	if strings.TrimSpace(r.cfg.APIKey) == "" {
		return probeOut{why: "no --api-key given"}
	}
	if r.info == nil {
		return probeOut{why: "no endpoint"}
	}
	return probeOut{ran: true, resp: probe.Do(ctx, r.httpClient(), r.probeRequest(probe.Auth{APIKey: r.cfg.APIKey}))}
}

// doReach sends the call without credentials: any HTTP answer proves that the name resolves,
// the network path is open and TLS works, independently of any token.
func (r *run) doReach(ctx context.Context) probeOut {
	if r.info == nil {
		return probeOut{why: "no endpoint"}
	}
	req := r.probeRequest(probe.Auth{})
	req.Kind = probe.KindRead
	return probeOut{ran: true, resp: probe.Do(ctx, r.httpClient(), req)}
}

func (r *run) doCLIProbe(ctx context.Context) probeOut {
	t, ok := r.cliToken.get(ctx)
	if !ok {
		return probeOut{why: "the run ended before the Azure CLI gave a token"}
	}
	if t.err != nil || r.info == nil {
		return probeOut{why: "the Azure CLI gave no token"}
	}
	return probeOut{ran: true, resp: probe.Do(ctx, r.httpClient(), r.probeRequest(probe.Auth{Bearer: t.tok.AccessToken}))}
}

// describe is a one-line account of a probe's answer: status, error code and message.
func describe(p probeOut) string {
	if !p.ran {
		return "not made: " + p.why
	}
	resp := p.resp
	if resp.Err != nil {
		return "no answer: " + sanitize.Line(resp.Err.Error())
	}
	code, msg := errorOf(resp.Body)
	s := fmt.Sprintf("%d", resp.Status)
	if code != "" && code != fmt.Sprint(resp.Status) {
		s += " " + code
	}
	if msg != "" {
		s += ": " + msg
	}
	return clip(sanitize.Line(s), 400)
}

// errorOf reads the error code and message of an Azure error body: {"error":{"code","message"}}
// or {"statusCode","message"}.
func errorOf(body string) (code, msg string) {
	var env struct {
		Error *struct {
			Code    any    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
		StatusCode any    `json:"statusCode"`
		Message    string `json:"message"`
	}
	if json.Unmarshal([]byte(body), &env) != nil {
		return "", sanitize.Line(clip(body, 200))
	}
	if env.Error != nil {
		return sanitize.Line(fmt.Sprint(env.Error.Code)), sanitize.Line(env.Error.Message)
	}
	return "", sanitize.Line(env.Message)
}

// findingCause is a finding's cause, or unknown.
func findingCause(f classify.Finding) cause.ID {
	if f.Cause == "" {
		return cause.Unknown
	}
	return f.Cause
}
