package steps

import "github.com/aoai-doctor/aoai-doctor/azure/cause"

// Explanation is the outcome of `explain`: ranked causes for an error text, each with fixes.
type Explanation struct {
	Version int              `json:"version"`
	Causes  []ExplainedCause `json:"causes"`
}

// ExplainedCause is one candidate cause of an error text.
type ExplainedCause struct {
	ID         cause.ID `json:"id"`
	Confidence float64  `json:"confidence"`
	Summary    string   `json:"summary"`
	Fixes      []Fix    `json:"fixes"`
	// Detail and Code are shown in text and markdown; Code is an AADSTS or HTTP code.
	Detail string `json:"detail,omitempty"`
	Code   string `json:"code,omitempty"`
}

// TokenReport is the outcome of `token`: the claims (never the signature) and lint findings.
type TokenReport struct {
	Version int `json:"version"`
	// Claims is the decoded payload; it never holds the token itself.
	Claims map[string]any `json:"claims"`
	// Masked is the token shown safely (first characters and length).
	Masked   string         `json:"token,omitempty"`
	Header   map[string]any `json:"header,omitempty"`
	Findings []TokenFinding `json:"findings"`
}

// TokenFinding is one lint result on a token.
type TokenFinding struct {
	Status  Status   `json:"status"`
	Summary string   `json:"summary"`
	Cause   cause.ID `json:"cause"`
}
