package fim

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
)

func TestDecodeBaseline(t *testing.T) {
	tests := []struct {
		file    string
		wantErr string // "" = valid; else a substring of a *limits.ParseError
	}{
		{file: "valid.json"},
		{file: "empty.json"},
		{file: "version2.json", wantErr: "unsupported baseline version 2"},
		{file: "outside.json", wantErr: "not under the baseline's paths"},
		{file: "badsha.json", wantErr: "sha256 is not 64 hex digits"},
		{file: "trailing.json", wantErr: "trailing data"},
		{file: "nested.json", wantErr: "not sorted, unique and disjoint"},
		{file: "badtype.json", wantErr: `unknown type "fifo"`},
		{file: "unclean.json", wantErr: "not a clean absolute path"},
		{file: "unknownfield.json", wantErr: `unknown field "extra"`},
		{file: "badmode.json", wantErr: "bits outside 07777"},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.file, ".json"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "baseline", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := decodeBaseline(bytes.NewReader(data), tc.file, 1<<20, 100)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if doc.Entries == nil {
					t.Error("Entries is nil")
				}
				return
			}
			var pe *limits.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v (%T), want a ParseError with %q", err, err, tc.wantErr)
			}
			if pe.Path != tc.file {
				t.Errorf("ParseError.Path = %q, want %q", pe.Path, tc.file)
			}
		})
	}
}

func TestDecodeBaselineValues(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "baseline", "valid.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeBaseline(bytes.NewReader(data), "valid.json", 1<<20, 100)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/etc", "/usr/bin"}, doc.Paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	sudo := doc.Entries["/usr/bin/sudo"]
	if sudo.Mode != 0o4755 || sudo.Type != TypeFile {
		t.Errorf("sudo = %+v, want mode 04755", sudo)
	}
	if l := doc.Entries["/etc/localtime"]; l.Link != "/usr/share/zoneinfo/Etc/UTC" {
		t.Errorf("localtime link = %q", l.Link)
	}
}

func TestDecodeBaselineLimits(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "baseline", "valid.json"))
	if err != nil {
		t.Fatal(err)
	}
	// Prove the fixture is over the limits used below.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw["entries"], &entries); err != nil || len(entries) != 6 {
		t.Fatalf("fixture has %d entries (%v), want 6", len(entries), err)
	}

	if _, err := decodeBaseline(bytes.NewReader(data), "x", int64(len(data)), 6); err != nil {
		t.Errorf("exact fit: %v", err)
	}
	var le *limits.LimitError
	_, err = decodeBaseline(bytes.NewReader(data), "x", int64(len(data))-1, 6)
	if !errors.As(err, &le) || le.Limit != int64(len(data))-1 {
		t.Errorf("one byte over: err = %v, want a LimitError of %d", err, len(data)-1)
	}
	_, err = decodeBaseline(bytes.NewReader(data), "x", 1<<20, 5)
	if !errors.As(err, &le) || le.Limit != 5 {
		t.Errorf("too many entries: err = %v, want a LimitError of 5", err)
	}
}

func TestPersistedBaselineRoundTrips(t *testing.T) {
	dir := fixture(t)
	bf := filepath.Join(t.TempDir(), "fim.json")
	h := newHarness(t, Config{Paths: []string{dir}, BaselineFile: bf})
	doc, err := readBaselineFile(bf, 1<<20, 100)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(h.m.Baseline(), doc.Entries); diff != "" {
		t.Errorf("persisted entries (-memory +file):\n%s", diff)
	}
	fi, err := os.Stat(bf)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("baseline file mode %v, want 0600", fi.Mode().Perm())
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(bf), ".fim.json.tmp-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// FuzzLoadBaseline checks the loader never panics, stays within its byte
// limit, and that what it accepts survives a write and a re-read.
func FuzzLoadBaseline(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "baseline", "*.json"))
	if len(seeds) == 0 {
		f.Fatal("no seeds in testdata/baseline")
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	const maxBytes = 1 << 16
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeBaseline(bytes.NewReader(data), "fuzz", maxBytes, 1000)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if len(data) <= maxBytes && le != nil && strings.Contains(le.What, "baseline file") {
				t.Fatalf("size limit hit by %d bytes", len(data))
			}
			return
		}
		if len(data) > maxBytes {
			t.Fatalf("accepted %d bytes over the limit of %d", len(data), maxBytes)
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(doc); err != nil {
			t.Fatal(err)
		}
		again, err := decodeBaseline(&buf, "again", 16*maxBytes, 1000)
		if err != nil {
			t.Fatalf("re-read of an accepted baseline: %v", err)
		}
		if diff := cmp.Diff(doc.Entries, again.Entries); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
