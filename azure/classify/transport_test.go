package classify

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

func TestTransportValues(t *testing.T) {
	wrap := func(err error) error { return &url.Error{Op: "Post", URL: "https://x.openai.azure.com/", Err: err} }
	tests := []struct {
		name string
		err  error
		want cause.ID
		ok   bool
	}{
		{"nil", nil, "", false},
		{"canceled", wrap(context.Canceled), "", false},
		{"dns not found", wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x.openai.azure.com", IsNotFound: true}}), cause.EndpointNotFound, true},
		{"dns timeout", wrap(&net.DNSError{Err: "i/o timeout", Name: "x", IsTimeout: true}), cause.NetworkBlocked, true},
		{"unknown CA", wrap(x509.UnknownAuthorityError{}), cause.NetworkBlocked, true},
		{"expired cert", wrap(x509.CertificateInvalidError{Reason: x509.Expired}), cause.ClockSkew, true},
		{"hostname", wrap(x509.HostnameError{Host: "x"}), cause.NetworkBlocked, true},
		{"refused", wrap(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), cause.NetworkBlocked, true},
		{"reset", wrap(syscall.ECONNRESET), cause.NetworkBlocked, true},
		{"deadline", wrap(context.DeadlineExceeded), cause.NetworkBlocked, true},
		{"proxyconnect", wrap(&net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("boom")}), cause.NetworkBlocked, true},
		{"proxy CONNECT answer", wrap(errors.New("Bad Gateway")), cause.EndpointNotFound, true},
		{"proxy auth", wrap(errors.New("Proxy Authentication Required")), cause.NetworkBlocked, true},
		{"text dns", fmt.Errorf("request: %w", errors.New("getaddrinfo ENOTFOUND x.openai.azure.com")), cause.EndpointNotFound, true},
		{"not transport", errors.New("json: cannot unmarshal"), "", false},
	}
	for _, tt := range tests {
		id, summary, ok := Transport(tt.err)
		if id != tt.want || ok != tt.ok || ok && summary == "" {
			t.Errorf("%s: Transport = %q %q %v, want %q %v", tt.name, id, summary, ok, tt.want, tt.ok)
		}
	}
}

// TestTransportRealErrors uses errors produced by the real HTTP client on loopback.
func TestTransportRealErrors(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	_, err := client.Get(srv.URL) // not trusting the test CA
	if id, _, ok := Transport(err); !ok || id != cause.NetworkBlocked {
		t.Errorf("untrusted TLS: %v -> %q %v", err, id, ok)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = client.Get("http://" + addr + "/")
	if id, _, ok := Transport(err); !ok || id != cause.NetworkBlocked {
		t.Errorf("refused: %v -> %q %v", err, id, ok)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	_, err = srv.Client().Do(req)
	if id, _, ok := Transport(err); !ok || id != cause.NetworkBlocked {
		t.Errorf("deadline: %v -> %q %v", err, id, ok)
	}
}
