package world

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Now is the clock Load uses to turn role assignment ages into creation times.
var Now = time.Now

// MaxSize is the largest world file Load accepts.
const MaxSize = 1 << 20

// Load parses a world file (JSON, or YAML when it does not start with '{'), checks it strictly
// (unknown fields, types, references, enums, duplicates), fills the defaults and derives the IDs.
// Every error is one line naming the field path and the problem.
func Load(data []byte) (*World, error) { return LoadAt(data, Now()) }

// LoadFile loads a world file from disk. A world without a name takes the file's base name.
func LoadFile(path string) (*World, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	w, err := Load(data)
	if err != nil {
		return nil, err
	}
	if w.Name == "" {
		base := filepath.Base(path)
		w.Name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return w, nil
}

// LoadAt is Load with an explicit clock reading.
func LoadAt(data []byte, now time.Time) (*World, error) {
	now = now.Round(0) // wall clock only: ages compare the same under a real or a fake clock
	if len(data) > MaxSize {
		return nil, errorf("", "the world file is %d bytes; the limit is %d", len(data), MaxSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errorf("", "the world file is empty (expected a JSON or YAML object)")
	}
	var (
		gen any
		err error
	)
	if trimmed[0] == '{' || trimmed[0] == '[' {
		gen, err = parseJSON(data)
	} else {
		gen, err = parseYAML(data)
	}
	if err != nil {
		return nil, err
	}
	root, ok := gen.(map[string]any)
	if !ok {
		return nil, errorf("", "a world is an object with tenants, principals, accounts, app, ...; got %s", describe(gen))
	}
	if err := checkShape(root, worldType, ""); err != nil {
		return nil, err
	}
	// Both formats end here: the checked generic value, re-encoded and decoded strictly.
	buf, err := json.Marshal(root)
	if err != nil {
		return nil, errorf("", "cannot re-encode the world: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	dec.DisallowUnknownFields()
	w := new(World)
	if err := dec.Decode(w); err != nil {
		return nil, errorf("", "%v", err)
	}
	if err := w.finish(root, now); err != nil {
		return nil, err
	}
	return w, nil
}

// present reports whether key was written in the object at obj (nil-safe).
func present(obj any, key string) bool {
	m, ok := obj.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[key]
	return ok
}

// elem returns element i of the list under key in obj, or nil.
func elem(obj any, key string, i int) any {
	m, ok := obj.(map[string]any)
	if !ok {
		return nil
	}
	l, ok := m[key].([]any)
	if !ok || i >= len(l) {
		return nil
	}
	return l[i]
}

// field returns obj[key] or nil.
func field(obj any, key string) any {
	m, ok := obj.(map[string]any)
	if !ok {
		return nil
	}
	return m[key]
}

// describe names a generic value's type for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("a string (%s)", quoteShort(x))
	case bool:
		return fmt.Sprintf("%t", x)
	case json.Number:
		n := string(x)
		if len(n) > 24 {
			n = n[:24] + "…"
		}
		return "a number (" + n + ")"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// quoteShort quotes user text for an error, escaping control characters and cutting it short.
func quoteShort(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) > max {
		return fmt.Sprintf("%q…", string(r[:max]))
	}
	return fmt.Sprintf("%q", s)
}
