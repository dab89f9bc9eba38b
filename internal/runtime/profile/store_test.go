package profile

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

func TestDecodeProfile(t *testing.T) {
	tests := []struct {
		file    string
		wantErr string // "" = valid
		limit   bool   // a *limits.LimitError rather than a ParseError
	}{
		{file: "valid.json"},
		{file: "learning.json"},
		{file: "host.json"},
		{file: "version2.json", wantErr: "unsupported profile version 2"},
		{file: "badstate.json", wantErr: `unknown state "frozen"`},
		{file: "relative.json", wantErr: "not a clean absolute path"},
		{file: "baddest.json", wantErr: "destinations"},
		{file: "dupoverflow.json", wantErr: "unknown or repeated list"},
		{file: "nokey.json", wantErr: "key is empty"},
		{file: "negative.json", wantErr: "negative observation count"},
		{file: "toomany.json", wantErr: "executables in profile file", limit: true},
		{file: "trailing.json", wantErr: "trailing data"},
		{file: "unknownfield.json", wantErr: `unknown field "extra"`},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.file, ".json"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "profile", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			pr, err := decodeProfile(bytes.NewReader(data), tc.file, 1<<20, 4)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if pr.key == "" || pr.anomalies == nil {
					t.Errorf("decoded profile incomplete: %+v", pr)
				}
				return
			}
			var pe *limits.ParseError
			var le *limits.LimitError
			typed := errors.As(err, &pe)
			if tc.limit {
				typed = errors.As(err, &le)
			}
			if !typed || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v (%T), want a typed error with %q", err, err, tc.wantErr)
			}
		})
	}
}

func TestDecodeProfileValues(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "profile", "learning.json"))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := decodeProfile(bytes.NewReader(data), "learning.json", 1<<20, 4)
	if err != nil {
		t.Fatal(err)
	}
	p := &Profiler{}
	got := p.snapshot(pr, time.Date(2026, 3, 1, 12, 5, 0, 0, time.UTC))
	want := Profile{
		Key:          "shop#prod/checkout/app",
		Workload:     Workload{Image: "shop", Name: "prod/checkout/app", Namespace: "prod"},
		State:        StateLearning,
		FirstSeen:    time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		LearnUntil:   time.Date(2026, 3, 1, 12, 10, 0, 0, time.UTC),
		Observations: Counts{Exec: 3},
		Executables:  []string{"/a", "/b", "/c"},
		WriteDirs:    []string{},
		WriteFiles:   []string{},
		Destinations: []string{},
		Overflow:     []string{"executables"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profile (-want +got):\n%s", diff)
	}
}

func TestDecodeProfileSizeLimit(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "profile", "valid.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeProfile(bytes.NewReader(data), "x", int64(len(data)), 4); err != nil {
		t.Errorf("exact fit: %v", err)
	}
	var le *limits.LimitError
	if _, err := decodeProfile(bytes.NewReader(data), "x", int64(len(data))-1, 4); !errors.As(err, &le) {
		t.Errorf("one byte over: err = %v, want a LimitError", err)
	}
}

// FuzzLoadProfile checks the loader never panics, returns typed errors,
// and that a profile it accepts survives a save and a re-load.
func FuzzLoadProfile(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "profile", "*.json"))
	if len(seeds) == 0 {
		f.Fatal("no seeds in testdata/profile")
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
		pr, err := decodeProfile(bytes.NewReader(data), "fuzz", maxBytes, 16)
		if err != nil {
			var pe *limits.ParseError
			var le *limits.LimitError
			if !errors.As(err, &pe) && !errors.As(err, &le) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if len(data) > maxBytes {
			t.Fatalf("accepted %d bytes over the limit", len(data))
		}
		for k := range numKinds {
			if len(pr.sets[k]) > 16 {
				t.Fatalf("%s holds %d values over the limit", kindNames[k], len(pr.sets[k]))
			}
		}
		p := &Profiler{}
		now := time.Unix(0, 0)
		first := p.snapshot(pr, now)
		raw, err := json.Marshal(profileFile{Version: formatVersion, Profile: first})
		if err != nil {
			t.Fatal(err)
		}
		again, err := decodeProfile(bytes.NewReader(raw), "again", 16*maxBytes, 16)
		if err != nil {
			t.Fatalf("re-load of an accepted profile: %v", err)
		}
		if diff := cmp.Diff(first, p.snapshot(again, now)); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
