// Package classify turns an error text (an SDK exception, an HTTP body, a log line, an Entra ID
// or azidentity message) into ranked root causes. It is pure analysis: no network.
package classify

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/cause"
	"github.com/aoai-doctor/aoai-doctor/azure/claims"
	"github.com/aoai-doctor/aoai-doctor/azure/endpoint"
)

// Finding is one candidate cause.
type Finding struct {
	Cause      cause.ID
	Confidence float64 // 0..1
	Summary    string  // plain words, sanitized, no secrets
	Detail     string  // what was seen (sanitized, secrets masked)
	Code       string  // AADSTS code, service error code or "HTTP nnn"
	Audiences  []string
}

// Input is what the classifier may use. Only Text is required.
type Input struct {
	Text     string
	Status   int               // HTTP status if known (0 = read it from the text)
	Headers  map[string]string // response headers if known
	Endpoint *endpoint.Info    // the endpoint called, if known
	Claims   *claims.Claims    // the token sent, if known
	Now      time.Time         // for token times; zero = time.Now()
}

// minConfidence drops candidates too weak to show.
const minConfidence = 0.15

// Classify ranks the causes that explain the input, most likely first. It never returns an
// empty list: with nothing recognised it returns one "unknown" finding that says what was seen.
func Classify(in Input) []Finding {
	c := newCtx(in)
	for _, rule := range rules {
		rule(c)
	}
	return c.result()
}

// candidate is a cause with its best score and explanation.
type candidate struct {
	Finding
	order int
}

type ctx struct {
	in     Input
	p      *parsed
	h      string // lower-case haystack of everything read
	prose  string // h without stock phrases that would mislead the prose rules
	status int
	code   string
	now    time.Time
	auds   []string
	cands  map[cause.ID]*candidate
	seen   string // the core message, quoted for Detail
}

func newCtx(in Input) *ctx {
	p := parse(in.Text)
	c := &ctx{in: in, p: p, cands: map[cause.ID]*candidate{}, now: in.Now}
	if c.now.IsZero() {
		c.now = time.Now()
	}
	var b strings.Builder
	for _, v := range p.variants {
		b.WriteString(v)
		b.WriteString("\n")
	}
	for _, m := range p.messages {
		b.WriteString(m)
		b.WriteString("\n")
	}
	for _, code := range p.codes {
		b.WriteString(code)
		b.WriteString("\n")
	}
	for k, v := range in.Headers {
		b.WriteString("header " + k + ": " + v + "\n")
	}
	c.h = strings.ToLower(b.String())
	c.prose = c.h
	for _, s := range stockPhrases {
		c.prose = strings.ReplaceAll(c.prose, s, " ")
	}
	c.status = in.Status
	if c.status == 0 {
		c.status = p.status
	}
	if len(p.codes) > 0 {
		c.code = p.codes[0]
	}
	c.seen = quote(p.core(), 300)
	return c
}

// stockPhrases are parts of standard messages that, read as prose, would point elsewhere.
var stockPhrases = []string{
	"or have expired",
	"audience is incorrect",
	"if access was recently granted, please refresh your credentials",
	"if you created the deployment within the last 5 minutes, please wait a moment and try again",
	"for instructions on granting the necessary permissions",
}

// add records a candidate cause; the best score per cause wins.
func (c *ctx) add(id cause.ID, score float64, summary string) {
	if score > 0.99 {
		score = 0.99
	}
	if old, ok := c.cands[id]; ok {
		if score <= old.Confidence {
			return
		}
		old.Confidence, old.Summary = score, summary
		return
	}
	c.cands[id] = &candidate{Finding: Finding{Cause: id, Confidence: score, Summary: summary}, order: slices.Index(cause.All(), id)}
}

func (c *ctx) result() []Finding {
	var out []candidate
	for _, cand := range c.cands {
		if cand.Confidence >= minConfidence {
			out = append(out, *cand)
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if a.Confidence != b.Confidence {
			if a.Confidence > b.Confidence {
				return -1
			}
			return 1
		}
		return a.order - b.order
	})
	code := c.displayCode()
	fs := make([]Finding, 0, len(out)+1)
	for _, cand := range out {
		f := cand.Finding
		f.Confidence = float64(int(f.Confidence*100+0.5)) / 100
		f.Detail = c.detail()
		f.Code = code
		if len(c.auds) > 0 {
			f.Audiences = slices.Clone(c.auds)
		}
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		summary := "no known failure pattern in the text"
		if c.seen != "" {
			summary += "; it says: " + c.seen
		}
		fs = append(fs, Finding{Cause: cause.Unknown, Confidence: 0.1, Summary: summary, Detail: c.detail(), Code: code})
	}
	return fs
}

func (c *ctx) detail() string {
	var parts []string
	if c.status != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", c.status))
	}
	if c.seen != "" {
		parts = append(parts, "message: "+c.seen)
	}
	return strings.Join(parts, "; ")
}

func (c *ctx) displayCode() string {
	if n, ok := AADSTS(c.h); ok {
		return fmt.Sprintf("AADSTS%d", n)
	}
	if len(c.p.aadCodes) > 0 {
		return fmt.Sprintf("AADSTS%d", c.p.aadCodes[0])
	}
	for _, code := range c.p.codes {
		if !isNumeric(code) {
			return quote(code, 60)
		}
	}
	if c.status != 0 {
		return fmt.Sprintf("HTTP %d", c.status)
	}
	return ""
}
