package sbom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/wardsec/ward/internal/inventory"
	"github.com/wardsec/ward/internal/limits"
)

// MaxSize is the most bytes Read reads from one SBOM.
const MaxSize = 64 << 20

// maxPackages bounds the packages one SBOM may list.
const maxPackages = limits.DefaultMaxNodes

// readPath names the input in Read's parse errors.
const readPath = "sbom"

// Read reads a CycloneDX (1.4–1.6) or SPDX (2.2, 2.3) JSON document and
// returns its packages — Name, Version, PURL and the Ecosystem derived from
// the PURL — and its operating system as the inventory's Distro.
//
// It reads at most MaxSize bytes (*limits.LimitError beyond), rejects
// documents nested deeper than limits.DefaultMaxDepth (*limits.LimitError)
// and malformed JSON (*limits.ParseError), and returns ErrUnknownFormat for
// JSON that is neither format and ErrUnsupportedVersion for other versions.
func Read(r io.Reader) (*inventory.Inventory, Format, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, "", fmt.Errorf("read SBOM: %w", err)
	}
	if len(data) > MaxSize {
		return nil, "", &limits.LimitError{What: "SBOM size", Limit: MaxSize}
	}
	if err := checkDepth(data, limits.DefaultMaxDepth); err != nil {
		return nil, "", err
	}
	var probe struct {
		BOMFormat   string `json:"bomFormat"`
		SpecVersion string `json:"specVersion"`
		SPDXVersion string `json:"spdxVersion"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return nil, "", jsonError(data, "decode SBOM", err)
		}
		// A field of the wrong type: not a document of ours.
		return nil, "", fmt.Errorf("read SBOM: %w", ErrUnknownFormat)
	}
	switch {
	case probe.BOMFormat == "CycloneDX":
		switch probe.SpecVersion {
		case "1.4", "1.5", "1.6":
		default:
			return nil, CycloneDX, fmt.Errorf("read CycloneDX specVersion %q: %w (want 1.4 to 1.6)", probe.SpecVersion, ErrUnsupportedVersion)
		}
		inv, err := readCycloneDX(data)
		if err != nil {
			return nil, CycloneDX, err
		}
		return inv, CycloneDX, nil
	case probe.SPDXVersion != "":
		switch probe.SPDXVersion {
		case "SPDX-2.2", "SPDX-2.3":
		default:
			return nil, SPDX, fmt.Errorf("read SPDX version %q: %w (want SPDX-2.2 or SPDX-2.3)", probe.SPDXVersion, ErrUnsupportedVersion)
		}
		inv, err := readSPDX(data)
		if err != nil {
			return nil, SPDX, err
		}
		return inv, SPDX, nil
	}
	return nil, "", fmt.Errorf("read SBOM: %w (no bomFormat CycloneDX or spdxVersion)", ErrUnknownFormat)
}

// checkDepth scans JSON text and returns a *limits.LimitError when arrays
// and objects nest deeper than max. It does not validate the JSON; the
// decoder does that afterwards, knowing the recursion it faces is bounded.
func checkDepth(data []byte, max int) error {
	depth := 0
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return &limits.LimitError{What: "SBOM nesting depth", Limit: int64(max)}
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// jsonError turns a decoding error into a *limits.ParseError at the line and
// column of its offset when it has one.
func jsonError(data []byte, what string, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	pe := &limits.ParseError{Path: readPath, Msg: what + ": " + err.Error()}
	if off >= 0 {
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		before := data[:off]
		pe.Line = bytes.Count(before, []byte{'\n'}) + 1
		pe.Col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
		if pe.Col < 1 {
			pe.Col = 1
		}
	}
	return pe
}
