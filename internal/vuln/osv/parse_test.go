package osv

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
)

func TestParse_GoRecord(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "GO-2022-0969.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := Parse(f)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if v.ID != "GO-2022-0969" {
		t.Errorf("ID = %q", v.ID)
	}
	if diff := cmp.Diff([]string{"CVE-2022-27664", "GHSA-69cg-p879-7622"}, v.Aliases); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
	if want := time.Date(2022, 9, 12, 20, 23, 6, 0, time.UTC); !v.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", v.Published, want)
	}
	var pkgs []Package
	for _, a := range v.Affected {
		pkgs = append(pkgs, a.Package)
	}
	wantPkgs := []Package{{Ecosystem: "Go", Name: "stdlib"}, {Ecosystem: "Go", Name: "golang.org/x/net"}}
	if diff := cmp.Diff(wantPkgs, pkgs); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	wantEvents := []Event{{Introduced: "0"}, {Fixed: "1.18.6"}, {Introduced: "1.19.0-0"}, {Fixed: "1.19.1"}}
	if diff := cmp.Diff(wantEvents, v.Affected[0].Ranges[0].Events); diff != "" {
		t.Errorf("stdlib events (-want +got):\n%s", diff)
	}
	if len(v.Affected[0].EcosystemSpecific) == 0 {
		t.Error("ecosystem_specific was dropped")
	}
	if v.IsWithdrawn() {
		t.Error("record reported withdrawn")
	}
}

func TestParse_Withdrawn(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "GO-2022-0617.json"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := ParseBytes(data, "GO-2022-0617.json")
	if err != nil {
		t.Fatal(err)
	}
	if !v.IsWithdrawn() {
		t.Error("withdrawn record not reported withdrawn")
	}
}

// TestParse_RoundTrip proves re-encoding keeps the record: what the database
// stores parses back to the same value.
func TestParse_RoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "GO-*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, name := range files {
		t.Run(strings.ReplaceAll(strings.ToLower(filepath.Base(name)), "-", "_"), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			v, err := ParseBytes(data, name)
			if err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			v2, err := ParseBytes(out, "re-encoded")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(v, v2); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		wantLine int
		wantMsg  string // substring
	}{
		{name: "missing_id", input: `{"modified":"2024-01-01T00:00:00Z"}`, wantMsg: "id: required"},
		{name: "empty_object", input: `{}`, wantMsg: "id: required"},
		{name: "null", input: `null`, wantMsg: "id: required"},
		{name: "array", input: `[]`, wantMsg: "cannot use JSON array"},
		{name: "truncated", input: "{\n\"id\": \"X-1\",\n\"aff", wantLine: 3, wantMsg: "unexpected end"},
		{name: "trailing_garbage", input: `{"id":"X-1"} {}`, wantMsg: "after top-level value"},
		{name: "wrong_type", input: "{\"id\": \"X-1\",\n \"aliases\": 2024}", wantLine: 2, wantMsg: `field "aliases"`},
		{name: "timestamp_not_string", input: `{"id":"X-1","modified":2024}`, wantMsg: "Time.UnmarshalJSON"},
		{name: "bad_timestamp", input: `{"id":"X-1","modified":"yesterday"}`, wantMsg: "parsing time"},
		{name: "id_with_space", input: `{"id":"X 1"}`, wantMsg: "space"},
		{name: "id_with_nul", input: `{"id":"X\u00001"}`, wantMsg: "unprintable"},
		{name: "id_too_long", input: `{"id":"` + strings.Repeat("a", MaxIDLength+1) + `"}`, wantMsg: "longer than"},
		{name: "bad_alias", input: `{"id":"X-1","aliases":[""]}`, wantMsg: "aliases[0]"},
		{name: "name_with_newline", input: `{"id":"X-1","affected":[{"package":{"ecosystem":"Go","name":"a\nb"}}]}`, wantMsg: "control character"},
		{name: "package_without_name", input: `{"id":"X-1","affected":[{"package":{"ecosystem":"Go"}}]}`, wantMsg: "affected[0].package"},
		{name: "unknown_range_type", input: `{"id":"X-1","affected":[{"ranges":[{"type":"DATE","events":[{"introduced":"0"}]}]}]}`, wantMsg: `unknown range type "DATE"`},
		{name: "git_without_repo", input: `{"id":"X-1","affected":[{"ranges":[{"type":"GIT","events":[{"introduced":"0"}]}]}]}`, wantMsg: "needs repo"},
		{name: "event_two_fields", input: `{"id":"X-1","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]}`, wantMsg: "events[0]"},
		{name: "event_empty", input: `{"id":"X-1","affected":[{"ranges":[{"type":"SEMVER","events":[{}]}]}]}`, wantMsg: "events[0]"},
		{name: "no_introduced", input: `{"id":"X-1","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixed":"1"}]}]}]}`, wantMsg: "no introduced"},
		{name: "severity_without_score", input: `{"id":"X-1","severity":[{"type":"CVSS_V3"}]}`, wantMsg: "severity[0]"},
		{name: "binary_garbage", input: "\x00\xff\xfe{{", wantMsg: "invalid character"},
		{name: "deep_nesting", input: `{"id":"X-1","database_specific":` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}`, wantMsg: "exceeded max depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseBytes([]byte(tt.input), "in.json")
			if err == nil {
				t.Fatalf("ParseBytes = %+v, want error", v)
			}
			var pe *limits.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *limits.ParseError", err, err)
			}
			if pe.Path != "in.json" {
				t.Errorf("Path = %q", pe.Path)
			}
			if tt.wantLine != 0 && pe.Line != tt.wantLine {
				t.Errorf("Line = %d, want %d (%v)", pe.Line, tt.wantLine, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
		})
	}
}

func TestParse_Files(t *testing.T) {
	tests := []struct {
		file    string
		wantErr bool
	}{
		{file: "minimal.json"},
		{file: "invalid_no_id.json", wantErr: true},
		{file: "invalid_range.json", wantErr: true},
		{file: "invalid_syntax.json", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.file, ".json"), func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = Parse(f)
			if (err != nil) != tt.wantErr {
				t.Errorf("Parse error = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
}

// TestParse_TooLarge proves the size cap: a reader longer than
// MaxRecordSize is rejected after reading at most MaxRecordSize+1 bytes.
func TestParse_TooLarge(t *testing.T) {
	r := &countingReader{}
	_, err := Parse(r)
	var le *limits.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T), want *limits.LimitError", err, err)
	}
	if le.Limit != MaxRecordSize {
		t.Errorf("Limit = %d", le.Limit)
	}
	if r.n > MaxRecordSize+1 {
		t.Errorf("read %d bytes, more than the cap", r.n)
	}
}

// countingReader is an endless stream of spaces (valid JSON whitespace).
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.n += int64(len(p))
	return len(p), nil
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(bytes.NewReader(data))
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if v.ID == "" {
			t.Fatal("accepted a record without id")
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if _, err := ParseBytes(out, ""); err != nil {
			t.Fatalf("re-encoded record does not parse: %v\n%s", err, out)
		}
	})
}
