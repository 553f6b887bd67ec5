package world

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// guidNamespace seeds every derived GUID, so ours never collide with another tool's name-based ones.
var guidNamespace = [16]byte{0x6a, 0x0d, 0x0c, 0x70, 0x72, 0x2d, 0x4f, 0x5e, 0x9a, 0x1b, 0x61, 0x6f, 0x61, 0x69, 0x64, 0x72}

// GUID derives a stable, lower-case GUID from its parts, shaped like a version-5 UUID
// (SHA-1 of a namespace and the parts). Each part is length-prefixed, so ("ab","c") and
// ("a","bc") differ.
func GUID(parts ...string) string {
	h := sha1.New()
	h.Write(guidNamespace[:])
	var n [binary.MaxVarintLen64]byte
	for _, p := range parts {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write([]byte(p))
	}
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = b[6]&0x0f | 0x50 // version 5
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return formatGUID(b)
}

func formatGUID(b [16]byte) string {
	s := hex.EncodeToString(b[:])
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// IsGUID reports whether s has the 8-4-4-4-12 hexadecimal shape of a GUID.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
	}
	return true
}

// The derivations, in one place so every package gets the same IDs.
func tenantGUID(tenant string) string       { return GUID("tenant", tenant) }
func objectGUID(tenant, name string) string { return GUID("object", tenant, name) }
func clientGUID(tenant, name string) string { return GUID("client", tenant, name) }
func groupGUID(tenant, name string) string  { return GUID("group", tenant, name) }
func subscriptionGUID(name string) string   { return GUID("subscription", name) }
func assignmentGUID(scope, oid, role string) string {
	return GUID("role-assignment", strings.ToLower(scope), strings.ToLower(oid), strings.ToLower(role))
}

// defaultKey derives the nth API key of an account: 32 hexadecimal characters, like a real key.
func defaultKey(account string, n int) string {
	sum := sha1.Sum([]byte("aoai-doctor key\x00" + account + "\x00" + string(rune('0'+n))))
	return hex.EncodeToString(sum[:16])
}
