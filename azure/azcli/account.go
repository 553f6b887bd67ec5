package azcli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// Account is who az is signed in as (`az account show`).
type Account struct {
	SubscriptionID   string // id
	SubscriptionName string // name
	TenantID         string // tenantId
	HomeTenantID     string // homeTenantId (may be empty)
	Environment      string // environmentName: AzureCloud, AzureUSGovernment, AzureChinaCloud
	UserName         string // user.name: UPN, or app id for a service principal
	UserType         string // user.type: user | servicePrincipal
	// AssignedIdentity is set when az is logged in with a managed identity (user.assignedIdentityInfo).
	AssignedIdentity string
}

// GetAccount runs `az account show -o json` (with --subscription when set).
func GetAccount(ctx context.Context, opts Options) (Account, error) {
	args := []string{"account", "show", "-o", "json"}
	if opts.Subscription != "" {
		if strings.HasPrefix(opts.Subscription, "-") || strings.ContainsAny(opts.Subscription, "\x00\n\r") {
			return Account{}, &Error{Kind: ErrBadInput, ExitCode: -1, Stderr: fmt.Sprintf("%q is not a valid subscription", opts.Subscription)}
		}
		args = append(args, "--subscription", opts.Subscription)
	}
	out, err := run(ctx, opts, args)
	if err != nil {
		return Account{}, err
	}
	a, err := ParseAccount(out)
	if err != nil {
		return Account{}, &Error{Kind: ErrBadOutput, Command: "az " + strings.Join(args, " "), Stderr: err.Error()}
	}
	return a, nil
}

// ParseAccount reads `az account show -o json` output.
func ParseAccount(data []byte) (Account, error) {
	var raw struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		TenantID        string `json:"tenantId"`
		HomeTenantID    string `json:"homeTenantId"`
		EnvironmentName string `json:"environmentName"`
		User            *struct {
			Name                 string `json:"name"`
			Type                 string `json:"type"`
			AssignedIdentityInfo string `json:"assignedIdentityInfo"`
		} `json:"user"`
	}
	if err := json.NewDecoder(bytes.NewReader(bytes.TrimSpace(data))).Decode(&raw); err != nil {
		return Account{}, fmt.Errorf("az account show output is not the expected JSON object: %s", describeJSONError(err))
	}
	if raw.User == nil && raw.TenantID == "" {
		return Account{}, errors.New("az account show output has neither user nor tenantId")
	}
	l := sanitize.Line
	a := Account{SubscriptionID: l(raw.ID), SubscriptionName: l(raw.Name), TenantID: l(raw.TenantID),
		HomeTenantID: l(raw.HomeTenantID), Environment: l(raw.EnvironmentName)}
	if raw.User != nil {
		a.UserName, a.UserType, a.AssignedIdentity = l(raw.User.Name), l(raw.User.Type), l(raw.User.AssignedIdentityInfo)
	}
	return a, nil
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
