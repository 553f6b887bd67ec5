package retry

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func TestRetryable(t *testing.T) {
	for status, want := range map[int]bool{429: true, 500: true, 503: true, 501: false, 400: false, 401: false, 403: false, 404: false, 200: false} {
		if got := Retryable(status); got != want {
			t.Errorf("Retryable(%d) = %v, want %v", status, got, want)
		}
	}
}

func TestWait(t *testing.T) {
	base, max := 200*time.Millisecond, 3*time.Second
	tests := []struct {
		name    string
		h       http.Header
		attempt int
		want    time.Duration
	}{
		{"backoff first", http.Header{}, 0, 200 * time.Millisecond},
		{"backoff doubles", http.Header{}, 1, 400 * time.Millisecond},
		{"retry-after seconds", http.Header{"Retry-After": {"2"}}, 0, 2 * time.Second},
		{"retry-after capped", http.Header{"Retry-After": {"120"}}, 0, max},
		{"retry-after-ms wins", http.Header{"Retry-After-Ms": {"150"}, "Retry-After": {"2"}}, 0, 150 * time.Millisecond},
		{"date in the past", http.Header{"Retry-After": {"Mon, 02 Jan 2006 15:04:05 GMT"}}, 0, 0},
		{"garbage falls back", http.Header{"Retry-After": {"soon"}}, 0, 200 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := Wait(tt.h, tt.attempt, base, max); got != tt.want {
			t.Errorf("%s: Wait = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSleepCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); err == nil {
		t.Fatal("Sleep ignored a cancelled context")
	}
}
