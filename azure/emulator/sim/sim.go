// Package sim holds what the emulator's service handlers share: the world under a lock,
// the token issuer, the clock and the response conventions of Azure's front ends.
package sim

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator/sts"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/world"
)

// Env is handed to every service handler.
type Env struct {
	World  *world.World
	Mu     *sync.Mutex // guards World mutations (e.g. a role assignment PUT)
	Issuer *sts.Issuer
	Now    func() time.Time
	Cloud  string // public | usgov | china
}

// RequestID returns a GUID-shaped random ID for apim-request-id and friends.
func RequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// CommonHeaders sets the headers every Azure front end sends, with Date from the emulator clock.
func (e *Env) CommonHeaders(w http.ResponseWriter, region string) {
	h := w.Header()
	h.Set("Date", e.Now().UTC().Format(http.TimeFormat))
	h.Set("apim-request-id", RequestID())
	h.Set("x-request-id", RequestID())
	h.Set("x-content-type-options", "nosniff")
	h.Set("strict-transport-security", "max-age=31536000; includeSubDomains; preload")
	if region != "" {
		h.Set("x-ms-region", region)
	}
}

// WriteJSON writes v as JSON with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":{"code":"InternalServerError","message":"encode"}}`, http.StatusInternalServerError)
		return
	}
	WriteRaw(w, status, b)
}

// WriteRaw writes a JSON body that is already encoded (for byte-exact reference bodies).
func WriteRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
