// Package sensor is Ward's eBPF runtime sensor: BPF programs, loaded into
// the running kernel with cilium/ebpf (CO-RE, against the kernel's BTF),
// observe process, file, network and privilege operations and send one
// record per operation through a ring buffer; the sensor decodes each
// record into an *event.Event.
//
// The kernel side (bpf/sensor.bpf.c) reports every event on syscall exit
// with the return value, and filters before anything reaches user space:
// the agent's own process (and Config.IgnorePIDs) are skipped, file events
// are sent only for paths under Config.WatchPrefixes (but not read-only
// opens of Config.ReadOnlyExclusions), and event types not asked for are
// not attached at all. The kernel wakes the reader only when enough data
// is pending; the reader also polls, so an event waits at most about
// 50 ms. See README.md for the hooks, limits, costs and kernel
// requirements.
//
// The sensor fills the kernel's part of an event (type, result, process
// identity, credentials, cgroup ID, operands); internal/runtime enriches
// it with ancestry, container and pod.
package sensor

import (
	"errors"
	"fmt"
	"log/slog"
	"path"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/event"
)

// Defaults applied when a Config leaves a field at its zero value.
const (
	// DefaultRingBufferBytes is the ring buffer's size. Records are
	// variable-length (an exec is typically 200-400 bytes), so 8 MiB holds
	// tens of thousands of events while user space catches up.
	DefaultRingBufferBytes = 8 << 20
	// MaxRingBufferBytes bounds Config.RingBufferBytes.
	MaxRingBufferBytes = 1 << 30
	// MaxWatchPrefixes and MaxPrefixLen bound Config.WatchPrefixes (the
	// kernel's prefix trie compares at most 256 bytes of a path).
	MaxWatchPrefixes = 256
	MaxPrefixLen     = 254
	// MaxIgnorePIDs bounds Config.IgnorePIDs.
	MaxIgnorePIDs = 1000
	// MaxReadOnlyExclusions bounds Config.ReadOnlyExclusions (they share
	// the kernel's prefix trie; each is at most MaxPrefixLen bytes).
	MaxReadOnlyExclusions = 64
)

// DefaultWatchPrefixes are watched when Config.WatchPrefixes is empty:
// system configuration, binaries, boot files, root's home, cron spools and
// mounted secrets. Leave the file event types out of Config.Events to
// report no file events at all.
var DefaultWatchPrefixes = []string{
	"/etc",
	"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin",
	"/boot", "/root",
	"/var/spool/cron",
	"/run/secrets", "/var/run/secrets",
}

// DefaultReadOnlyExclusions are excluded when Config.ReadOnlyExclusions is
// nil: the dynamic loader's cache, which every dynamically linked program
// opens read-only at start (so, with /etc watched, one open event per
// exec that no rule is about).
var DefaultReadOnlyExclusions = []string{"/etc/ld.so.cache"}

// Config configures a Sensor; the zero value means defaults.
type Config struct {
	// WatchPrefixes are absolute paths; file events (open, unlink, rename,
	// chmod) are reported only for paths equal to or below one of them
	// ("/etc" covers "/etc" and "/etc/shadow", not "/etcx"). The kernel
	// applies the filter. Empty means DefaultWatchPrefixes.
	WatchPrefixes []string
	// RingBufferBytes is the ring buffer's size: a power of two, at least
	// one page. Zero means DefaultRingBufferBytes.
	RingBufferBytes int
	// Events are the event types to report; empty means all. Programs for
	// other types are neither loaded nor attached.
	Events []event.Type
	// IgnorePIDs are processes (thread-group IDs) whose events the kernel
	// drops, in addition to the calling process, which is always ignored.
	IgnorePIDs []uint32
	// ReadOnlyExclusions are exact absolute paths, below a watch prefix,
	// whose read-only opens (read access, neither O_CREAT nor O_TRUNC) are
	// not reported; opening them for writing, creating, truncating,
	// renaming, unlinking or chmod-ing them still is. The kernel applies
	// them to the path it reports (for a successful open, the file
	// opened, symlinks resolved). nil means DefaultReadOnlyExclusions; an
	// empty, non-nil slice excludes nothing. Paths outside every watch
	// prefix, or equal to one, have no effect.
	ReadOnlyExclusions []string
	// Logger receives warnings (event types this kernel cannot provide,
	// undecodable records). Nil means slog.Default().
	Logger *slog.Logger
}

// Stats counts what the sensor delivered and lost.
type Stats struct {
	// Received counts events delivered to Run's callback, per type.
	Received map[event.Type]uint64
	// Dropped counts records the kernel could not put into the ring buffer
	// (it was full: user space fell behind), per type.
	Dropped map[event.Type]uint64
	// DroppedBytes is the size of the dropped records.
	DroppedBytes uint64
	// DecodeErrors counts records that could not be decoded.
	DecodeErrors uint64
	// Unavailable lists the event types this kernel cannot provide, with
	// the reason; they were asked for implicitly (Config.Events empty).
	Unavailable map[event.Type]string
}

// ErrUnsupportedPlatform is returned by New on platforms other than
// linux/amd64.
var ErrUnsupportedPlatform = errors.New("sensor: the eBPF sensor runs on linux/amd64 only")

// ErrClosed is returned by Run after Close.
var ErrClosed = errors.New("sensor: closed")

// RequirementError reports a missing kernel feature or privilege.
type RequirementError struct {
	// Requirement names what is missing ("root or CAP_BPF+CAP_PERFMON",
	// "kernel BTF", "BPF ring buffer", ...).
	Requirement string
	// Hint says how to provide it.
	Hint string
	Err  error
}

func (e *RequirementError) Error() string {
	msg := "sensor: missing " + e.Requirement
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

func (e *RequirementError) Unwrap() error { return e.Err }

// ConfigError reports an invalid Config field.
type ConfigError struct {
	Field string
	Msg   string
}

func (e *ConfigError) Error() string { return fmt.Sprintf("sensor: config %s: %s", e.Field, e.Msg) }

// Log attribute keys.
const (
	logKeyComponent = "component"
	logKeyTypes     = "types"
	logKeyReason    = "reason"
	logKeyError     = "error"
	logKeyPath      = "path"
)

// settings is a validated Config with defaults applied.
type settings struct {
	prefixes []string // cleaned, absolute
	// exclusions are the read-only exclusions below a watch prefix
	// (cleaned, absolute, none equal to a prefix).
	exclusions []string
	ringBytes  int
	want       [opMax]bool // opcodes delivered to the callback
	explicit   map[event.Type]bool
	ignore     []uint32
	log        *slog.Logger
}

// normalize validates cfg and applies defaults.
func normalize(cfg Config) (*settings, error) {
	s := &settings{ringBytes: cfg.RingBufferBytes, log: cfg.Logger, explicit: map[event.Type]bool{}}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With(slog.String(logKeyComponent, "sensor"))
	if s.ringBytes == 0 {
		s.ringBytes = DefaultRingBufferBytes
	}
	if s.ringBytes < 4096 || s.ringBytes > MaxRingBufferBytes || s.ringBytes&(s.ringBytes-1) != 0 {
		return nil, &ConfigError{Field: "RingBufferBytes", Msg: fmt.Sprintf("%d is not a power of two between 4096 and %d", s.ringBytes, MaxRingBufferBytes)}
	}

	prefixes := cfg.WatchPrefixes
	if len(prefixes) == 0 {
		prefixes = DefaultWatchPrefixes
	}
	if len(prefixes) > MaxWatchPrefixes {
		return nil, &ConfigError{Field: "WatchPrefixes", Msg: fmt.Sprintf("%d prefixes exceed the limit of %d", len(prefixes), MaxWatchPrefixes)}
	}
	for _, p := range prefixes {
		c, err := cleanAbs(p)
		if err != nil {
			return nil, &ConfigError{Field: "WatchPrefixes", Msg: err.Error()}
		}
		if !slices.Contains(s.prefixes, c) {
			s.prefixes = append(s.prefixes, c)
		}
	}

	excl := cfg.ReadOnlyExclusions
	if excl == nil {
		excl = DefaultReadOnlyExclusions
	}
	if len(excl) > MaxReadOnlyExclusions {
		return nil, &ConfigError{Field: "ReadOnlyExclusions", Msg: fmt.Sprintf("%d paths exceed the limit of %d", len(excl), MaxReadOnlyExclusions)}
	}
	for _, p := range excl {
		c, err := cleanAbs(p)
		if err != nil {
			return nil, &ConfigError{Field: "ReadOnlyExclusions", Msg: err.Error()}
		}
		if underPrefix(c, s.prefixes) && !slices.Contains(s.exclusions, c) {
			s.exclusions = append(s.exclusions, c)
		}
	}

	if len(cfg.Events) == 0 {
		for op := opcode(1); op < opMax; op++ {
			s.want[op] = true
		}
	}
	for _, t := range cfg.Events {
		ops := opsOf(t)
		if len(ops) == 0 {
			return nil, &ConfigError{Field: "Events", Msg: fmt.Sprintf("unknown event type %q", t)}
		}
		for _, op := range ops {
			s.want[op] = true
		}
		s.explicit[t] = true
	}

	if len(cfg.IgnorePIDs) > MaxIgnorePIDs {
		return nil, &ConfigError{Field: "IgnorePIDs", Msg: fmt.Sprintf("%d PIDs exceed the limit of %d", len(cfg.IgnorePIDs), MaxIgnorePIDs)}
	}
	s.ignore = slices.Clone(cfg.IgnorePIDs)
	return s, nil
}

// cleanAbs validates an absolute path for the kernel's prefix trie and
// cleans it.
func cleanAbs(p string) (string, error) {
	if !strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("%q is not an absolute path", p)
	}
	c := path.Clean(p)
	if len(c) > MaxPrefixLen {
		return "", fmt.Errorf("%q is longer than %d bytes", p, MaxPrefixLen)
	}
	if strings.IndexByte(c, 0) >= 0 {
		return "", fmt.Errorf("%q contains a NUL byte", p)
	}
	return c, nil
}

// underPrefix reports whether p lies strictly below one of the prefixes
// and equals none of them.
func underPrefix(p string, prefixes []string) bool {
	if slices.Contains(prefixes, p) {
		return false
	}
	for _, pre := range prefixes {
		if strings.HasPrefix(p, watchKey(pre)) {
			return true
		}
	}
	return false
}

// watchKey is the kernel trie's form of a prefix: the path with a
// trailing slash ("/" stays "/").
func watchKey(prefix string) string {
	if prefix == "/" {
		return prefix
	}
	return prefix + "/"
}

// Types lists every event type the sensor can report.
func Types() []event.Type {
	var ts []event.Type
	for op := opcode(1); op < opMax; op++ {
		ts = append(ts, ops[op].typ)
	}
	return ts
}
