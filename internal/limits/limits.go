// Package limits holds the typed errors and defaults every parser uses to
// reject hostile input with bounded memory.
package limits

import "fmt"

// Defaults applied when a Config leaves a limit at zero.
const (
	DefaultMaxFileSize = 10 << 20 // bytes read from one file
	DefaultMaxDepth    = 200      // nesting of one document
	DefaultMaxNodes    = 500_000
	DefaultMaxDocs     = 10_000 // documents in one YAML stream
)

// LimitError reports that input exceeded a limit.
type LimitError struct {
	What  string
	Limit int64
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s exceeds limit of %d", e.What, e.Limit)
}

// ParseError is a syntax error at a position in a file.
type ParseError struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (e *ParseError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	case e.Path != "":
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return e.Msg
}
