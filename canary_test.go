package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// canaryToken builds a JWT-shaped token whose signature is a known, greppable value.
func canaryToken(t *testing.T) (token, signature string) {
	t.Helper()
	enc := base64.RawURLEncoding
	hdr := enc.EncodeToString([]byte(`{"typ":"JWT","alg":"RS256","kid":"k1"}`))
	exp := time.Now().Add(time.Hour).Unix()
	body := enc.EncodeToString([]byte(`{"aud":"https://cognitiveservices.azure.com","iss":"https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/","tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","oid":"00000000-0000-0000-0000-0000000000aa","upn":"dev@contoso.example","scp":"user_impersonation","ver":"1.0","exp":` + itoa(exp) + `,"nbf":` + itoa(exp-3600) + `,"iat":` + itoa(exp-3600) + `}`))
	signature = enc.EncodeToString([]byte("CANARY-SIGNATURE-must-never-be-printed-0123456789"))
	return hdr + "." + body + "." + signature, signature
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestSecretsCanary runs the commands that can see a token, an API key or a secret, in every
// output format, and checks that none of them is ever printed whole.
func TestSecretsCanary(t *testing.T) {
	token, sig := canaryToken(t)
	const apiKey = "0123456789abcdef0123456789abcdef"
	const secret = "Canary~Secret.ValueThatMustNeverAppear"
	t.Setenv("AZURE_CLIENT_SECRET", secret)
	t.Setenv("AZURE_OPENAI_API_KEY", apiKey)
	dir := t.TempDir()
	tokFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokFile, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	errText := `Error code: 401 - {'statusCode': 401, 'message': 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'} Authorization: Bearer ` + token + ` api-key: ` + apiKey
	var cmds [][]string
	for _, o := range []string{"text", "json", "markdown"} {
		cmds = append(cmds,
			[]string{"explain", errText, "--token", token, "--status", "401", "--output", o},
			[]string{"check", "--endpoint", "https://canary-test.invalid/", "--credential", "token", "--token-file", tokFile, "--api-key", apiKey, "--error", errText, "--timeout", "5s", "--output", o},
		)
	}
	cmds = append(cmds, []string{"token", token}, []string{"token", token, "--output", "json"}, []string{"token", "-", "--endpoint", "https://x.openai.azure.com/"})
	for _, args := range cmds {
		code, out, errOut := runCmd(t, token, args...)
		all := out + errOut
		if strings.TrimSpace(out) == "" {
			t.Errorf("%v: no output (exit %d): %s", args[:1], code, errOut)
		}
		for name, s := range map[string]string{"token signature": sig, "whole token": token, "API key": apiKey, "client secret": secret} {
			if strings.Contains(all, s) {
				t.Errorf("%s: output (exit %d) contains the %s", strings.Join(args[:1], " "), code, name)
			}
		}
	}
}
