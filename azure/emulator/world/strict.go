package world

import (
	"encoding/json"
	"fmt"
	"github.com/aoai-doctor/aoai-doctor/azure/spelling"
	"math"
	"reflect"
	"sort"
	"strings"
	"time"
)

var (
	worldType    = reflect.TypeOf(World{})
	durationType = reflect.TypeOf(Duration{})
)

// checkShape walks a generic value against the Go type it will decode into and reports the first
// unknown field or wrong type with its path. Field names match exactly (encoding/json would also
// accept "Kind" for "kind"; a world file must not).
func checkShape(v any, t reflect.Type, path string) error {
	if v == nil {
		return nil // null leaves the zero value, as encoding/json does
	}
	if t == durationType {
		s, ok := v.(string)
		if !ok {
			return errorf(path, "expected a duration string such as \"5m\", got %s", describe(v))
		}
		if _, err := time.ParseDuration(s); err != nil {
			return &Error{Path: path, Msg: (&durationError{s: s}).Error()}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return checkShape(v, t.Elem(), path)
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return errorf(path, "expected an object, got %s", describe(v))
		}
		fields := jsonFields(t)
		var unknown []string
		for k := range obj {
			if _, ok := fields[k]; !ok {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return errorf(path, "unknown field %s%s", quoteShort(unknown[0]), suggest(unknown[0], fields))
		}
		for i := 0; i < t.NumField(); i++ {
			name, ok := jsonName(t.Field(i))
			if !ok {
				continue
			}
			if fv, ok := obj[name]; ok {
				if err := checkShape(fv, t.Field(i).Type, joinPath(path, name)); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return errorf(path, "expected a list, got %s", describe(v))
		}
		for i, e := range list {
			if err := checkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return errorf(path, "expected an object, got %s", describe(v))
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := checkShape(obj[k], t.Elem(), joinPath(path, pathKey(k))); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if _, ok := v.(string); !ok {
			return errorf(path, "expected a string, got %s", describe(v))
		}
		return nil
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return errorf(path, "expected true or false, got %s", describe(v))
		}
		return nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(json.Number)
		if !ok {
			return errorf(path, "expected a whole number, got %s", describe(v))
		}
		i, err := n.Int64()
		if err != nil || i > math.MaxInt32 || i < math.MinInt32 {
			return errorf(path, "expected a whole number, got %s", describe(v))
		}
		return nil
	}
	return errorf(path, "unsupported field type %s", t)
}

// jsonFields maps the JSON names of a struct's decoded fields.
func jsonFields(t reflect.Type) map[string]bool {
	m := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		if name, ok := jsonName(t.Field(i)); ok {
			m[name] = true
		}
	}
	return m
}

func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

// suggest proposes the closest known field name, or lists them all.
func suggest(k string, fields map[string]bool) string {
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Strings(names)
	best, bestD := "", 1<<30
	lk := strings.ToLower(k)
	for _, n := range names {
		if d := spelling.Distance(lk, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" && bestD <= 2+len(best)/5 {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (known fields: " + strings.Join(names, ", ") + ")"
}
