package classify

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aoai-doctor/aoai-doctor/azure/sanitize"
)

// maxInput bounds the text the classifier reads.
const maxInput = 64 * 1024

// parsed is what the unwrapper learned from a text.
type parsed struct {
	raw      string   // sanitized input
	variants []string // raw plus unescaped forms
	status   int      // HTTP status found in the text (0 if none)
	codes    []string // error codes from bodies and SDK wrappers
	messages []string // error messages from bodies
	aadCodes []int    // error_codes arrays
	budget   int      // parse attempts left, so hostile input stays cheap
}

// Unwrap removes SDK exception prefixes and log decoration and reads error bodies embedded
// in the text (JSON, JSON escaped inside JSON, Python dict syntax). It returns the core
// message: "(code) message" for each error body found, else the cleaned text. Terminal
// escapes are stripped and tokens, keys and secrets masked.
func Unwrap(text string) string {
	p := parse(text)
	return Redact(p.core())
}

func (p *parsed) core() string {
	if len(p.messages) > 0 {
		var parts []string
		seen := map[string]bool{}
		for i, m := range p.messages {
			m = collapse(m)
			if m == "" || seen[m] {
				continue
			}
			seen[m] = true
			if i == 0 && len(p.codes) > 0 && !strings.Contains(m, p.codes[0]) && !isNumeric(p.codes[0]) {
				m = "(" + p.codes[0] + ") " + m
			}
			parts = append(parts, m)
		}
		if len(parts) > 0 {
			return strings.Join(parts, " | ")
		}
	}
	t := p.variants[len(p.variants)-1]
	return stripPrefixes(collapse(t))
}

func parse(text string) *parsed {
	if len(text) > maxInput {
		text = text[:maxInput]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	raw := sanitize.Text(text)
	p := &parsed{raw: raw, variants: []string{raw}, budget: 256}
	cur := raw
	for range 3 {
		if !strings.Contains(cur, `\"`) && !strings.Contains(cur, `\'`) && !strings.Contains(cur, `\n`) {
			break
		}
		next := unescapeOnce(cur)
		if next == cur {
			break
		}
		p.variants = append(p.variants, next)
		cur = next
	}
	for _, v := range p.variants {
		p.scanObjects(v, 0)
	}
	p.findStatusAndCodes()
	return p
}

// unescapeOnce removes one level of backslash escaping.
func unescapeOnce(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case '"', '\'', '\\', '/':
			b.WriteByte(s[i])
		case 'n', 'r', 't':
			b.WriteByte(' ')
		case 'u':
			if i+4 < len(s) {
				if n, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					b.WriteRune(rune(n))
					i += 4
					continue
				}
			}
			b.WriteString(`\u`)
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// scanObjects finds {...} objects in s and records the error fields they hold.
func (p *parsed) scanObjects(s string, depth int) {
	if depth > 4 {
		return
	}
	for i := 0; i < len(s) && p.budget > 0; i++ {
		if s[i] != '{' {
			continue
		}
		p.budget--
		v, end, ok := parseValue(s, i, 0)
		if !ok {
			continue
		}
		if m, isMap := v.(map[string]any); isMap {
			p.walk(m, depth)
		}
		i = end - 1
	}
}

// walk records error codes, messages and status from a decoded body.
func (p *parsed) walk(m map[string]any, depth int) {
	if depth > 8 {
		return
	}
	for k, v := range m {
		lk := strings.ToLower(k)
		switch x := v.(type) {
		case map[string]any:
			p.walk(x, depth+1)
		case []any:
			for _, e := range x {
				switch y := e.(type) {
				case map[string]any:
					p.walk(y, depth+1)
				case float64:
					if lk == "error_codes" && y > 0 && y < 1e9 {
						p.aadCodes = append(p.aadCodes, int(y))
					}
				case string:
					if strings.Contains(y, "{") {
						p.scanObjects(y, depth+1)
					}
				}
			}
		case string:
			switch lk {
			case "code", "error", "errorcode", "error_code":
				if t := strings.TrimSpace(x); t != "" && len(t) <= 120 && t[0] != '{' && t[0] != '[' {
					p.codes = append(p.codes, x)
				}
			case "message", "error_description", "errormessage", "detail", "title", "description":
				if x != "" {
					p.messages = append(p.messages, x)
				}
			case "statuscode", "status":
				if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil && n >= 100 && n <= 599 && p.status == 0 {
					p.status = n
				}
			}
			if strings.Contains(x, "{") {
				p.scanObjects(x, depth+1)
			}
		case float64:
			switch lk {
			case "statuscode", "status", "code":
				if x >= 100 && x <= 599 && p.status == 0 {
					p.status = int(x)
				}
				if lk == "code" {
					p.codes = append(p.codes, strconv.Itoa(int(x)))
				}
			}
		}
	}
}

// parseValue is a lenient reader for JSON and Python literals (single quotes, True/False/None,
// trailing commas). It returns the value and the index after it.
func parseValue(s string, i, depth int) (any, int, bool) {
	if depth > 32 {
		return nil, i, false
	}
	i = skipSpace(s, i)
	if i >= len(s) {
		return nil, i, false
	}
	switch c := s[i]; {
	case c == '{':
		return parseObject(s, i, depth)
	case c == '[' || c == '(':
		return parseArray(s, i, depth)
	case c == '"' || c == '\'':
		return parseString(s, i)
	case c == '-' || c >= '0' && c <= '9':
		j := i + 1
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E' || s[j] == '+' || s[j] == '-') {
			j++
		}
		f, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil {
			return nil, j, false
		}
		return f, j, true
	default:
		for _, lit := range []struct {
			word string
			val  any
		}{{"true", true}, {"True", true}, {"false", false}, {"False", false}, {"null", nil}, {"None", nil}} {
			if strings.HasPrefix(s[i:], lit.word) {
				return lit.val, i + len(lit.word), true
			}
		}
	}
	return nil, i, false
}

func parseObject(s string, i, depth int) (any, int, bool) {
	m := map[string]any{}
	i++ // '{'
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			return nil, i, false
		}
		if s[i] == '}' {
			return m, i + 1, true
		}
		if s[i] != '"' && s[i] != '\'' {
			return nil, i, false
		}
		k, j, ok := parseString(s, i)
		if !ok {
			return nil, j, false
		}
		i = skipSpace(s, j)
		if i >= len(s) || s[i] != ':' {
			return nil, i, false
		}
		v, j2, ok := parseValue(s, i+1, depth+1)
		if !ok {
			return nil, j2, false
		}
		if len(m) < 256 {
			m[k.(string)] = v
		}
		i = skipSpace(s, j2)
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		if i < len(s) && s[i] == '}' {
			return m, i + 1, true
		}
		return nil, i, false
	}
}

func parseArray(s string, i, depth int) (any, int, bool) {
	closer := byte(']')
	if s[i] == '(' {
		closer = ')'
	}
	var a []any
	i++
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			return nil, i, false
		}
		if s[i] == closer {
			return a, i + 1, true
		}
		v, j, ok := parseValue(s, i, depth+1)
		if !ok {
			return nil, j, false
		}
		if len(a) < 256 {
			a = append(a, v)
		}
		i = skipSpace(s, j)
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		if i < len(s) && s[i] == closer {
			return a, i + 1, true
		}
		return nil, i, false
	}
}

func parseString(s string, i int) (any, int, bool) {
	q := s[i]
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == q:
			return b.String(), j + 1, true
		case c == '\\' && j+1 < len(s):
			j++
			switch e := s[j]; e {
			case 'n', 'r', 't':
				b.WriteByte(' ')
			case 'u':
				if j+4 < len(s) {
					if n, err := strconv.ParseUint(s[j+1:j+5], 16, 32); err == nil {
						b.WriteRune(rune(n))
						j += 4
						continue
					}
				}
				b.WriteByte('u')
			default:
				b.WriteByte(e)
			}
		case c == '\n' && q == '\'':
			return nil, j, false
		default:
			b.WriteByte(c)
		}
		if b.Len() > maxInput {
			return nil, j, false
		}
	}
	return nil, len(s), false
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

var (
	statusRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)error code:\s*(\d{3})\b`),
		regexp.MustCompile(`(?i)\bRESPONSE\s+(\d{3})\b`),
		regexp.MustCompile(`(?i)\bstatus(?:\s*code)?\s*[:=]?\s*'?(\d{3})\b`),
		regexp.MustCompile(`(?i)\bHTTP(?:/\d(?:\.\d)?)?\s+(\d{3})\b`),
		regexp.MustCompile(`(?i)\berror\s*\((\d{3})\)`),
		regexp.MustCompile(`(?i)^\s*(?:error:\s*)?(\d{3})\b`),
		regexp.MustCompile(`(?i)\b(\d{3})\s+(?:unauthorized|forbidden|not found|bad request|permissiondenied|request header fields too large|proxy authentication required)`),
		regexp.MustCompile(`(?i)\breturned (?:an? )?(\d{3})\b`),
	}
	codeRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bERROR CODE:\s*([A-Za-z][\w.]*)`),
		regexp.MustCompile(`(?i)\bErrorCode:\s*([A-Za-z][\w.]*)`),
		regexp.MustCompile(`(?i)\bStatus:\s*\d{3}\s*\(([A-Za-z]\w*)\)`),
		regexp.MustCompile(`\(code:?\s*([A-Za-z]\w+)\)`),
		regexp.MustCompile(`(?:^|:\s|\s)\(([A-Z][A-Za-z]+)\)\s`),
	}
)

// reasonPhrases are HTTP reason phrases, not error codes.
var reasonPhrases = map[string]bool{
	"unauthorized": true, "forbidden": true, "notfound": true, "badrequest": true, "ok": true,
}

func (p *parsed) findStatusAndCodes() {
	for _, v := range p.variants {
		for _, re := range statusRes {
			if p.status != 0 {
				break
			}
			if m := re.FindStringSubmatch(v); m != nil {
				if n, _ := strconv.Atoi(m[1]); n >= 400 && n <= 599 {
					p.status = n
				}
			}
		}
		for _, re := range codeRes {
			for _, m := range re.FindAllStringSubmatch(v, 4) {
				if !reasonPhrases[strings.ToLower(m[1])] {
					p.codes = append(p.codes, m[1])
				}
			}
		}
	}
}

var prefixRes = []*regexp.Regexp{
	regexp.MustCompile(`^\[?\d{4}-\d{2}-\d{2}[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?\]?\s*`),
	regexp.MustCompile(`(?i)^\[?(?:error|err|warn|warning|info|debug|fatal|critical|trace)\]?\s*[:|-]?\s+`),
	regexp.MustCompile(`(?i)^level=\w+\s+(?:time=\S+\s+)?msg="?`),
	regexp.MustCompile(`^(?:[A-Za-z_][\w]*\.)*[A-Z]\w*(?:Error|Exception)(?:\s*\(0x[0-9A-Fa-f]+\))?\s*:\s*`),
	regexp.MustCompile(`(?i)^error code:\s*\d{3}\s*-\s*`),
	regexp.MustCompile(`(?i)^error:\s*`),
}

// stripPrefixes removes leading log and exception decoration.
func stripPrefixes(s string) string {
	for range 8 {
		before := s
		for _, re := range prefixRes {
			s = re.ReplaceAllString(s, "")
		}
		s = strings.TrimSpace(s)
		if s == before {
			break
		}
	}
	return s
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func isNumeric(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
