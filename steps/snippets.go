package steps

import (
	"fmt"
	"strings"
)

// Languages are the values of --lang besides "all", in the order fixes are listed.
var Languages = []string{"python", "javascript", "csharp", "go", "java"}

// snippet is one kind of code change in the app.
type snippet int

const (
	snipScope    snippet = iota + 1 // request the right scope
	snipEndpoint                    // use the right base endpoint
	snipTenant                      // sign in to the resource's tenant
	snipProvider                    // use a token provider instead of a fixed token or a key
	snipMIClient                    // choose the managed identity by client ID
)

// codeParts are the values a snippet fills in.
type codeParts struct {
	endpoint   string
	scope      string
	tenant     string
	clientID   string
	apiVersion string
}

func (p codeParts) orDefaults() codeParts {
	if p.endpoint == "" {
		p.endpoint = "https://<resource>.openai.azure.com/"
	}
	if p.scope == "" {
		p.scope = "https://cognitiveservices.azure.com/.default"
	}
	if p.tenant == "" {
		p.tenant = "<tenant-id>"
	}
	if p.clientID == "" {
		p.clientID = "<client-id>"
	}
	if p.apiVersion == "" {
		p.apiVersion = "2024-10-21"
	}
	return p
}

// wantLang reports whether fixes for lang are shown with the --lang setting sel.
func wantLang(sel, lang string) bool {
	return sel == "" || sel == "all" || sel == lang
}

// codeFixes returns the code change of kind k in every language selected by sel.
func codeFixes(k snippet, sel string, p codeParts) []Fix {
	p = p.orDefaults()
	var out []Fix
	for _, lang := range Languages {
		if !wantLang(sel, lang) {
			continue
		}
		title, code := snippetFor(k, lang, p)
		if code == "" {
			continue
		}
		out = append(out, Fix{Title: title, Command: code, Lang: lang})
	}
	return out
}

// snippetFor is the corrected line(s) of code of kind k in lang.
func snippetFor(k snippet, lang string, p codeParts) (title, code string) {
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	switch k {
	case snipScope:
		title = "Request the token for " + p.scope
		switch lang {
		case "python":
			code = fmt.Sprintf("token_provider = get_bearer_token_provider(DefaultAzureCredential(), %s)", q(p.scope))
		case "javascript":
			code = fmt.Sprintf("const azureADTokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), %s);", q(p.scope))
		case "csharp":
			code = fmt.Sprintf("var policy = new BearerTokenPolicy(new DefaultAzureCredential(), %s);", q(p.scope))
		case "go":
			code = fmt.Sprintf("azure.WithTokenCredential(cred, azure.WithTokenCredentialScopes([]string{%s}))", q(p.scope))
		case "java":
			code = fmt.Sprintf("new BearerTokenAuthenticationPolicy(new DefaultAzureCredentialBuilder().build(), %s)", q(p.scope))
		}
	case snipEndpoint:
		title = "Use the base endpoint " + p.endpoint
		switch lang {
		case "python":
			code = fmt.Sprintf("client = AzureOpenAI(azure_endpoint=%s, azure_ad_token_provider=token_provider, api_version=%s)", q(p.endpoint), q(p.apiVersion))
		case "javascript":
			code = fmt.Sprintf("const client = new AzureOpenAI({ endpoint: %s, azureADTokenProvider, apiVersion: %s });", q(p.endpoint), q(p.apiVersion))
		case "csharp":
			code = fmt.Sprintf("var client = new AzureOpenAIClient(new Uri(%s), new DefaultAzureCredential());", q(p.endpoint))
		case "go":
			code = fmt.Sprintf("client := openai.NewClient(azure.WithEndpoint(%s, %s), azure.WithTokenCredential(cred))", q(p.endpoint), q(p.apiVersion))
		case "java":
			code = fmt.Sprintf("OpenAIClient client = new OpenAIClientBuilder().credential(new DefaultAzureCredentialBuilder().build()).endpoint(%s).buildClient();", q(p.endpoint))
		}
	case snipTenant:
		title = "Sign in to the resource's tenant " + p.tenant
		switch lang {
		case "python":
			code = fmt.Sprintf("credential = AzureCliCredential(tenant_id=%s)", q(p.tenant))
		case "javascript":
			code = fmt.Sprintf("const credential = new DefaultAzureCredential({ tenantId: %s });", q(p.tenant))
		case "csharp":
			code = fmt.Sprintf("var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { TenantId = %s });", q(p.tenant))
		case "go":
			code = fmt.Sprintf("cred, err := azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{TenantID: %s})", q(p.tenant))
		case "java":
			code = fmt.Sprintf("TokenCredential credential = new DefaultAzureCredentialBuilder().tenantId(%s).build();", q(p.tenant))
		}
	case snipProvider:
		title = "Let the SDK get and refresh the token (no fixed token, no key)"
		switch lang {
		case "python":
			code = fmt.Sprintf("token_provider = get_bearer_token_provider(DefaultAzureCredential(), %s)\n"+
				"client = AzureOpenAI(azure_endpoint=%s, azure_ad_token_provider=token_provider, api_version=%s)",
				q(p.scope), q(p.endpoint), q(p.apiVersion))
		case "javascript":
			code = fmt.Sprintf("const azureADTokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), %s);\n"+
				"const client = new AzureOpenAI({ endpoint: %s, azureADTokenProvider, apiVersion: %s });",
				q(p.scope), q(p.endpoint), q(p.apiVersion))
		case "csharp":
			code = fmt.Sprintf("var client = new AzureOpenAIClient(new Uri(%s), new DefaultAzureCredential());", q(p.endpoint))
		case "go":
			code = fmt.Sprintf("cred, err := azidentity.NewDefaultAzureCredential(nil)\n"+
				"client := openai.NewClient(azure.WithEndpoint(%s, %s), azure.WithTokenCredential(cred, azure.WithTokenCredentialScopes([]string{%s})))",
				q(p.endpoint), q(p.apiVersion), q(p.scope))
		case "java":
			code = fmt.Sprintf("OpenAIClient client = new OpenAIClientBuilder().credential(new DefaultAzureCredentialBuilder().build()).endpoint(%s).buildClient();", q(p.endpoint))
		}
	case snipMIClient:
		title = "Choose the managed identity by its client ID " + p.clientID
		switch lang {
		case "python":
			code = fmt.Sprintf("credential = DefaultAzureCredential(managed_identity_client_id=%s)", q(p.clientID))
		case "javascript":
			code = fmt.Sprintf("const credential = new DefaultAzureCredential({ managedIdentityClientId: %s });", q(p.clientID))
		case "csharp":
			code = fmt.Sprintf("var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = %s });", q(p.clientID))
		case "go":
			code = fmt.Sprintf("cred, err := azidentity.NewManagedIdentityCredential(&azidentity.ManagedIdentityCredentialOptions{ID: azidentity.ClientID(%s)})", q(p.clientID))
		case "java":
			code = fmt.Sprintf("TokenCredential credential = new DefaultAzureCredentialBuilder().managedIdentityClientId(%s).build();", q(p.clientID))
		}
	}
	return title, code
}

// envFix is a fix that sets (value != "") or unsets environment variables.
func envFix(title string, set map[string]string, unset []string) Fix {
	var lines []string
	for _, k := range sortedKeys(set) {
		lines = append(lines, fmt.Sprintf("export %s=%s", k, shellQuote(set[k])))
	}
	if len(unset) > 0 {
		lines = append(lines, "unset "+strings.Join(unset, " "))
	}
	return Fix{Title: title, Command: strings.Join(lines, "\n"), Lang: "env"}
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
