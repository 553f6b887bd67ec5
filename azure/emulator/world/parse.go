package world

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds nesting; a world is at most five levels deep.
const maxDepth = 32

// maxNodes bounds the YAML values built (aliases can multiply a small file).
const maxNodes = 200000

// parseJSON reads one JSON value into maps, lists, strings, bools, json.Number and nil,
// refusing duplicate keys and trailing data. Errors carry line:column.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &jsonParser{dec: dec, data: data}
	v, err := p.value("", 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := lineCol(data, dec.InputOffset())
		return nil, errorf("", "JSON: line %d, column %d: unexpected data after the world object", line, col)
	}
	return v, nil
}

type jsonParser struct {
	dec  *json.Decoder
	data []byte
}

func (p *jsonParser) fail(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(p.data, se.Offset)
		return errorf("", "JSON: line %d, column %d: %s", line, col, se.Error())
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := lineCol(p.data, int64(len(p.data)))
		return errorf("", "JSON: line %d, column %d: unexpected end of input (an object or list is not closed)", line, col)
	}
	return errorf("", "JSON: %v", err)
}

func (p *jsonParser) value(path string, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errorf(path, "nested more than %d levels deep", maxDepth)
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.fail(err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := map[string]any{}
			for p.dec.More() {
				kt, err := p.dec.Token()
				if err != nil {
					return nil, p.fail(err)
				}
				key, _ := kt.(string)
				if _, dup := obj[key]; dup {
					line, col := lineCol(p.data, p.dec.InputOffset())
					return nil, errorf(path, "key %s appears twice (second at line %d, column %d)", quoteShort(key), line, col)
				}
				v, err := p.value(joinPath(path, pathKey(key)), depth+1)
				if err != nil {
					return nil, err
				}
				obj[key] = v
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.fail(err)
			}
			return obj, nil
		case '[':
			list := []any{}
			for p.dec.More() {
				v, err := p.value(fmt.Sprintf("%s[%d]", path, len(list)), depth+1)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.fail(err)
			}
			return list, nil
		}
		return nil, errorf(path, "unexpected %q", string(t))
	default:
		return tok, nil // string, bool, json.Number or nil
	}
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// pathKey renders an object key inside a field path: bare when it is a plain identifier.
func pathKey(k string) string {
	plain := k != ""
	for _, r := range k {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return k
	}
	return "[" + quoteShort(k) + "]"
}

// parseYAML reads the first YAML document into the same generic shape parseJSON produces.
func parseYAML(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, errorf("", "YAML: %s", strings.TrimPrefix(oneLine(err.Error()), "yaml: "))
	}
	if doc.Kind == 0 {
		return nil, errorf("", "the world file is empty (expected a JSON or YAML object)")
	}
	c := &yamlConv{}
	return c.value(&doc, "", 0)
}

type yamlConv struct{ nodes int }

func (c *yamlConv) value(n *yaml.Node, path string, depth int) (any, error) {
	c.nodes++
	if c.nodes > maxNodes {
		return nil, errorf(path, "YAML expands to more than %d values (too many aliases?)", maxNodes)
	}
	if depth > maxDepth {
		return nil, errorf(path, "nested more than %d levels deep", maxDepth)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], path, depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, errorf(path, "YAML line %d: unknown alias", n.Line)
		}
		return c.value(n.Alias, path, depth+1)
	case yaml.MappingNode:
		obj := map[string]any{}
		lines := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || (k.ShortTag() != "!!str" && k.ShortTag() != "!!int" && k.ShortTag() != "!!bool" && k.ShortTag() != "!!float") {
				if k.ShortTag() == "!!merge" {
					return nil, errorf(path, "YAML line %d: merge keys (<<) are not supported; write the fields out", k.Line)
				}
				return nil, errorf(path, "YAML line %d: keys must be plain strings", k.Line)
			}
			key := k.Value
			if first, dup := lines[key]; dup {
				return nil, errorf(path, "key %s appears twice (YAML lines %d and %d)", quoteShort(key), first, k.Line)
			}
			lines[key] = k.Line
			val, err := c.value(v, joinPath(path, pathKey(key)), depth+1)
			if err != nil {
				return nil, err
			}
			obj[key] = val
		}
		return obj, nil
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			v, err := c.value(e, fmt.Sprintf("%s[%d]", path, i), depth+1)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.ScalarNode:
		return yamlScalar(n, path)
	}
	return nil, errorf(path, "YAML line %d: unsupported node", n.Line)
}

// yamlScalar maps a YAML scalar to the JSON generic shape: numbers become json.Number,
// timestamps and binary stay text.
func yamlScalar(n *yaml.Node, path string) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, errorf(path, "YAML line %d: %s is not true or false", n.Line, quoteShort(n.Value))
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return json.Number(strconv.FormatInt(i, 10)), nil
		}
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
		}
		return nil, errorf(path, "YAML line %d: %s is not a number in range", n.Line, quoteShort(n.Value))
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, errorf(path, "YAML line %d: %s is not a finite number", n.Line, quoteShort(n.Value))
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil
}
