package sts

import (
	"errors"
	"strings"
	"testing"
)

func TestMintParse(t *testing.T) {
	iss, err := NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewIssuer()
	tok, err := iss.Mint(map[string]any{"aud": "https://cognitiveservices.azure.com", "exp": 1700000000})
	if err != nil {
		t.Fatal(err)
	}
	c, err := iss.Parse(tok)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c["aud"] != "https://cognitiveservices.azure.com" {
		t.Fatalf("aud = %v", c["aud"])
	}
	forged, _ := other.Mint(map[string]any{"aud": "x"})
	second, _ := iss.Mint(map[string]any{"aud": "https://management.azure.com"})
	p1, p2 := strings.Split(tok, "."), strings.Split(second, ".")
	spliced := p1[0] + "." + p2[1] + "." + p1[2]
	tests := []struct {
		name string
		tok  string
		want error
	}{
		{"other key", forged, ErrSignature},
		{"swapped body", spliced, ErrSignature},
		{"not jwt", "abc", ErrMalformed},
		{"empty", "", ErrMalformed},
		{"bad base64", "a.b.%%%", ErrMalformed},
	}
	for _, tt := range tests {
		if _, err := iss.Parse(tt.tok); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if !strings.Contains(string(iss.JWKS()), iss.KeyID()) {
		t.Fatal("JWKS lacks kid")
	}
}
