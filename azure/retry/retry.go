// Package retry is the one retry policy for calls to Azure: which answers are worth another try
// and how long to wait before it (Retry-After honoured, bounded).
package retry

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retryable reports whether a status is transient: 429 and 5xx (not 501). 400, 401, 403 and
// 404 are answers, never retried.
func Retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500 && status != http.StatusNotImplemented
}

// Wait is how long to wait before retry number attempt (0-based): the server's
// retry-after-ms / x-ms-retry-after-ms / Retry-After (seconds or an HTTP date) when present,
// else base doubled per attempt; always within [0, max].
func Wait(h http.Header, attempt int, base, max time.Duration) time.Duration {
	d := base << attempt
	found := false
	for _, k := range []string{"retry-after-ms", "x-ms-retry-after-ms"} {
		if v := h.Get(k); v != "" && !found {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
				d, found = time.Duration(n)*time.Millisecond, true
			}
		}
	}
	if v := h.Get("Retry-After"); v != "" && !found {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
			d = time.Duration(n) * time.Second
		} else if t, err := http.ParseTime(v); err == nil {
			d = time.Until(t)
		}
	}
	return min(max, maxDur(0, d))
}

func maxDur(a, b time.Duration) time.Duration {
	if a > b {
		return a
	}
	return b
}

// Sleep waits d or until ctx ends, whichever is first; it returns ctx's error if it ended.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
