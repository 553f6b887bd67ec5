package world

// CloudInfo holds a cloud's host names and audiences (azure-facts §4.2).
type CloudInfo struct {
	Name            string // public | usgov | china
	LoginHost       string // Entra authority host
	ARMHost         string // Azure Resource Manager host
	ARMAudience     string
	DataAudience    string // Azure OpenAI / AI services data plane (scope + "/.default")
	AIAudience      string // Foundry projects
	OpenAISuffix    string // <subdomain>.<suffix>
	CognitiveSuffix string
	ServicesSuffix  string // Foundry (services.ai); "" where the cloud has none
	RegionalSuffix  string // <region>.<suffix>
}

var clouds = map[string]CloudInfo{
	"public": {
		Name: "public", LoginHost: "login.microsoftonline.com", ARMHost: "management.azure.com",
		ARMAudience: "https://management.azure.com", DataAudience: "https://cognitiveservices.azure.com",
		AIAudience: "https://ai.azure.com", OpenAISuffix: "openai.azure.com",
		CognitiveSuffix: "cognitiveservices.azure.com", ServicesSuffix: "services.ai.azure.com",
		RegionalSuffix: "api.cognitive.microsoft.com",
	},
	"usgov": {
		Name: "usgov", LoginHost: "login.microsoftonline.us", ARMHost: "management.usgovcloudapi.net",
		ARMAudience: "https://management.usgovcloudapi.net", DataAudience: "https://cognitiveservices.azure.us",
		AIAudience: "https://ai.azure.us", OpenAISuffix: "openai.azure.us",
		CognitiveSuffix: "cognitiveservices.azure.us", RegionalSuffix: "api.cognitive.microsoft.us",
	},
	"china": {
		Name: "china", LoginHost: "login.chinacloudapi.cn", ARMHost: "management.chinacloudapi.cn",
		ARMAudience: "https://management.chinacloudapi.cn", DataAudience: "https://cognitiveservices.azure.cn",
		AIAudience: "https://ai.azure.cn", OpenAISuffix: "openai.azure.cn",
		CognitiveSuffix: "cognitiveservices.azure.cn", RegionalSuffix: "api.cognitive.azure.cn",
	},
}

// CloudOf returns the cloud's hosts; unknown names get the public cloud.
func CloudOf(name string) CloudInfo {
	if c, ok := clouds[name]; ok {
		return c
	}
	return clouds["public"]
}

// Endpoint is the account's primary endpoint as ARM reports it (properties.endpoint):
// the custom subdomain host for its kind, or the regional endpoint when it has no subdomain.
func (w *World) Endpoint(a *Account) string {
	c := CloudOf(w.Cloud)
	if a.CustomSubdomain == nil {
		return "https://" + a.Location + "." + c.RegionalSuffix + "/"
	}
	if a.Kind == "AIServices" {
		return "https://" + *a.CustomSubdomain + "." + c.CognitiveSuffix + "/"
	}
	return "https://" + *a.CustomSubdomain + "." + c.OpenAISuffix + "/"
}

// Endpoints is the account's properties.endpoints map as ARM shows it.
func (w *World) Endpoints(a *Account) map[string]string {
	c := CloudOf(w.Cloud)
	if a.CustomSubdomain == nil {
		return map[string]string{"OpenAI Language Model Instance API": w.Endpoint(a)}
	}
	sub := *a.CustomSubdomain
	openai := "https://" + sub + "." + c.OpenAISuffix + "/"
	m := map[string]string{
		"OpenAI Language Model Instance API": openai,
		"OpenAI Dall-E API":                  openai,
		"OpenAI Whisper API":                 openai,
		"OpenAI Realtime API":                openai,
		"Token Service API":                  "https://" + sub + "." + c.CognitiveSuffix + "/sts/v1.0/issueToken",
	}
	if a.Kind == "AIServices" && c.ServicesSuffix != "" {
		m["AI Foundry API"] = "https://" + sub + "." + c.ServicesSuffix + "/"
		m["AI Model Inference API"] = "https://" + sub + "." + c.ServicesSuffix + "/models"
	}
	return m
}

// ProjectEndpoint is a Foundry project's endpoint ("" when the cloud has no Foundry host).
func (w *World) ProjectEndpoint(a *Account, project string) string {
	c := CloudOf(w.Cloud)
	if a.CustomSubdomain == nil || c.ServicesSuffix == "" {
		return ""
	}
	return "https://" + *a.CustomSubdomain + "." + c.ServicesSuffix + "/api/projects/" + project
}
