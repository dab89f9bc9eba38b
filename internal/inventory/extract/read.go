package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wardsec/ward/internal/limits"
)

// ReadAll reads the whole file of in. A file over max bytes is refused
// before it is read (a *limits.LimitError).
func ReadAll(in Input, max int64) ([]byte, error) {
	if in.Size > max {
		return nil, fmt.Errorf("%s: %w", in.Path, &limits.LimitError{What: "file size", Limit: max})
	}
	if in.Size < 0 {
		return nil, &limits.ParseError{Path: in.Path, Msg: "negative file size"}
	}
	b, err := io.ReadAll(io.NewSectionReader(in.Reader, 0, in.Size))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.Path, err)
	}
	return b, nil
}

// Position returns the 1-based line and column of a byte offset in data
// (clamped to data).
func Position(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// JSONError turns an encoding/json error about data into a
// *limits.ParseError, with the line and column where the decoder stopped.
func JSONError(path string, data []byte, err error) error {
	pe := &limits.ParseError{Path: path, Msg: "parse JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		pe.Line, pe.Col = Position(data, se.Offset)
	case errors.As(err, &te):
		pe.Line, pe.Col = Position(data, te.Offset)
	}
	return pe
}
