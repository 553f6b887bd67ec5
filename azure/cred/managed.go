package cred

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
)

// imdsURL is the fixed address of the instance metadata service.
const imdsURL = "http://169.254.169.254/metadata/identity/oauth2/token"

// imdsProbeTimeout is DefaultAzureCredential's probe budget.
var imdsProbeTimeout = time.Second

type miKind int

const (
	miIMDS miKind = iota
	miOther
)

// miSource says where ManagedIdentityCredential will ask for a token. It reads the process
// environment, as MSAL does when the token is requested.
func miSource() (miKind, string) {
	src, err := managedidentity.GetSource()
	if err != nil {
		return miOther, "managed identity source unknown"
	}
	switch src {
	case managedidentity.AppService:
		return miOther, "App Service managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER)"
	case managedidentity.ServiceFabric:
		return miOther, "Service Fabric managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER, IDENTITY_SERVER_THUMBPRINT)"
	case managedidentity.AzureML:
		return miOther, "Azure ML managed identity endpoint (MSI_ENDPOINT, MSI_SECRET)"
	case managedidentity.CloudShell:
		return miOther, "Cloud Shell managed identity endpoint (MSI_ENDPOINT)"
	case managedidentity.AzureArc:
		return miOther, "Azure Arc managed identity endpoint (IDENTITY_ENDPOINT, IMDS_ENDPOINT)"
	}
	return miIMDS, "no managed identity variables set, so IMDS (169.254.169.254)"
}

// probeIMDS sends DefaultAzureCredential's short probe: any HTTP answer means IMDS is there.
func probeIMDS(ctx context.Context, opts Options) error {
	client := opts.Transport
	if client == nil {
		client = defaultHTTPClient()
	}
	cx, cancel := context.WithTimeout(ctx, imdsProbeTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(cx, http.MethodGet, imdsURL, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		if cx.Err() != nil {
			return errors.New("IMDS did not answer within " + imdsProbeTimeout.String())
		}
		return errors.New("IMDS is not reachable")
	}
	resp.Body.Close()
	return nil
}
