package steps

import (
	"fmt"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/classify"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// ExplainInput is what `explain` is given: an error text and what else is known about the call.
type ExplainInput struct {
	Text     string
	Status   int
	Headers  map[string]string
	Endpoint string // optional
	Token    string // optional: the token that was sent (only its claims are used)
	Tenant   string // optional: the resource's tenant, for fixes
	Lang     string // fix snippets: python|javascript|csharp|go|java|all
	Now      time.Time
}

// Explain classifies an error text offline into ranked causes, each with its fixes. It returns
// an error only for bad input (an endpoint that is not a URL, a token that is not a JWT).
func Explain(in ExplainInput) (*Explanation, error) {
	var info *endpoint.Info
	if strings.TrimSpace(in.Endpoint) != "" {
		var err error
		if info, err = endpoint.Parse(in.Endpoint); err != nil {
			return nil, fmt.Errorf("--endpoint: %v", err)
		}
	}
	var c *claims.Claims
	if strings.TrimSpace(in.Token) != "" {
		var err error
		if c, err = claims.Decode(in.Token); err != nil {
			return nil, fmt.Errorf("--token: %v", err)
		}
	}
	if strings.TrimSpace(in.Text) == "" && in.Status == 0 {
		return nil, fmt.Errorf("no error text: pass it as an argument, with - to read stdin, or give --status")
	}
	fs := classify.Classify(classify.Input{Text: in.Text, Status: in.Status, Headers: in.Headers, Endpoint: info, Claims: c, Now: in.Now})
	fc := FixContext{Lang: in.Lang, ResourceTenant: in.Tenant, Scope: "https://cognitiveservices.azure.com/.default"}
	if info != nil {
		fc.Endpoint, fc.Scope, fc.Cloud, fc.DataAction = info.BaseURL, firstNonEmpty(info.Scope, fc.Scope), info.Cloud, info.DataAction
		if roles := endpoint.RoleFor(info); len(roles) > 0 {
			fc.Role = roles[0]
		}
		if info.Kind == endpoint.KindRegional || info.Kind == endpoint.KindAzureOpenAI || info.Kind == endpoint.KindAIServices {
			fc.AccountName = info.Subdomain
		}
	}
	if c != nil {
		fc.PrincipalOID, fc.PrincipalType, fc.PrincipalName = c.Oid, principalType(c), c.Identity()
		if fc.ResourceTenant == "" && c.Tid != "" && !containsFinding(fs, cause.WrongTenant) {
			fc.ResourceTenant = c.Tid
		}
	}
	out := &Explanation{Version: 1, Causes: []ExplainedCause{}}
	for _, f := range fs {
		out.Causes = append(out.Causes, ExplainedCause{
			ID: findingCause(f), Confidence: f.Confidence, Summary: f.Summary, Detail: f.Detail, Code: f.Code,
			Fixes: FixesFor(findingCause(f), fc),
		})
	}
	return out, nil
}

func containsFinding(fs []classify.Finding, id cause.ID) bool {
	for _, f := range fs {
		if f.Cause == id {
			return true
		}
	}
	return false
}

// TokenInput is what `token` is given.
type TokenInput struct {
	Token    string
	Endpoint string // optional: lint the audience and issuer against it
	Tenant   string // optional: the expected tenant
	Now      time.Time
}

// InspectToken decodes a token (claims only, never the signature) and lints it. The report
// holds the token only masked.
func InspectToken(in TokenInput) (*TokenReport, error) {
	c, err := claims.Decode(in.Token)
	if err != nil {
		return nil, err
	}
	var info *endpoint.Info
	if strings.TrimSpace(in.Endpoint) != "" {
		if info, err = endpoint.Parse(in.Endpoint); err != nil {
			return nil, fmt.Errorf("--endpoint: %v", err)
		}
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	out := &TokenReport{Version: 1, Claims: map[string]any{}, Masked: claims.Mask(in.Token), Findings: []TokenFinding{}}
	for k, v := range c.Raw {
		out.Claims[k] = v
	}
	out.Header = map[string]any{}
	for k, v := range map[string]string{"alg": c.HeaderAlg, "kid": c.HeaderKid, "typ": c.HeaderTyp} {
		if v != "" {
			out.Header[k] = v
		}
	}
	for _, f := range claims.Lint(c, info, in.Tenant, now) {
		out.Findings = append(out.Findings, TokenFinding{Status: Status(f.Status), Summary: f.Summary, Cause: f.Cause})
	}
	return out, nil
}
