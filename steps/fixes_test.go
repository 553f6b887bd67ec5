package steps

import (
	"strings"
	"testing"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

func fullContext() FixContext {
	return FixContext{
		Endpoint: "https://contoso-ai.openai.azure.com/", Scope: "https://cognitiveservices.azure.com/.default",
		Cloud: "public", Credential: "default", ClientID: "c1c1c1c1-0000-0000-0000-000000000001",
		AccountID:   "/subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai",
		AccountName: "contoso-ai", ResourceGroup: "rg-ai", ResourceTenant: "7e7e7e7e-0000-0000-0000-000000000007",
		PrincipalOID: "0b0b0b0b-0000-0000-0000-00000000000b", PrincipalType: "User", PrincipalName: "dev@contoso.example",
		Role: "Cognitive Services OpenAI User",
	}
}

func TestFixesForEveryCause(t *testing.T) {
	fc := fullContext()
	for _, id := range cause.All() {
		fixes := FixesFor(id, fc)
		if id == cause.Healthy || id == cause.NotAnError {
			if len(fixes) != 0 {
				t.Errorf("%s: want no fixes, got %v", id, fixes)
			}
			continue
		}
		if len(fixes) == 0 {
			t.Errorf("%s: no fixes", id)
		}
		for _, f := range fixes {
			if f.Title == "" {
				t.Errorf("%s: a fix has no title", id)
			}
			// With every ID known, no placeholder of a known value remains.
			for _, ph := range []string{"<object-id>", "<resource-id>", "<tenant-id>", "<resource-name>", "<resource-group>"} {
				if strings.Contains(f.Command, ph) {
					t.Errorf("%s: %q still has %s", id, f.Command, ph)
				}
			}
		}
	}
}

func TestGrantCommandExact(t *testing.T) {
	fixes := FixesFor(cause.MissingDataRole, fullContext())
	want := `az role assignment create --role "Cognitive Services OpenAI User" --assignee-object-id 0b0b0b0b-0000-0000-0000-00000000000b --assignee-principal-type User --scope /subscriptions/s/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai`
	if fixes[0].Command != want {
		t.Errorf("grant command\n got %s\nwant %s", fixes[0].Command, want)
	}
	fixes = FixesFor(cause.OpenAIRoleOnFoundry, fullContext())
	if !strings.Contains(fixes[0].Command, `--role "Cognitive Services User"`) {
		t.Errorf("openai-role-on-foundry grants %s", fixes[0].Command)
	}
}

func TestFixLanguages(t *testing.T) {
	tests := []struct {
		lang string
		want []string // languages of the code fixes
	}{
		{"all", Languages},
		{"", Languages},
		{"python", []string{"python"}},
		{"go", []string{"go"}},
	}
	for _, tt := range tests {
		fc := fullContext()
		fc.Lang = tt.lang
		var got []string
		for _, f := range FixesFor(cause.WrongAudience, fc) {
			if contains(Languages, f.Lang) {
				got = append(got, f.Lang)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("lang %q: code fixes for %v, want %v", tt.lang, got, tt.want)
		}
	}
	fc := fullContext()
	fc.Lang = "python"
	fixes := FixesFor(cause.InvalidScope, fc)
	want := `token_provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")`
	if fixes[0].Command != want {
		t.Errorf("python scope fix = %s", fixes[0].Command)
	}
}

func TestEnvFixQuoting(t *testing.T) {
	f := envFix("t", map[string]string{"B": "it's", "A": "plain-1.2/x"}, []string{"X", "Y"})
	want := "export A=plain-1.2/x\nexport B='it'\\''s'\nunset X Y"
	if f.Command != want || f.Lang != "env" {
		t.Errorf("envFix = %q (%s), want %q", f.Command, f.Lang, want)
	}
}
