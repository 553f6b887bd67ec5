package endpoint

import (
	"net/url"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// operation segments that belong to a request, never to a base endpoint.
var operationSegments = map[string]bool{
	"chat": true, "completions": true, "embeddings": true, "responses": true, "images": true,
	"audio": true, "assistants": true, "threads": true, "files": true, "batches": true,
	"realtime": true, "vector_stores": true, "info": true,
}

// analysePath reads the URL path: it can change the kind (Foundry Models, project), and
// it reports extra path as endpoint-path with the corrected base.
func analysePath(info *Info, u *url.URL, problems *[]Problem) {
	raw := u.EscapedPath()
	var segs []string
	for _, s := range strings.Split(raw, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if strings.Contains(raw, "//") && len(segs) > 0 {
		*problems = append(*problems, Problem{cause.EndpointPath, "the endpoint's path has a double slash; clients build URLs by appending to it"})
	}
	if len(segs) == 0 {
		return
	}
	shown := sanitize.Line(clip("/"+strings.Join(segs, "/"), 120))
	extra := func(why string) {
		*problems = append(*problems, Problem{cause.EndpointPath, "the endpoint carries extra path " + shown + " (" + why + "); use " + info.BaseURL + " as the endpoint" + v1Hint(info)})
	}
	lower := make([]string, len(segs))
	for i, s := range segs {
		lower[i] = strings.ToLower(s)
	}

	switch info.Kind {
	case KindUnknown:
		return
	case KindServerless:
		if len(lower) == 1 && (lower[0] == "v1" || lower[0] == "models") {
			return
		}
		extra("the client appends the operation path itself")
		return
	}

	foundryHost := strings.Contains(info.Host, ".services.ai.") || strings.Contains(info.Host, ".cognitiveservices.")
	switch {
	case lower[0] == "openai":
		openAIPath(info, lower, segs, extra)
	case lower[0] == "models" && foundryHost:
		info.Kind = KindFoundryModels
		info.BaseURL = info.Root + "models"
		if len(lower) > 1 {
			extra("the Foundry Models client appends /chat/completions itself")
		}
	case lower[0] == "api" && len(lower) >= 2 && lower[1] == "projects" && foundryHost:
		if len(segs) < 3 {
			*problems = append(*problems, Problem{cause.EndpointPath, "the project endpoint has no project name; use " + info.Root + "api/projects/<project-name>"})
			return
		}
		info.Kind = KindFoundryProject
		info.Project = sanitize.Line(clip(segs[2], 80))
		info.BaseURL = info.Root + "api/projects/" + info.Project
		rest := lower[3:]
		switch {
		case len(rest) == 0:
		case len(rest) == 1 && rest[0] == "openai":
		case len(rest) == 2 && rest[0] == "openai" && rest[1] == "v1":
			info.V1 = true
			info.Notes = append(info.Notes, "…/api/projects/"+info.Project+"/openai/v1 is the project's OpenAI-compatible v1 base; it needs an https://ai.azure.com token")
		default:
			extra("the project client appends operation paths itself")
		}
	case lower[0] == "v1":
		extra("the OpenAI v1 surface lives under /openai/v1, and clients append it themselves")
	case operationSegments[lower[0]]:
		extra("the client appends the operation path itself")
	default:
		extra("an Azure OpenAI base endpoint has no path")
	}
}

// openAIPath handles paths starting with /openai.
func openAIPath(info *Info, lower, segs []string, extra func(string)) {
	switch {
	case len(lower) == 1:
		extra("Azure OpenAI clients add /openai themselves, so requests would go to /openai/openai/...")
	case lower[1] == "v1":
		info.V1 = true
		if len(lower) == 2 {
			info.Notes = append(info.Notes, "/openai/v1 is the base of the OpenAI v1 API: right for OpenAI-compatible clients (base_url), wrong for the classic AzureOpenAI client, which appends /openai/deployments/... itself and gets 404")
			return
		}
		if lower[2] == "openai" {
			if len(lower) >= 5 && lower[3] == "deployments" {
				info.Deployment = sanitize.Line(clip(segs[4], 80))
			}
			extra("the base already ends in /openai/v1 and the client appended another /openai path, which gives 404 Resource not found")
			return
		}
		extra("the client appends the operation path to /openai/v1 itself")
	case lower[1] == "deployments":
		if len(segs) >= 3 {
			info.Deployment = sanitize.Line(clip(segs[2], 80))
		}
		extra("the client builds /openai/deployments/<name>/... itself; pass the deployment name separately")
	default:
		extra("the client appends /openai/... itself")
	}
}

func v1Hint(info *Info) string {
	if info.V1 && (info.Kind == KindAzureOpenAI || info.Kind == KindAIServices) {
		return " (or " + info.Root + "openai/v1/ as base_url for an OpenAI-compatible v1 client)"
	}
	return ""
}
