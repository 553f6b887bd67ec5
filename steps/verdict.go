package steps

import (
	"fmt"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/classify"
	"github.com/aoai-doctor/aoai-doctor/azure/cred"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// report assembles the Report: the results in step order and the verdict.
func (r *run) report(results []Result, d time.Duration) *Report {
	f := r.getFacts()
	if strings.TrimSpace(r.cfg.Error) != "" {
		in := classify.Input{Text: r.cfg.Error, Endpoint: r.info, Now: r.now()}
		if a, ok := r.acquire.peek(); ok {
			in.Claims = a.res.Claims
		}
		if fs := classify.Classify(in); len(fs) > 0 {
			f.errorCause, f.errorConf = fs[0].Cause, fs[0].Confidence
		}
	}
	c := decide(f)
	fc := r.fixContext()
	v := Verdict{Cause: c, Also: []cause.ID{}, Summary: r.summary(c, f, results), Fixes: FixesFor(c, fc)}
	if v.Fixes == nil {
		v.Fixes = []Fix{}
	}
	for _, res := range results {
		for _, id := range res.Causes {
			if id != c && id != cause.Healthy && id != cause.NotAnError && id != cause.Unknown && !containsCause(v.Also, id) {
				v.Also = append(v.Also, id)
			}
		}
	}
	in := Input{Endpoint: sanitize.Line(r.cfg.Endpoint), Credential: r.kind, Scope: r.appScope, Deployment: r.cfg.Deployment, Tenant: r.cfg.Tenant}
	if r.cfg.ScopeSet && strings.TrimSpace(r.cfg.Scope) == "" {
		in.Scope = `""`
	}
	toolVersion := r.cfg.ToolVersion
	if toolVersion == "" {
		toolVersion = "dev"
	}
	return &Report{
		Version: 1, Tool: Tool{Name: "aoai-doctor", Version: toolVersion}, Input: in,
		Steps: results, Verdict: v, Duration: d, DurationMS: d.Milliseconds(),
	}
}

// fixContext gathers the IDs known so far (it does not wait for unfinished work).
func (r *run) fixContext() FixContext {
	fc := FixContext{Lang: r.lang, Scope: r.audienceScope(), Credential: r.kind, ClientID: firstNonEmpty(r.cfg.ClientID, r.getenv("AZURE_CLIENT_ID")),
		APIVersion: r.cfg.APIVersion, Deployment: r.cfg.Deployment, Role: r.neededRole(), DataAction: r.dataAction()}
	if r.info != nil {
		fc.Endpoint, fc.Cloud = r.info.BaseURL, r.info.Cloud
	}
	if a, ok := r.arm.peek(); ok && a.account != nil {
		acct := a.account
		fc.AccountID, fc.AccountName, fc.ResourceGroup, fc.ResourceTenant = acct.ID, acct.Name, acct.ResourceGroup, acct.TenantID
		if acct.CustomSubDomain != nil && *acct.CustomSubDomain != "" && r.info != nil && r.info.Kind == "regional" {
			fc.Endpoint = "https://" + *acct.CustomSubDomain + ".openai.azure.com/"
		}
	}
	if fc.ResourceTenant == "" {
		fc.ResourceTenant = r.cfg.Tenant
	}
	if a, ok := r.acquire.peek(); ok && a.res.Claims != nil {
		c := a.res.Claims
		fc.PrincipalOID, fc.PrincipalType, fc.PrincipalName = c.Oid, principalType(c), c.Identity()
		if a.res.Credential == cred.NameEnvironment {
			for _, k := range []string{"AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_CLIENT_CERTIFICATE_PATH"} {
				if r.getenv(k) != "" {
					fc.EnvToUnset = append(fc.EnvToUnset, k)
				}
			}
		}
	}
	if ro, ok := r.role.peek(); ok && len(ro.holders) > 0 {
		fc.HolderName, fc.HolderOID = ro.holders[0].name, ro.holders[0].oid
	} else if t, ok := r.cliToken.peek(); ok && t.claims != nil && t.claims.Oid != fc.PrincipalOID {
		fc.HolderName, fc.HolderOID = t.claims.Identity(), t.claims.Oid
	}
	if ro, ok := r.role.peek(); ok {
		for _, v := range ro.assigned {
			if v.pending {
				fc.EffectiveAt = v.ra.CreatedOn.Add(propagation)
				break
			}
		}
	}
	return fc
}

// summary says in plain words who calls what, which action is refused and why.
func (r *run) summary(c cause.ID, f facts, results []Result) string {
	fc := r.fixContext()
	who := "The app"
	if fc.PrincipalName != "" {
		who = fc.PrincipalName
		if fc.PrincipalOID != "" && !strings.Contains(who, fc.PrincipalOID) {
			who += " (object ID " + fc.PrincipalOID + ")"
		}
	}
	res := "the endpoint"
	if r.info != nil {
		res = r.info.Host
	}
	if fc.AccountName != "" {
		res = fmt.Sprintf("%s (%s)", fc.AccountName, fc.AccountID)
	}
	action := fc.DataAction
	call := fmt.Sprintf("%s calling %s", who, res)
	if action != "" {
		call += " for " + action
	}
	var why string
	switch c {
	case cause.Healthy:
		return fmt.Sprintf("%s works with Entra ID: the token, the endpoint and the role are right.", call)
	case cause.NotAnError:
		return fmt.Sprintf("The app's error text is informational, not a failure; %s works.", call)
	case cause.MissingDataRole:
		why = fmt.Sprintf("the identity has no data-plane role that allows the action; grant %q at the resource", fc.role())
		if f.onlyControlRoles {
			why += " (its Owner/Contributor/Reader-type roles manage the resource but do not grant data access)"
		}
	case cause.OpenAIRoleOnFoundry:
		why = "an Azure OpenAI role covers OpenAI models only; Foundry Models need Cognitive Services User"
	case cause.RolePropagating:
		why = "the right role was assigned less than 5 minutes ago and is not effective yet"
		if !fc.EffectiveAt.IsZero() {
			why += "; it should work by " + fc.EffectiveAt.UTC().Format("15:04:05 UTC")
		}
	case cause.WrongIdentity:
		why = "the app signs in as another identity than the one that holds the role"
		if fc.HolderName != "" {
			why += " (" + fc.HolderName + ")"
		}
	case cause.WrongTenant:
		why = "the token comes from another tenant than the resource's"
		if fc.ResourceTenant != "" {
			why += " (" + fc.ResourceTenant + ")"
		}
	default:
		why = lowerFirst(cause.Title(c))
	}
	// The first failing step's summary is the evidence behind the verdict.
	evidence := ""
	for _, res := range results {
		if containsCause(res.Causes, c) && res.Summary != "" && res.Status != Error {
			evidence = firstLines(res.Summary, 1)
			break
		}
	}
	out := fmt.Sprintf("%s fails: %s.", call, why)
	if evidence != "" {
		out += "\nEvidence: " + evidence
	}
	if c == cause.Unknown {
		out = fmt.Sprintf("%s: the evidence fits no known cause; see the steps above for what was seen.", call)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
