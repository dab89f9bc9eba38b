package sensor

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
)

func TestNormalizeErrors(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		field string
	}{
		{name: "relative_prefix", cfg: Config{WatchPrefixes: []string{"etc"}}, field: "WatchPrefixes"},
		{name: "long_prefix", cfg: Config{WatchPrefixes: []string{"/" + strings.Repeat("a", MaxPrefixLen)}}, field: "WatchPrefixes"},
		{name: "nul_in_prefix", cfg: Config{WatchPrefixes: []string{"/etc\x00x"}}, field: "WatchPrefixes"},
		{name: "too_many_prefixes", cfg: Config{WatchPrefixes: make([]string, MaxWatchPrefixes+1)}, field: "WatchPrefixes"},
		{name: "ring_not_power_of_two", cfg: Config{RingBufferBytes: 3 << 20}, field: "RingBufferBytes"},
		{name: "ring_too_small", cfg: Config{RingBufferBytes: 1024}, field: "RingBufferBytes"},
		{name: "unknown_event_type", cfg: Config{Events: []event.Type{"write"}}, field: "Events"},
		{name: "too_many_ignored_pids", cfg: Config{IgnorePIDs: make([]uint32, MaxIgnorePIDs+1)}, field: "IgnorePIDs"},
		{name: "relative_exclusion", cfg: Config{ReadOnlyExclusions: []string{"etc/ld.so.cache"}}, field: "ReadOnlyExclusions"},
		{name: "long_exclusion", cfg: Config{ReadOnlyExclusions: []string{"/etc/" + strings.Repeat("a", MaxPrefixLen)}}, field: "ReadOnlyExclusions"},
		{name: "too_many_exclusions", cfg: Config{ReadOnlyExclusions: make([]string, MaxReadOnlyExclusions+1)}, field: "ReadOnlyExclusions"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := normalize(tc.cfg)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v, want *ConfigError", err)
			}
			if ce.Field != tc.field {
				t.Errorf("field %q, want %q", ce.Field, tc.field)
			}
		})
	}
}

func TestNormalizeDefaults(t *testing.T) {
	s, err := normalize(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if s.ringBytes != DefaultRingBufferBytes {
		t.Errorf("ring buffer %d, want %d", s.ringBytes, DefaultRingBufferBytes)
	}
	if diff := cmp.Diff(DefaultWatchPrefixes, s.prefixes); diff != "" {
		t.Errorf("prefixes (-want +got):\n%s", diff)
	}
	for op := opcode(1); op < opMax; op++ {
		if !s.want[op] {
			t.Errorf("opcode %d (%s) not wanted with Events empty", op, ops[op].typ)
		}
	}
}

// TestNormalizeExclusions: read-only exclusions are kept only where they
// can matter, strictly below a watch prefix.
func TestNormalizeExclusions(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{name: "default_below_etc", cfg: Config{}, want: []string{"/etc/ld.so.cache"}},
		{name: "default_without_etc_watched", cfg: Config{WatchPrefixes: []string{"/srv"}}, want: nil},
		{name: "empty_list_excludes_nothing", cfg: Config{ReadOnlyExclusions: []string{}}, want: nil},
		{name: "cleaned_and_deduplicated", cfg: Config{WatchPrefixes: []string{"/srv"}, ReadOnlyExclusions: []string{"/srv/a/../cache", "/srv/cache", "/srv//x/"}},
			want: []string{"/srv/cache", "/srv/x"}},
		{name: "equal_to_a_prefix_or_outside", cfg: Config{WatchPrefixes: []string{"/srv", "/etc/hosts"}, ReadOnlyExclusions: []string{"/srv", "/etc/hosts", "/srvx/a", "/etc/passwd"}},
			want: nil},
		{name: "below_root", cfg: Config{WatchPrefixes: []string{"/"}, ReadOnlyExclusions: []string{"/etc/ld.so.cache"}}, want: []string{"/etc/ld.so.cache"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := normalize(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, s.exclusions); diff != "" {
				t.Errorf("exclusions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalizeSelection(t *testing.T) {
	s, err := normalize(Config{WatchPrefixes: []string{"/etc/", "/srv/../etc", "/"}, Events: []event.Type{event.Execveat, event.Connect}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/etc", "/"}, s.prefixes); diff != "" {
		t.Errorf("prefixes (-want +got):\n%s", diff)
	}
	var got []event.Type
	for op := opcode(1); op < opMax; op++ {
		if s.want[op] {
			got = append(got, ops[op].typ)
		}
	}
	if diff := cmp.Diff([]event.Type{event.Execveat, event.Connect}, got); diff != "" {
		t.Errorf("wanted types (-want +got):\n%s", diff)
	}
	if got, want := watchKey("/etc"), "/etc/"; got != want {
		t.Errorf("watchKey(/etc) = %q, want %q", got, want)
	}
	if got, want := watchKey("/"), "/"; got != want {
		t.Errorf("watchKey(/) = %q, want %q", got, want)
	}
}

// TestOpcodeTable checks that every opcode maps to a distinct event type
// and every event type the event package declares has an opcode.
func TestOpcodeTable(t *testing.T) {
	seen := map[event.Type]opcode{}
	for op := opcode(1); op < opMax; op++ {
		typ := ops[op].typ
		if typ == "" {
			t.Errorf("opcode %d has no event type", op)
		}
		if prev, dup := seen[typ]; dup {
			t.Errorf("opcodes %d and %d both map to %q", prev, op, typ)
		}
		seen[typ] = op
	}
	all := []event.Type{event.Execve, event.Execveat, event.ProcExit, event.Open, event.Openat, event.Openat2,
		event.Unlink, event.Unlinkat, event.Rename, event.Renameat, event.Renameat2, event.Chmod, event.Fchmod,
		event.Fchmodat, event.Connect, event.Accept, event.Accept4, event.Listen, event.Setuid, event.Setgid,
		event.Setresuid, event.Setresgid, event.Ptrace, event.InitModule, event.FinitModule, event.MemfdCreate, event.Mount}
	if diff := cmp.Diff(all, Types()); diff != "" {
		t.Errorf("types (-want +got):\n%s", diff)
	}
}
