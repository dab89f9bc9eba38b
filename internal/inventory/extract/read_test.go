package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/wardsec/ward/internal/limits"
)

func TestReadAll(t *testing.T) {
	data := []byte("name 1.0\n")
	in := Input{Path: "p", Reader: bytes.NewReader(data), Size: int64(len(data))}
	if b, err := ReadAll(in, 100); err != nil || !bytes.Equal(b, data) {
		t.Errorf("ReadAll = %q, %v", b, err)
	}
	var le *limits.LimitError
	if _, err := ReadAll(in, 4); !errors.As(err, &le) || le.Limit != 4 {
		t.Errorf("over the cap: %v", err)
	}
}

func TestJSONError(t *testing.T) {
	data := []byte("{\n  \"a\": [1,\n  }")
	var v any
	// encoding/json reports the offset just after the offending "}" (line 3, column 3).
	err := JSONError("f.json", data, json.Unmarshal(data, &v))
	var pe *limits.ParseError
	if !errors.As(err, &pe) || pe.Path != "f.json" || pe.Line != 3 || pe.Col != 4 {
		t.Errorf("JSONError = %#v", err)
	}
}
