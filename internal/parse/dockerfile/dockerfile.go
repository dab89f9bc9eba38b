// Package dockerfile parses Dockerfiles (and Containerfiles) with BuildKit's
// parser into the JSON-compatible value Ward's Docker checks evaluate, with
// a source map from every stage and instruction to its lines. It is a pure
// parser: bytes in, a value or a typed error out.
//
// The value has this shape (every key is always present):
//
//	{"stages": [
//	   {"name": "builder", "index": 0,
//	    "from": {"image": "golang:1.22@sha256:…", "name": "golang", "tag": "1.22",
//	             "digest": "sha256:…", "platform": "linux/amd64", "stage_ref": false},
//	    "instructions": [
//	       {"cmd": "run", "args": ["…"], "flags": ["--mount=…"], "json": false,
//	        "original": "RUN …", "line": 4, "end_line": 6}]}],
//	 "args": [ /* global ARG instructions before the first FROM */ ]}
//
// Source map keys (state.Key): the empty path is the whole file;
// ["stages", i] runs from the stage's FROM to its last instruction;
// ["stages", i, "from"] is the FROM line; ["stages", i, "instructions", j]
// and ["args", k] are one instruction including continuation and heredoc
// lines.
package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/state"
)

// Limits applied to one Dockerfile.
const (
	// MaxInstructions bounds the instructions of one file.
	MaxInstructions = 10_000
	// MaxLineLength is BuildKit's own bound on one physical line.
	MaxLineLength = 64*1024 - 1
)

// Dockerfile is one parsed file.
type Dockerfile struct {
	// Value is the policy input described in the package comment.
	Value map[string]any
	// Source maps value paths to lines of the file.
	Source state.SourceMap
}

// commands are the instructions Docker accepts, lower-case.
var commands = map[string]bool{
	"add": true, "arg": true, "cmd": true, "copy": true, "entrypoint": true,
	"env": true, "expose": true, "from": true, "healthcheck": true, "label": true,
	"maintainer": true, "onbuild": true, "run": true, "shell": true,
	"stopsignal": true, "user": true, "volume": true, "workdir": true,
}

// Parse parses a Dockerfile. Syntax errors are *limits.ParseError (with the
// line where BuildKit knows it); inputs beyond the package limits are
// *limits.LimitError.
func Parse(path string, data []byte) (*Dockerfile, error) {
	if int64(len(data)) > limits.DefaultMaxFileSize {
		return nil, &limits.LimitError{What: "Dockerfile size", Limit: limits.DefaultMaxFileSize}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &limits.ParseError{Path: path, Msg: "binary content, not a Dockerfile"}
	}
	if err := checkLineLengths(data); err != nil {
		return nil, err
	}
	res, err := buildkitParse(path, data)
	if err != nil {
		return nil, err
	}
	if n := len(res.AST.Children); n > MaxInstructions {
		return nil, &limits.LimitError{What: "Dockerfile instructions", Limit: MaxInstructions}
	}
	b := builder{path: path, src: state.SourceMap{}, escape: res.EscapeToken}
	if err := b.build(res.AST.Children); err != nil {
		return nil, err
	}
	last := lineCount(data)
	for _, r := range b.src {
		last = max(last, r.End)
	}
	b.src[state.Key(nil)] = state.Range{Path: path, Start: 1, End: max(last, 1)}
	stages := make([]any, len(b.stages))
	for i, s := range b.stages {
		stages[i] = s
	}
	return &Dockerfile{
		Value:  map[string]any{"stages": stages, "args": b.args},
		Source: b.src,
	}, nil
}

// buildkitParse runs BuildKit's parser. It is third-party code fed hostile
// input: a panic in it is a parse failure of this file, not of the scan.
func buildkitParse(path string, data []byte) (res *parser.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &limits.ParseError{Path: path, Msg: fmt.Sprintf("dockerfile parser failed: %v", r)}
		}
	}()
	res, err = parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, parseError(path, err)
	}
	return res, nil
}

// checkLineLengths rejects lines BuildKit's scanner cannot hold, as a typed
// limit instead of its untyped error.
func checkLineLengths(data []byte) error {
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			i = len(data)
		}
		if i > MaxLineLength {
			return &limits.LimitError{What: "Dockerfile line length", Limit: MaxLineLength}
		}
		data = data[min(i+1, len(data)):]
	}
	return nil
}

func lineCount(data []byte) int {
	n := bytes.Count(data, []byte{'\n'})
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return n
}

func parseError(path string, err error) error {
	pe := &limits.ParseError{Path: path, Msg: err.Error()}
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, loc := range le.Locations {
			if len(loc) > 0 {
				pe.Line = loc[0].Start.Line
				break
			}
		}
	}
	switch {
	case pe.Msg == "file with no instructions":
		pe.Line = 0 // an empty file has no line to point at
	case pe.Line < 1:
		pe.Line = 1
	}
	return pe
}

type builder struct {
	path   string
	src    state.SourceMap
	escape rune
	stages []map[string]any
	args   []any
	names  map[string]bool // stage aliases seen so far, lower-case
}

func (b *builder) errorf(line int, format string, a ...any) error {
	return &limits.ParseError{Path: b.path, Line: line, Msg: fmt.Sprintf(format, a...)}
}

func (b *builder) rng(start, end int) state.Range {
	return state.Range{Path: b.path, Start: start, End: max(end, start)}
}

func (b *builder) build(nodes []*parser.Node) error {
	b.names = map[string]bool{}
	var cur map[string]any
	var ins []any
	flush := func() {
		if cur != nil {
			cur["instructions"] = ins
		}
	}
	b.args = []any{}
	for _, n := range nodes {
		cmd := strings.ToLower(n.Value)
		if !commands[cmd] {
			return b.errorf(n.StartLine, "unknown instruction: %s", clean(n.Value))
		}
		in := b.instruction(n, cmd)
		if cmd == "from" {
			flush()
			st, err := b.stage(n, in)
			if err != nil {
				return err
			}
			cur, ins = st, []any{in}
			continue
		}
		if cur == nil {
			if cmd != "arg" {
				return b.errorf(n.StartLine, "%s before the first FROM: only ARG may precede FROM", strings.ToUpper(cmd))
			}
			b.src[state.Key([]any{"args", len(b.args)})] = b.rng(n.StartLine, n.EndLine)
			b.args = append(b.args, in)
			continue
		}
		i := len(b.stages) - 1
		b.src[state.Key([]any{"stages", i, "instructions", len(ins)})] = b.rng(n.StartLine, n.EndLine)
		ins = append(ins, in)
		r := b.src[state.Key([]any{"stages", i})]
		r.End = max(r.End, n.EndLine)
		b.src[state.Key([]any{"stages", i})] = r
	}
	flush()
	if len(b.stages) == 0 {
		line := 0
		if len(nodes) > 0 {
			line = nodes[len(nodes)-1].EndLine
		}
		return b.errorf(line, "no FROM instruction: the file has no build stage")
	}
	return nil
}

// stage opens a stage at a FROM instruction.
func (b *builder) stage(n *parser.Node, in map[string]any) (map[string]any, error) {
	args, _ := in["args"].([]any)
	var image, name string
	switch {
	case len(args) == 1:
		image = args[0].(string)
	case len(args) == 3 && strings.EqualFold(args[1].(string), "as"):
		image, name = args[0].(string), strings.ToLower(args[2].(string))
	default:
		return nil, b.errorf(n.StartLine, "FROM requires either one or three arguments (image [AS name])")
	}
	from := imageRef(image)
	from["platform"] = flagValue(n.Flags, "platform")
	if b.names[strings.ToLower(image)] {
		from["stage_ref"] = true
		from["name"], from["tag"], from["digest"] = strings.ToLower(image), "", ""
	}
	i := len(b.stages)
	st := map[string]any{"name": name, "index": int64(i), "from": from}
	b.stages = append(b.stages, st)
	if name != "" {
		b.names[name] = true
	}
	b.src[state.Key([]any{"stages", i})] = b.rng(n.StartLine, n.EndLine)
	b.src[state.Key([]any{"stages", i, "from"})] = b.rng(n.StartLine, n.EndLine)
	b.src[state.Key([]any{"stages", i, "instructions", 0})] = b.rng(n.StartLine, n.EndLine)
	return st, nil
}

func flagValue(flags []string, name string) string {
	for _, f := range flags {
		if v, ok := strings.CutPrefix(f, "--"+name+"="); ok {
			return clean(v)
		}
	}
	return ""
}

// imageRef splits registry:port/name:tag@digest. A reference that uses a
// build argument cannot be split before the build and is kept whole as the
// name.
func imageRef(image string) map[string]any {
	image = clean(image)
	ref := map[string]any{"image": image, "name": image, "tag": "", "digest": "", "platform": "", "stage_ref": false}
	if strings.Contains(image, "$") {
		return ref
	}
	rest := image
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		ref["digest"] = rest[i+1:]
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && i > strings.LastIndexByte(rest, '/') {
		ref["tag"] = rest[i+1:]
		rest = rest[:i]
	}
	ref["name"] = rest
	return ref
}

// instruction converts one AST node.
func (b *builder) instruction(n *parser.Node, cmd string) map[string]any {
	args := []any{}
	switch cmd {
	case "env", "label":
		// BuildKit chains key, value, separator for each pair.
		for k := n.Next; k != nil; {
			v := k.Next
			if v == nil {
				args = append(args, clean(unquote(k.Value, b.escape)), "")
				break
			}
			args = append(args, clean(unquote(k.Value, b.escape)), clean(unquote(v.Value, b.escape)))
			k = v.Next
			if k != nil && (k.Value == "" || k.Value == "=") {
				k = k.Next
			}
		}
	case "arg":
		for w := n.Next; w != nil; w = w.Next {
			key, val, _ := strings.Cut(w.Value, "=")
			args = append(args, clean(key), clean(unquote(val, b.escape)))
		}
	case "onbuild":
		if n.Next != nil && len(n.Next.Children) > 0 {
			args = append(args, clean(n.Next.Children[0].Original))
		}
	default:
		// Word-split instructions in shell form keep their quotes in the
		// AST ("ADD \"a b.tar\" dst"); remove them as the builder does.
		// RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK arguments are one shell
		// string or JSON and stay as written.
		words := !n.Attributes["json"] && wordSplit[cmd]
		for w := n.Next; w != nil; w = w.Next {
			if len(w.Children) > 0 {
				continue
			}
			v := w.Value
			if words {
				v = unquote(v, b.escape)
			}
			args = append(args, clean(v))
		}
	}
	flags := make([]any, len(n.Flags))
	for i, f := range n.Flags {
		flags[i] = clean(f)
	}
	heredocs := make([]any, 0, len(n.Heredocs))
	for _, h := range n.Heredocs {
		heredocs = append(heredocs, map[string]any{"name": clean(h.Name), "content": clean(h.Content)})
	}
	return map[string]any{
		"cmd":      cmd,
		"args":     args,
		"heredocs": heredocs,
		"flags":    flags,
		"json":     n.Attributes["json"],
		"original": clean(strings.TrimSpace(n.Original)),
		"line":     int64(n.StartLine),
		"end_line": int64(max(n.EndLine, n.StartLine)),
	}
}

// wordSplit are the instructions whose shell-form arguments are separate
// words subject to quote removal.
var wordSplit = map[string]bool{
	"add": true, "copy": true, "from": true, "user": true, "workdir": true,
	"expose": true, "volume": true, "stopsignal": true,
}

// unquote removes shell quoting from one word the way the Dockerfile
// evaluator does, without expanding variables: 'single' is literal,
// "double" and bare text honour the escape token.
func unquote(s string, escape rune) string {
	if !strings.ContainsAny(s, `'"`+string(escape)) {
		return s
	}
	var out strings.Builder
	var quote rune
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				out.WriteRune(c)
			}
		case c == escape && i+1 < len(rs):
			next := rs[i+1]
			if quote == '"' && next != '"' && next != '$' && next != escape {
				out.WriteRune(c)
				continue
			}
			out.WriteRune(next)
			i++
		case quote == '"':
			if c == '"' {
				quote = 0
			} else {
				out.WriteRune(c)
			}
		case c == '\'' || c == '"':
			quote = c
		default:
			out.WriteRune(c)
		}
	}
	return out.String()
}

// clean makes a string safe for JSON and Rego: invalid UTF-8 becomes U+FFFD.
func clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
