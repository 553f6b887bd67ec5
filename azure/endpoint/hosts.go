package endpoint

import "strings"

// Clouds.
const (
	CloudPublic = "public"
	CloudUSGov  = "usgov"
	CloudChina  = "china"
)

// hostRule maps a host suffix to an endpoint kind in one cloud.
type hostRule struct {
	suffix string // with the leading dot
	kind   Kind
	cloud  string
}

// hostRules lists the data-plane host families. Longer suffixes come first so that
// "x.models.ai.azure.com" is not read as a "services.ai.azure.com" host.
var hostRules = []hostRule{
	{".services.ai.azure.com", KindAIServices, CloudPublic},
	{".services.ai.azure.us", KindAIServices, CloudUSGov},
	{".services.ai.azure.cn", KindAIServices, CloudChina},
	{".models.ai.azure.com", KindServerless, CloudPublic},
	{".inference.ai.azure.com", KindServerless, CloudPublic},
	{".openai.azure.com", KindAzureOpenAI, CloudPublic},
	{".openai.azure.us", KindAzureOpenAI, CloudUSGov},
	{".openai.azure.cn", KindAzureOpenAI, CloudChina},
	{".cognitiveservices.azure.com", KindAIServices, CloudPublic},
	{".cognitiveservices.azure.us", KindAIServices, CloudUSGov},
	{".cognitiveservices.azure.cn", KindAIServices, CloudChina},
	{".api.cognitive.microsoft.com", KindRegional, CloudPublic},
	{".api.cognitive.microsoft.us", KindRegional, CloudUSGov},
	{".api.cognitive.azure.cn", KindRegional, CloudChina},
}

// cognitiveAudience is the accepted audience of the Azure OpenAI / AI services data plane per cloud.
var cognitiveAudience = map[string]string{
	CloudPublic: "https://cognitiveservices.azure.com",
	CloudUSGov:  "https://cognitiveservices.azure.us",
	CloudChina:  "https://cognitiveservices.azure.cn",
}

// foundryAudience is the Foundry (ai.azure.com) audience per cloud.
var foundryAudience = map[string]string{
	CloudPublic: "https://ai.azure.com",
	CloudUSGov:  "https://ai.azure.us",
	CloudChina:  "https://ai.azure.cn",
}

// CognitiveAudience returns the cognitiveservices audience for a cloud (public when unknown).
func CognitiveAudience(cloud string) string {
	if a, ok := cognitiveAudience[cloud]; ok {
		return a
	}
	return cognitiveAudience[CloudPublic]
}

// FoundryAudience returns the ai.azure.com audience for a cloud (public when unknown).
func FoundryAudience(cloud string) string {
	if a, ok := foundryAudience[cloud]; ok {
		return a
	}
	return foundryAudience[CloudPublic]
}

// resourceKind says which Entra resource a scope or audience host names.
type resourceKind string

const (
	resCognitive resourceKind = "cognitiveservices"
	resFoundry   resourceKind = "ai.azure.com"
	resARM       resourceKind = "Azure Resource Manager"
	resGraph     resourceKind = "Microsoft Graph"
	resML        resourceKind = "Azure Machine Learning (ml.azure.com)"
	resVault     resourceKind = "Azure Key Vault"
	resStorage   resourceKind = "Azure Storage"
)

type resourceHost struct {
	kind  resourceKind
	cloud string
}

// resourceHosts are the resource (audience) hosts Entra knows, by exact host name.
var resourceHosts = map[string]resourceHost{
	"cognitiveservices.azure.com":       {resCognitive, CloudPublic},
	"cognitiveservices.azure.us":        {resCognitive, CloudUSGov},
	"cognitiveservices.azure.cn":        {resCognitive, CloudChina},
	"ai.azure.com":                      {resFoundry, CloudPublic},
	"ai.azure.us":                       {resFoundry, CloudUSGov},
	"ai.azure.cn":                       {resFoundry, CloudChina},
	"management.azure.com":              {resARM, CloudPublic},
	"management.core.windows.net":       {resARM, CloudPublic},
	"management.usgovcloudapi.net":      {resARM, CloudUSGov},
	"management.core.usgovcloudapi.net": {resARM, CloudUSGov},
	"management.chinacloudapi.cn":       {resARM, CloudChina},
	"management.core.chinacloudapi.cn":  {resARM, CloudChina},
	"graph.microsoft.com":               {resGraph, CloudPublic},
	"graph.windows.net":                 {resGraph, CloudPublic},
	"graph.microsoft.us":                {resGraph, CloudUSGov},
	"microsoftgraph.chinacloudapi.cn":   {resGraph, CloudChina},
	"ml.azure.com":                      {resML, CloudPublic},
	"ml.azure.us":                       {resML, CloudUSGov},
	"ml.azure.cn":                       {resML, CloudChina},
	"vault.azure.net":                   {resVault, CloudPublic},
	"storage.azure.com":                 {resStorage, CloudPublic},
}

// lookupResource classifies an audience or scope host.
func lookupResource(host string) (resourceHost, bool) {
	r, ok := resourceHosts[strings.ToLower(strings.TrimSuffix(host, "."))]
	return r, ok
}

// CloudOfHost names the cloud a host belongs to by its suffix: "public", "usgov", "china" or "".
func CloudOfHost(host string) string {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	switch {
	case h == "azure.us" || strings.HasSuffix(h, ".azure.us") || strings.HasSuffix(h, ".usgovcloudapi.net") ||
		strings.HasSuffix(h, ".microsoftonline.us") || strings.HasSuffix(h, ".microsoft.us"):
		return CloudUSGov
	case h == "azure.cn" || strings.HasSuffix(h, ".azure.cn") || strings.HasSuffix(h, ".chinacloudapi.cn") ||
		strings.HasSuffix(h, ".microsoftonline.cn"):
		return CloudChina
	case h == "azure.com" || strings.HasSuffix(h, ".azure.com") || strings.HasSuffix(h, ".windows.net") ||
		strings.HasSuffix(h, ".microsoft.com") || strings.HasSuffix(h, ".microsoftonline.com"):
		return CloudPublic
	}
	return ""
}

// CloudName is a cloud in words.
func CloudName(cloud string) string {
	switch cloud {
	case CloudPublic:
		return "the public Azure cloud"
	case CloudUSGov:
		return "Azure Government (US)"
	case CloudChina:
		return "Azure China (21Vianet)"
	}
	return "an unknown cloud"
}

// knownSuffixes are the data-plane suffixes without the dot, used to spot typos.
func knownSuffixes() []string {
	out := make([]string, 0, len(hostRules))
	for _, r := range hostRules {
		out = append(out, strings.TrimPrefix(r.suffix, "."))
	}
	return out
}
