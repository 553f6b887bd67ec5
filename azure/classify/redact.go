package classify

import (
	"regexp"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

var (
	jwtRe    = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	bearerRe = regexp.MustCompile(`(?i)(bearer\s+)([A-Za-z0-9._~+/=-]{12,})`)
	kvRe     = regexp.MustCompile(`(?i)((?:api[-_ ]?key|subscription[-_]key|ocp-apim-subscription-key|client[-_]?secret|password|secret|access[-_]?token|refresh[-_]?token|client[-_]assertion|sig|x-identity-header|identity_header)["']?\s*[:=]\s*["']?)([^\s"'&,;}]{6,})`)
	hexKeyRe = regexp.MustCompile(`\b[0-9a-fA-F]{32}\b`)
	longKey  = regexp.MustCompile(`\b[A-Za-z0-9]{80,100}\b`)
)

// Redact masks tokens, keys and secrets in text (first 6 characters and the length at most).
func Redact(s string) string {
	s = jwtRe.ReplaceAllStringFunc(s, claims.Mask)
	s = bearerRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := bearerRe.FindStringSubmatch(m)
		return sub[1] + claims.Mask(sub[2])
	})
	s = kvRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := kvRe.FindStringSubmatch(m)
		if strings.Contains(sub[2], "…") { // already masked
			return m
		}
		return sub[1] + claims.Mask(sub[2])
	})
	s = hexKeyRe.ReplaceAllStringFunc(s, claims.Mask)
	s = longKey.ReplaceAllStringFunc(s, claims.Mask)
	return s
}

// quote makes server or user text safe to show: secrets masked, escapes stripped, one line, clipped.
func quote(s string, n int) string {
	t := sanitize.Line(Redact(s))
	if len(t) > n {
		cut := n
		for cut > 0 && t[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		t = t[:cut] + "…"
	}
	return t
}
