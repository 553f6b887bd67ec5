package classify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
)

// Transport explains an error from the HTTP client (no response at all): DNS, TLS, proxy,
// refused connection or timeout. ok is false when err is not a transport failure (or is nil,
// or a cancellation by the caller).
func Transport(err error) (id cause.ID, summary string, ok bool) {
	if err == nil || errors.Is(err, context.Canceled) {
		return "", "", false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		name := quote(dnsErr.Name, 120)
		switch {
		case dnsErr.IsNotFound:
			return cause.EndpointNotFound, "the host " + name + " does not resolve: a typo in the resource name, a deleted resource, or a private endpoint whose private DNS zone this machine cannot see", true
		case dnsErr.IsTimeout:
			return cause.NetworkBlocked, "the DNS lookup of " + name + " timed out: check this machine's DNS / VPN", true
		}
		return cause.EndpointNotFound, "the DNS lookup of " + name + " failed (" + quote(dnsErr.Err, 80) + ")", true
	}
	var unknownCA x509.UnknownAuthorityError
	if errors.As(err, &unknownCA) {
		return cause.NetworkBlocked, "the server's certificate is signed by an unknown authority: a TLS-inspecting proxy or firewall, or a missing CA bundle (SSL_CERT_FILE)", true
	}
	var invalid x509.CertificateInvalidError
	if errors.As(err, &invalid) {
		if invalid.Reason == x509.Expired {
			return cause.ClockSkew, "the server's certificate looks expired or not yet valid: this machine's clock is probably wrong (or a proxy presents an old certificate)", true
		}
		return cause.NetworkBlocked, "the server's certificate is not valid for this client: a proxy or firewall in between", true
	}
	var hostErr x509.HostnameError
	if errors.As(err, &hostErr) {
		return cause.NetworkBlocked, "the certificate is for another host name: a proxy, firewall or wrong DNS entry answers for this host", true
	}
	var recErr tls.RecordHeaderError
	if errors.As(err, &recErr) {
		return cause.NetworkBlocked, "the server did not answer with TLS: a proxy or a plain-http port sits in the way", true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "proxyconnect" {
		return cause.NetworkBlocked, "the proxy (HTTPS_PROXY) could not be reached: check the proxy address or NO_PROXY", true
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return cause.NetworkBlocked, "the connection was refused: a firewall, a proxy setting, or a wrong host/port", true
	case errors.Is(err, syscall.ECONNRESET):
		return cause.NetworkBlocked, "the connection was reset: a firewall or proxy in between cut it", true
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded):
		return cause.NetworkBlocked, "the endpoint did not answer in time: a firewall dropping traffic, a private endpoint only reachable inside its network, or a slow proxy", true
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return cause.NetworkBlocked, "the endpoint did not answer in time: a firewall dropping traffic, a private endpoint only reachable inside its network, or a slow proxy", true
	}
	// Errors that arrive as text only (a proxy's CONNECT answer, wrapped errors).
	msg := strings.ToLower(err.Error())
	switch {
	case reDNS.MatchString(msg):
		return cause.EndpointNotFound, "the endpoint's host name does not resolve: a typo in the resource name, a deleted resource, or a private DNS zone this machine cannot see", true
	case reX509Time.MatchString(msg):
		return cause.ClockSkew, "the server's certificate looks expired or not yet valid: this machine's clock is probably wrong", true
	case reTLSTrust.MatchString(msg):
		return cause.NetworkBlocked, "TLS verification failed: a TLS-inspecting proxy or a missing CA bundle", true
	case strings.HasSuffix(msg, "bad gateway") || strings.HasSuffix(msg, "gateway timeout") || strings.HasSuffix(msg, "service unavailable"):
		// What an HTTPS proxy answers to CONNECT when it cannot resolve or reach the host.
		return cause.EndpointNotFound, "the proxy could not reach the host (" + quote(err.Error(), 160) + "): the name most likely does not resolve (typo, deleted resource, private DNS)", true
	case reProxy.MatchString(msg):
		return cause.NetworkBlocked, "the proxy refused the connection (" + quote(err.Error(), 160) + "): check HTTPS_PROXY / NO_PROXY and proxy credentials", true
	case reRefused.MatchString(msg):
		return cause.NetworkBlocked, "the connection was refused", true
	case reTimeout.MatchString(msg):
		return cause.NetworkBlocked, "the endpoint did not answer in time", true
	case reReset.MatchString(msg):
		return cause.NetworkBlocked, "the connection was cut", true
	}
	return "", "", false
}
