package world

import "strings"

// RoleDefinition is an Azure built-in role: its stable GUID and its permissions.
type RoleDefinition struct {
	Name           string
	GUID           string
	Description    string
	Actions        []string
	NotActions     []string
	DataActions    []string
	NotDataActions []string
}

const cs = "Microsoft.CognitiveServices/"

// builtinRoles follows azure-facts §5.4. GUIDs are Azure's real ones; action lists are a faithful
// subset (evaluation is by wildcard, so the patterns that matter for the checks are all here).
var builtinRoles = []RoleDefinition{
	{
		Name: "Cognitive Services OpenAI User", GUID: "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
		Description: "Read access to view files, models, deployments. The ability to create completion and embedding calls.",
		Actions: []string{
			cs + "*/read",
			"Microsoft.Authorization/roleAssignments/read",
			"Microsoft.Authorization/roleDefinitions/read",
		},
		DataActions: []string{
			cs + "accounts/OpenAI/*/read",
			cs + "accounts/OpenAI/engines/completions/action",
			cs + "accounts/OpenAI/engines/search/action",
			cs + "accounts/OpenAI/engines/generate/action",
			cs + "accounts/OpenAI/deployments/audio/action",
			cs + "accounts/OpenAI/deployments/search/action",
			cs + "accounts/OpenAI/deployments/completions/action",
			cs + "accounts/OpenAI/deployments/chat/completions/action",
			cs + "accounts/OpenAI/deployments/realtime/action",
			cs + "accounts/OpenAI/deployments/extensions/chat/completions/action",
			cs + "accounts/OpenAI/deployments/embeddings/action",
			cs + "accounts/OpenAI/images/generations/action",
			cs + "accounts/OpenAI/assistants/*",
			cs + "accounts/OpenAI/responses/*",
			cs + "accounts/OpenAI/video/generations/*/action",
			cs + "accounts/OpenAI/video/generations/*/delete",
		},
		NotDataActions: []string{cs + "accounts/OpenAI/stored-completions/read"},
	},
	{
		Name: "Cognitive Services OpenAI Contributor", GUID: "a001fd3d-188f-4b5d-821b-7da978bf7442",
		Description: "Full access including the ability to fine-tune, deploy and generate text.",
		Actions: []string{
			cs + "*/read",
			cs + "accounts/deployments/write",
			cs + "accounts/deployments/delete",
			cs + "accounts/raiPolicies/read",
			cs + "accounts/raiPolicies/write",
			cs + "accounts/raiPolicies/delete",
			cs + "accounts/commitmentplans/read",
			cs + "accounts/commitmentplans/write",
			cs + "accounts/commitmentplans/delete",
			"Microsoft.Authorization/roleAssignments/read",
			"Microsoft.Authorization/roleDefinitions/read",
		},
		DataActions: []string{cs + "accounts/OpenAI/*"},
	},
	{
		Name: "Cognitive Services User", GUID: "a97b65f3-24c7-4388-baec-2e87135dc908",
		Description: "Lets you read and list keys of Cognitive Services.",
		Actions: []string{
			cs + "*/read",
			cs + "accounts/listkeys/action",
			"Microsoft.Insights/alertRules/read",
			"Microsoft.Insights/diagnosticSettings/read",
			"Microsoft.Insights/logDefinitions/read",
			"Microsoft.Insights/metricdefinitions/read",
			"Microsoft.Insights/metrics/read",
			"Microsoft.ResourceHealth/availabilityStatuses/read",
			"Microsoft.Resources/deployments/operations/read",
			"Microsoft.Resources/subscriptions/operationresults/read",
			"Microsoft.Resources/subscriptions/read",
			"Microsoft.Resources/subscriptions/resourceGroups/read",
			"Microsoft.Support/*",
		},
		DataActions: []string{cs + "*"},
	},
	{
		Name: "Cognitive Services Contributor", GUID: "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68",
		Description: "Lets you create, read, update, delete and manage keys of Cognitive Services.",
		Actions: []string{
			"Microsoft.Authorization/*/read",
			cs + "*",
			"Microsoft.Features/features/read",
			"Microsoft.Features/providers/features/read",
			"Microsoft.Features/providers/features/register/action",
			"Microsoft.Insights/alertRules/*",
			"Microsoft.Insights/diagnosticSettings/*",
			"Microsoft.Insights/logDefinitions/read",
			"Microsoft.Insights/metricdefinitions/read",
			"Microsoft.Insights/metrics/read",
			"Microsoft.ResourceHealth/availabilityStatuses/read",
			"Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/operationresults/read",
			"Microsoft.Resources/subscriptions/read",
			"Microsoft.Resources/subscriptions/resourceGroups/read",
			"Microsoft.Support/*",
		},
	},
	{
		Name: "Azure AI User", GUID: "53ca6127-db72-4b80-b1b0-d745d6d5456d",
		Description: "Grants reader access to AI projects, reader access to AI accounts, and data actions for an AI project.",
		Actions: []string{
			cs + "*/read",
			"Microsoft.Authorization/*/read",
			"Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/resourceGroups/read",
		},
		DataActions: []string{cs + "*"},
	},
	{
		Name: "Azure AI Developer", GUID: "64702f94-c441-49e6-a78b-ef80e0188fee",
		Description: "Can perform all actions within an Azure AI resource besides managing the resource itself.",
		Actions: []string{
			"Microsoft.Authorization/*/read",
			"Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/resourceGroups/read",
			"Microsoft.MachineLearningServices/workspaces/*/read",
			"Microsoft.MachineLearningServices/workspaces/*/action",
			"Microsoft.MachineLearningServices/workspaces/*/delete",
			"Microsoft.MachineLearningServices/workspaces/*/write",
			cs + "accounts/*/read",
			"Microsoft.Insights/alertRules/read",
			"Microsoft.Insights/diagnosticSettings/read",
			"Microsoft.Insights/metricdefinitions/read",
			"Microsoft.Insights/metrics/read",
		},
		NotActions: []string{
			"Microsoft.MachineLearningServices/workspaces/delete",
			"Microsoft.MachineLearningServices/workspaces/write",
			"Microsoft.MachineLearningServices/workspaces/computes/*/write",
			"Microsoft.MachineLearningServices/workspaces/computes/*/delete",
			"Microsoft.MachineLearningServices/workspaces/computes/listKeys/action",
			"Microsoft.MachineLearningServices/workspaces/listKeys/action",
			"Microsoft.MachineLearningServices/workspaces/hubs/write",
			"Microsoft.MachineLearningServices/workspaces/hubs/delete",
			"Microsoft.MachineLearningServices/workspaces/featurestores/write",
			"Microsoft.MachineLearningServices/workspaces/featurestores/delete",
		},
		DataActions: []string{
			cs + "accounts/OpenAI/*",
			cs + "accounts/SpeechServices/*",
			cs + "accounts/ContentSafety/*",
		},
	},
	{
		Name: "Azure AI Project Manager", GUID: "eadc314b-1a2d-4efa-be10-5d325db5065e",
		Description: "Lets you perform management actions on Foundry projects, build and develop with projects, and conditionally assign the Azure AI User role.",
		Actions: []string{
			cs + "*/read",
			cs + "accounts/projects/*",
			"Microsoft.Authorization/*/read",
			"Microsoft.Authorization/roleAssignments/write",
			"Microsoft.Authorization/roleAssignments/delete",
			"Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/resourceGroups/read",
		},
		DataActions: []string{cs + "*"},
	},
	{
		Name: "Azure AI Account Owner", GUID: "e47c6f54-e4a2-4754-9501-8e0985b135e1",
		Description: "Grants full access to manage Foundry accounts and projects, and conditionally assign the Azure AI User role.",
		Actions: []string{
			cs + "*",
			"Microsoft.Authorization/*/read",
			"Microsoft.Authorization/roleAssignments/write",
			"Microsoft.Authorization/roleAssignments/delete",
			"Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/resourceGroups/read",
			"Microsoft.Insights/alertRules/*",
		},
	},
	{
		Name: "Owner", GUID: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
		Description: "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
		Actions:     []string{"*"},
	},
	{
		Name: "Contributor", GUID: "b24988ac-6180-42a0-ab88-20f7382dd24c",
		Description: "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
		Actions:     []string{"*"},
		NotActions: []string{
			"Microsoft.Authorization/*/Delete",
			"Microsoft.Authorization/*/Write",
			"Microsoft.Authorization/elevateAccess/Action",
			"Microsoft.Blueprint/blueprintAssignments/write",
			"Microsoft.Blueprint/blueprintAssignments/delete",
			"Microsoft.Compute/galleries/share/action",
			"Microsoft.Purview/consents/write",
			"Microsoft.Purview/consents/delete",
			"Microsoft.Resources/deploymentStacks/manageDenySetting/action",
			"Microsoft.Subscription/cancel/action",
			"Microsoft.Subscription/enable/action",
		},
	},
	{
		Name: "Reader", GUID: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
		Description: "View all resources, but does not allow you to make any changes.",
		Actions:     []string{"*/read"},
	},
	{
		Name: "User Access Administrator", GUID: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
		Description: "Lets you manage user access to Azure resources.",
		Actions:     []string{"*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"},
	},
}

// BuiltinRoles returns a copy of the built-in role catalogue.
func BuiltinRoles() []RoleDefinition {
	out := make([]RoleDefinition, len(builtinRoles))
	for i, r := range builtinRoles {
		out[i] = r.clone()
	}
	return out
}

func (r RoleDefinition) clone() RoleDefinition {
	c := r
	c.Actions = append([]string(nil), r.Actions...)
	c.NotActions = append([]string(nil), r.NotActions...)
	c.DataActions = append([]string(nil), r.DataActions...)
	c.NotDataActions = append([]string(nil), r.NotDataActions...)
	return c
}

// Role finds a built-in role by name (case-insensitive), GUID, or role definition ID
// (.../providers/Microsoft.Authorization/roleDefinitions/<guid>). The result is a copy.
func Role(nameOrGUID string) (*RoleDefinition, bool) {
	key := strings.TrimSpace(nameOrGUID)
	if i := strings.LastIndex(key, "/"); i >= 0 && strings.Contains(strings.ToLower(key), "/roledefinitions/") {
		key = key[i+1:]
	}
	for _, r := range builtinRoles {
		if strings.EqualFold(r.Name, key) || strings.EqualFold(r.GUID, key) {
			c := r.clone()
			return &c, true
		}
	}
	return nil, false
}

// RoleDefinitionID is the subscription-qualified ID ARM shows for a role ("" subscription: tenant level).
func RoleDefinitionID(subscriptionID, roleGUID string) string {
	if subscriptionID == "" {
		return "/providers/Microsoft.Authorization/roleDefinitions/" + roleGUID
	}
	return "/subscriptions/" + subscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGUID
}

// AllowsDataAction says whether the role grants a data-plane action: some dataActions pattern
// matches and no notDataActions pattern does.
func (r *RoleDefinition) AllowsDataAction(action string) bool {
	return allows(r.DataActions, r.NotDataActions, action)
}

// AllowsAction is the same for control-plane (ARM) actions.
func (r *RoleDefinition) AllowsAction(action string) bool {
	return allows(r.Actions, r.NotActions, action)
}

func allows(grant, deny []string, action string) bool {
	ok := false
	for _, p := range grant {
		if MatchAction(p, action) {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	for _, p := range deny {
		if MatchAction(p, action) {
			return false
		}
	}
	return true
}

// MatchAction matches an RBAC action pattern against an action, case-insensitively;
// '*' matches any run of characters, including '/'.
func MatchAction(pattern, action string) bool {
	return globFold(strings.ToLower(pattern), strings.ToLower(action))
}

// globFold is an iterative glob with backtracking to the last '*' (linear in practice).
func globFold(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(p) && p[pi] == s[si]:
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
