// Package endpoint reads an Azure OpenAI / Foundry endpoint URL: which kind of endpoint it is,
// which cloud, which audience and scope a token needs, and what is wrong with the URL itself.
// It is pure analysis: no network.
package endpoint

import (
	"errors"
	"fmt"
	"github.com/aoai-doctor/aoai-doctor/azure/spelling"
	"net"
	"net/url"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// Kind is the family of an endpoint.
type Kind string

const (
	KindAzureOpenAI    Kind = "azure-openai"    // <name>.openai.azure.com
	KindAIServices     Kind = "ai-services"     // <name>.cognitiveservices.azure.com, <name>.services.ai.azure.com
	KindFoundryModels  Kind = "foundry-models"  // <name>.services.ai.azure.com/models
	KindFoundryProject Kind = "foundry-project" // <name>.services.ai.azure.com/api/projects/<p>
	KindRegional       Kind = "regional"        // <region>.api.cognitive.microsoft.com
	KindServerless     Kind = "serverless"      // <deploy>.<region>.models.ai.azure.com
	KindUnknown        Kind = "unknown"
)

// Problem is something wrong with the endpoint or the scope, with the cause it points to.
type Problem struct {
	Cause   cause.ID
	Summary string
}

// Info is what an endpoint URL says.
type Info struct {
	Input     string   // the text given, trimmed, user info removed, sanitized
	URL       *url.URL // the parsed URL (user info removed)
	Host      string   // lower-case host without a default port
	Scheme    string   // as given ("https" when none was given)
	Kind      Kind
	Cloud     string // "public" | "usgov" | "china" ("" for unknown hosts)
	Subdomain string // the resource's custom subdomain (first host label) or the region / serverless name
	Project   string // Foundry project name
	// BaseURL is the corrected base the app should configure: the resource root
	// (https://x.openai.azure.com/) for Azure OpenAI and AI services, .../models for Foundry
	// Models, .../api/projects/<p> for a project. For the v1 API (V1) append "openai/v1/".
	BaseURL    string
	Root       string   // https://<host>/
	V1         bool     // the URL uses (or names) the OpenAI v1 surface /openai/v1
	Deployment string   // a deployment name found in the path (/openai/deployments/<d>/...)
	APIVersion string   // an api-version found in the query
	Audiences  []string // accepted "aud" values, without trailing slash
	Scope      string   // the scope to request, with /.default
	DataAction string   // the data action of the probe (see DataActionFor)
	Problems   []Problem
	Notes      []string // facts worth showing that are not problems
}

// ErrEmpty is returned by Parse for an empty endpoint.
var ErrEmpty = errors.New("the endpoint is empty: set --endpoint or AZURE_OPENAI_ENDPOINT to your resource's URL, e.g. https://<name>.openai.azure.com/")

// Parse reads an endpoint. It returns an error only when the text is not a URL at all;
// everything else that is wrong is reported in Info.Problems.
func Parse(raw string) (*Info, error) {
	s := strings.TrimSpace(raw)
	var problems []Problem
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = strings.TrimSpace(s[1 : len(s)-1])
		problems = append(problems, Problem{cause.EndpointPath, "the endpoint is wrapped in quotes; remove them from the variable's value"})
	}
	if s == "" {
		return nil, ErrEmpty
	}
	if len(s) > 4096 {
		return nil, fmt.Errorf("the endpoint is %d characters long; expected a URL such as https://<name>.openai.azure.com/", len(s))
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, fmt.Errorf("the endpoint %q contains spaces; expected a URL such as https://<name>.openai.azure.com/", sanitize.Line(clip(s, 80)))
	}
	if strings.HasPrefix(strings.ToLower(s), "/subscriptions/") {
		return nil, errors.New("the endpoint is an Azure resource ID, not a URL; use the resource's endpoint, e.g. https://<name>.openai.azure.com/ (az cognitiveservices account show --ids <id> --query properties.endpoint)")
	}
	noScheme := false
	if !strings.Contains(s, "://") {
		noScheme = true
		s = "https://" + strings.TrimLeft(s, "/")
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("the endpoint is not a URL (%s); expected something like https://<name>.openai.azure.com/", sanitize.Line(clip(unwrapURLErr(err), 120)))
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("the endpoint %q has no host name; expected something like https://<name>.openai.azure.com/", sanitize.Line(clip(stripUser(raw), 80)))
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if !validHost(host) {
		return nil, fmt.Errorf("the endpoint's host %q is not a valid host name; expected something like https://<name>.openai.azure.com/", sanitize.Line(clip(host, 80)))
	}
	if u.User != nil {
		u.User = nil
		problems = append(problems, Problem{cause.EndpointPath, "the endpoint carries a user name or password (user@host); remove it: Entra ID uses a bearer token, never URL credentials"})
	}
	scheme := strings.ToLower(u.Scheme)
	info := &Info{URL: u, Host: host, Scheme: scheme, Kind: KindUnknown}
	info.Input = sanitize.Line(clip(u.String(), 300))
	if noScheme {
		info.Scheme = "https"
		problems = append(problems, Problem{cause.EndpointPath, "the endpoint has no scheme; write it as https://" + host + "/"})
	}
	switch info.Scheme {
	case "https":
	case "http":
		problems = append(problems, Problem{cause.EndpointPath, "the endpoint uses http://; Azure only accepts https:// (a bearer token must never travel in clear text)"})
	default:
		problems = append(problems, Problem{cause.EndpointPath, fmt.Sprintf("the endpoint's scheme is %q; use https://", sanitize.Line(clip(scheme, 20)))})
	}
	if p := u.Port(); p != "" && p != "443" {
		problems = append(problems, Problem{cause.EndpointPath, "the endpoint names port " + sanitize.Line(clip(p, 8)) + "; Azure endpoints listen on the default https port: drop the port"})
	}
	info.Root = "https://" + host + "/"
	info.BaseURL = info.Root

	classifyHost(info)
	analysePath(info, u, &problems)
	if q := u.RawQuery; q != "" {
		vals, _ := url.ParseQuery(q)
		if v := vals.Get("api-version"); v != "" {
			info.APIVersion = sanitize.Line(clip(v, 40))
			problems = append(problems, Problem{cause.EndpointPath, "the endpoint carries ?api-version=" + info.APIVersion + "; the API version is a separate client setting (OPENAI_API_VERSION): use " + info.BaseURL + " as the endpoint"})
		} else {
			problems = append(problems, Problem{cause.EndpointPath, "the endpoint carries a query string; use " + info.BaseURL + " as the endpoint"})
		}
	}
	if u.Fragment != "" || strings.HasSuffix(s, "#") {
		problems = append(problems, Problem{cause.EndpointPath, "the endpoint carries a #fragment; use " + info.BaseURL})
	}
	info.Problems = append(problems, info.Problems...)
	info.Audiences, info.Scope = audiencesFor(info.Kind, info.Cloud)
	info.DataAction = DataActionFor(info, info.Deployment)
	return info, nil
}

// classifyHost sets Kind, Cloud and Subdomain from the host, and host problems.
func classifyHost(info *Info) {
	host := info.Host
	if net.ParseIP(host) != nil || host == "localhost" {
		info.Problems = append(info.Problems, Problem{cause.Unknown, "the endpoint is an IP address or localhost, not an Azure resource host; if it is a proxy or gateway in front of Azure OpenAI, check the resource's own endpoint (https://<name>.openai.azure.com/) directly"})
		return
	}
	lookup := host
	if strings.Contains(lookup, ".privatelink.") {
		lookup = strings.Replace(lookup, ".privatelink.", ".", 1)
		info.Notes = append(info.Notes, "the host is a private-link DNS name; clients normally use the public name ("+lookup+"), which private DNS resolves to the private endpoint")
	}
	for _, r := range hostRules {
		if !strings.HasSuffix(lookup, r.suffix) {
			continue
		}
		name := strings.TrimSuffix(lookup, r.suffix)
		info.Kind, info.Cloud, info.Subdomain = r.kind, r.cloud, name
		switch r.kind {
		case KindRegional:
			info.Problems = append(info.Problems, Problem{cause.RegionalEndpoint, fmt.Sprintf(
				"%s is the shared regional endpoint of %s: it does not accept Entra ID tokens; give the resource a custom subdomain and use https://<custom-subdomain>.%s/",
				host, name, regionalTarget(r.cloud))})
		case KindServerless:
			info.Problems = append(info.Problems, Problem{cause.ServerlessEndpoint,
				host + " is a serverless (pay-as-you-go) model endpoint; many of these accept only keys. For Entra ID deploy the model to a Foundry resource and call https://<resource>.services.ai.azure.com/models"})
		}
		if strings.Contains(name, ".") && r.kind != KindServerless {
			info.Problems = append(info.Problems, Problem{cause.EndpointNotFound, fmt.Sprintf("the host %s has extra labels before %s; the resource host is <name>%s", host, strings.TrimPrefix(r.suffix, "."), r.suffix)})
		}
		return
	}
	info.Cloud = CloudOfHost(host)
	// A bare suffix (no resource name) or a near miss of a known suffix is a typo.
	for _, suf := range knownSuffixes() {
		if host == suf {
			info.Problems = append(info.Problems, Problem{cause.EndpointNotFound, "the host " + host + " has no resource name; use https://<name>." + suf + "/"})
			return
		}
	}
	if first, rest, ok := strings.Cut(host, "."); ok {
		for _, suf := range knownSuffixes() {
			if d := spelling.Distance(rest, suf); d > 0 && d <= 2 {
				info.Problems = append(info.Problems, Problem{cause.EndpointNotFound, fmt.Sprintf("the host %s looks like a typo of %s.%s", host, first, suf)})
				return
			}
		}
	}
	switch {
	case host == "api.openai.com":
		info.Problems = append(info.Problems, Problem{cause.Unknown, "api.openai.com is OpenAI's own service, not Azure: Entra ID does not apply; use your Azure resource's endpoint (https://<name>.openai.azure.com/)"})
	case strings.HasSuffix(host, ".azure-api.net"):
		info.Problems = append(info.Problems, Problem{cause.Unknown, host + " is an Azure API Management gateway: it decides itself how it authenticates; check the Azure OpenAI resource behind it directly"})
	default:
		info.Problems = append(info.Problems, Problem{cause.Unknown, host + " is not an Azure OpenAI or Foundry host (expected <name>.openai.azure.com, <name>.cognitiveservices.azure.com or <name>.services.ai.azure.com); a gateway or proxy in front of Azure can only be diagnosed through the resource's own endpoint"})
	}
}

func regionalTarget(cloud string) string {
	switch cloud {
	case CloudUSGov:
		return "openai.azure.us"
	case CloudChina:
		return "openai.azure.cn"
	}
	return "openai.azure.com"
}

// audiencesFor returns the accepted audiences and the scope to request.
func audiencesFor(k Kind, cloud string) ([]string, string) {
	cs, ai := CognitiveAudience(cloud), FoundryAudience(cloud)
	switch k {
	case KindAzureOpenAI, KindRegional:
		return []string{cs}, cs + "/.default"
	case KindAIServices, KindFoundryModels:
		return []string{cs, ai}, cs + "/.default"
	case KindFoundryProject:
		return []string{ai}, ai + "/.default"
	case KindServerless:
		return []string{"https://ml.azure.com"}, "https://ml.azure.com/.default"
	}
	return nil, ""
}

func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

func unwrapURLErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// stripUser drops a user:password@ part so that it is never echoed.
func stripUser(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		if at := strings.LastIndexByte(rest[:end], '@'); at >= 0 {
			return s[:i+3] + rest[at+1:]
		}
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
