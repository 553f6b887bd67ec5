// Package sts signs and verifies the emulator's RS256 access tokens.
package sts

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Issuer holds one signing key. It is safe for concurrent use.
type Issuer struct {
	key *rsa.PrivateKey
	kid string
}

// NewIssuer creates an issuer with a fresh 2048-bit RSA key.
func NewIssuer() (*Issuer, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("sts: generate key: %w", err)
	}
	sum := sha256.Sum256(k.PublicKey.N.Bytes())
	return &Issuer{key: k, kid: base64.RawURLEncoding.EncodeToString(sum[:12])}, nil
}

// KeyID is the "kid" header of every token this issuer signs.
func (i *Issuer) KeyID() string { return i.kid }

var b64 = base64.RawURLEncoding

// Mint signs claims as a compact RS256 JWT with "typ":"JWT" and this issuer's kid.
func (i *Issuer) Mint(claims map[string]any) (string, error) {
	hdr, err := json.Marshal(map[string]string{"typ": "JWT", "alg": "RS256", "kid": i.kid, "x5t": i.kid})
	if err != nil {
		return "", err
	}
	body, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("sts: encode claims: %w", err)
	}
	signing := b64.EncodeToString(hdr) + "." + b64.EncodeToString(body)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, i.key, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("sts: sign: %w", err)
	}
	return signing + "." + b64.EncodeToString(sig), nil
}

// ErrMalformed means the text is not a compact JWT at all.
var ErrMalformed = errors.New("malformed token")

// ErrSignature means the token is a JWT but was not signed by this issuer.
var ErrSignature = errors.New("token signature is invalid")

// Parse verifies the signature and returns the claims. It does not check times or audience:
// the services that accept tokens decide that themselves.
func (i *Issuer) Parse(token string) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, ErrMalformed
	}
	var hdr struct {
		Alg string `json:"alg"`
	}
	hb, err := b64.DecodeString(parts[0])
	if err != nil || json.Unmarshal(hb, &hdr) != nil {
		return nil, ErrMalformed
	}
	body, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, ErrMalformed
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return nil, ErrMalformed
	}
	if hdr.Alg != "RS256" {
		return nil, ErrSignature
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(&i.key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		return nil, ErrSignature
	}
	claims := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	if err := dec.Decode(&claims); err != nil {
		return nil, ErrMalformed
	}
	return claims, nil
}

// JWKS is the JSON Web Key Set that publishes the public key.
func (i *Issuer) JWKS() []byte {
	pub := i.key.PublicKey
	e := big.NewInt(int64(pub.E)).Bytes()
	out, _ := json.Marshal(map[string]any{"keys": []map[string]any{{
		"kty": "RSA", "use": "sig", "kid": i.kid, "x5t": i.kid,
		"n": b64.EncodeToString(pub.N.Bytes()), "e": b64.EncodeToString(e),
	}}})
	return out
}
