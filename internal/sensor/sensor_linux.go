//go:build linux && amd64

package sensor

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
	"github.com/cilium/ebpf/features"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"
	"github.com/cilium/ebpf/rlimit"
	"golang.org/x/sys/unix"

	"github.com/wardsec/ward/internal/event"
)

// Sensor is the loaded eBPF sensor.
//
// Lifecycle: New checks the kernel, loads and verifies the programs, fills
// the filter maps and attaches the hooks; from then on the kernel writes
// records into the ring buffer whether or not anyone reads (a full buffer
// drops records, counted in Stats). Run reads and decodes records and
// calls fn for each event, from one goroutine, until its context is done;
// only one Run may be active at a time, and Run may be called again after
// it returns. Stats may be called at any time, from any goroutine. Close
// detaches every hook, frees the programs and maps and makes a running Run
// return; it is safe to call more than once. A Sensor is not reusable
// after Close.
type Sensor struct {
	set   *settings
	coll  *ebpf.Collection
	links []link.Link
	rd    *ringbuf.Reader
	drops *ebpf.Map
	boot  time.Time

	// onRecord, when set (by tests, before Run), sees each raw record.
	onRecord func(raw []byte)

	received     [opMax]atomic.Uint64
	decodeErrors atomic.Uint64
	unavailable  map[event.Type]string
	running      atomic.Bool
	closeOnce    sync.Once
	closeErr     error
}

// hook is one program and where it attaches.
type hook struct {
	prog string // the C function's name
	// group/name of a tracefs tracepoint; group "" means a BTF tracepoint
	// (tp_btf), attached by the name in the program's section.
	group, name string
}

func sys(prog, tp string) hook { return hook{prog: prog, group: "syscalls", name: tp} }

// syscallHooks returns the hook of a syscall: one program on its exit
// tracepoint, which reads the arguments from the saved registers.
func syscallHooks(name string) []hook {
	return []hook{sys("exit_"+name, "sys_exit_"+name)}
}

// hookSet is what one or more opcodes need: required hooks, optional
// extras (a newer syscall variant) and a fallback used when a required
// tracepoint does not exist on this kernel.
type hookSet struct {
	ops      []opcode
	required []hook
	optional []hook
	fallback []hook
}

// moduleFallback reports module syscalls by number from raw sys_exit, for
// kernels built without CONFIG_MODULES (no per-syscall tracepoints).
var moduleFallback = []hook{{prog: "module_sys_exit"}}

// hookSets lists every program of bpf/sensor.bpf.c by the opcodes it
// produces.
var hookSets = []hookSet{
	// execveat's enter/exit mark the process so on_exec can tell the two
	// syscalls apart; without them every exec is reported as execve.
	{ops: []opcode{opExecve, opExecveat}, required: []hook{{prog: "on_exec"}}, optional: []hook{
		sys("enter_execveat", "sys_enter_execveat"), sys("exit_execveat", "sys_exit_execveat")}},
	{ops: []opcode{opExit}, required: []hook{{prog: "on_exit"}}},
	{ops: []opcode{opOpen}, required: syscallHooks("open")},
	{ops: []opcode{opOpenat}, required: syscallHooks("openat")},
	{ops: []opcode{opOpenat2}, required: syscallHooks("openat2")},
	{ops: []opcode{opUnlink}, required: syscallHooks("unlink")},
	{ops: []opcode{opUnlinkat}, required: syscallHooks("unlinkat")},
	{ops: []opcode{opRename}, required: syscallHooks("rename")},
	{ops: []opcode{opRenameat}, required: syscallHooks("renameat")},
	{ops: []opcode{opRenameat2}, required: syscallHooks("renameat2")},
	{ops: []opcode{opChmod}, required: syscallHooks("chmod")},
	{ops: []opcode{opFchmod}, required: syscallHooks("fchmod")},
	{ops: []opcode{opFchmodat}, required: syscallHooks("fchmodat"), optional: syscallHooks("fchmodat2")},
	{ops: []opcode{opConnect}, required: syscallHooks("connect")},
	{ops: []opcode{opAccept}, required: syscallHooks("accept")},
	{ops: []opcode{opAccept4}, required: syscallHooks("accept4")},
	{ops: []opcode{opListen}, required: syscallHooks("listen")},
	{ops: []opcode{opSetuid}, required: syscallHooks("setuid")},
	{ops: []opcode{opSetgid}, required: syscallHooks("setgid")},
	{ops: []opcode{opSetresuid}, required: syscallHooks("setresuid")},
	{ops: []opcode{opSetresgid}, required: syscallHooks("setresgid")},
	{ops: []opcode{opPtrace}, required: syscallHooks("ptrace")},
	{ops: []opcode{opInitModule}, required: syscallHooks("init_module"), fallback: moduleFallback},
	{ops: []opcode{opFinitModule}, required: syscallHooks("finit_module"), fallback: moduleFallback},
	{ops: []opcode{opMemfdCreate}, required: syscallHooks("memfd_create")},
	{ops: []opcode{opMount}, required: syscallHooks("mount")},
}

func (h hookSet) wanted(s *settings) bool {
	for _, op := range h.ops {
		if s.want[op] {
			return true
		}
	}
	return false
}

func (h hookSet) explicit(s *settings) bool {
	for _, op := range h.ops {
		if s.explicit[ops[op].typ] {
			return true
		}
	}
	return false
}

func (h hookSet) types() []event.Type {
	var ts []event.Type
	for _, op := range h.ops {
		ts = append(ts, ops[op].typ)
	}
	return ts
}

// New checks that the kernel and the process can run the sensor, loads
// the BPF programs, fills the filter maps from cfg and attaches the hooks
// of the wanted event types. It mounts tracefs at /sys/kernel/tracing when
// no tracefs is mounted (the syscall tracepoints are found there); nothing
// is pinned, so bpffs is not needed. Missing prerequisites are reported as
// *RequirementError, invalid configuration as *ConfigError.
func New(cfg Config) (*Sensor, error) {
	set, err := normalize(cfg)
	if err != nil {
		return nil, err
	}
	if err := checkRequirements(set.log); err != nil {
		return nil, err
	}
	s := &Sensor{set: set, unavailable: map[event.Type]string{}}
	if err := s.load(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Sensor) load() error {
	spec, err := loadBpf()
	if err != nil {
		return fmt.Errorf("sensor: read BPF object: %w", err)
	}
	spec.Maps["events"].MaxEntries = uint32(s.set.ringBytes)
	if err := spec.Variables["wakeup_bytes"].Set(wakeupBytes(s.set.ringBytes)); err != nil {
		return fmt.Errorf("sensor: set wakeup threshold: %w", err)
	}

	// Load only the programs of wanted event types.
	keep := map[string]bool{}
	for _, hs := range hookSets {
		if !hs.wanted(s.set) {
			continue
		}
		for _, list := range [][]hook{hs.required, hs.optional, hs.fallback} {
			for _, h := range list {
				keep[h.prog] = true
			}
		}
	}
	for name := range spec.Programs {
		if !keep[name] {
			delete(spec.Programs, name)
		}
	}

	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{})
	if err != nil {
		// A verifier rejection carries its log; keep the end, which says why.
		var verr *ebpf.VerifierError
		if errors.As(err, &verr) && len(verr.Log) > 0 {
			tail := verr.Log[max(0, len(verr.Log)-20):]
			return fmt.Errorf("sensor: load BPF programs: %w\nverifier log (end):\n%s", err, strings.Join(tail, "\n"))
		}
		return fmt.Errorf("sensor: load BPF programs: %w", err)
	}
	s.coll = coll
	s.drops = coll.Maps["drops"]

	if err := s.fillMaps(); err != nil {
		return err
	}
	if err := s.attach(); err != nil {
		return err
	}

	rd, err := ringbuf.NewReader(coll.Maps["events"])
	if err != nil {
		return fmt.Errorf("sensor: open ring buffer: %w", err)
	}
	s.rd = rd

	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return fmt.Errorf("sensor: read boot clock: %w", err)
	}
	s.boot = time.Now().Add(-time.Duration(ts.Nano()))
	return nil
}

// Kinds of watch trie entries (watch_val.kind in bpf/sensor.bpf.c).
const (
	watchPrefix            = 1
	watchReadOnlyExclusion = 2
)

func (s *Sensor) fillMaps() error {
	ignore := s.coll.Maps["ignore_pids"]
	pids := append([]uint32{uint32(os.Getpid())}, s.set.ignore...)
	for _, pid := range pids {
		if err := ignore.Put(pid, uint8(1)); err != nil {
			return fmt.Errorf("sensor: ignore pid %d: %w", pid, err)
		}
	}
	watch := s.coll.Maps["watch"]
	put := func(p string, kind uint32) error {
		var k bpfLpmKey
		key := watchKey(p)
		k.Prefixlen = uint32(len(key) * 8)
		copy(k.Data[:], key)
		return watch.Put(&k, &bpfWatchVal{Kind: kind, Keylen: uint32(len(key))})
	}
	for _, p := range s.set.prefixes {
		if err := put(p, watchPrefix); err != nil {
			return fmt.Errorf("sensor: watch prefix %q: %w", p, err)
		}
	}
	for _, p := range s.set.exclusions {
		if err := put(p, watchReadOnlyExclusion); err != nil {
			return fmt.Errorf("sensor: read-only exclusion %q: %w", p, err)
		}
	}
	return nil
}

// attach attaches every loaded hook set. A set whose tracepoints this
// kernel lacks uses its fallback when its types were asked for by name
// (a fallback such as the raw sys_exit hook runs on every syscall of the
// machine, which costs more than the events are worth unless someone
// wants them), else is unavailable: an error when its types were asked
// for by name, a warning otherwise.
func (s *Sensor) attach() error {
	attached := map[string]bool{}
	for _, hs := range hookSets {
		if !hs.wanted(s.set) {
			continue
		}
		err := s.attachAll(hs.required, attached)
		if err != nil && len(hs.fallback) > 0 && hs.explicit(s.set) {
			s.set.log.Info("using fallback hooks", slog.Any(logKeyTypes, hs.types()), slog.String(logKeyReason, err.Error()))
			err = s.attachAll(hs.fallback, attached)
		}
		if err != nil {
			if hs.explicit(s.set) {
				return &RequirementError{Requirement: fmt.Sprintf("hooks for %v", hs.types()), Hint: "a kernel with syscall tracepoints (CONFIG_FTRACE_SYSCALLS) and BTF tracepoints", Err: err}
			}
			for _, t := range hs.types() {
				s.unavailable[t] = err.Error()
			}
			s.set.log.Warn("event types unavailable", slog.Any(logKeyTypes, hs.types()), slog.String(logKeyReason, err.Error()))
			continue
		}
		if err := s.attachAll(hs.optional, attached); err != nil {
			s.set.log.Info("optional hook unavailable", slog.Any(logKeyTypes, hs.types()), slog.String(logKeyReason, err.Error()))
		}
	}
	return nil
}

// attachAll attaches hooks, skipping those already attached; on failure
// it detaches the ones it attached.
func (s *Sensor) attachAll(hooks []hook, attached map[string]bool) error {
	var mine []link.Link
	for _, h := range hooks {
		if attached[h.prog] {
			continue
		}
		prog := s.coll.Programs[h.prog]
		if prog == nil {
			return fmt.Errorf("program %s is not in the BPF object", h.prog)
		}
		var l link.Link
		var err error
		if h.group == "" {
			l, err = link.AttachTracing(link.TracingOptions{Program: prog})
		} else {
			l, err = link.Tracepoint(h.group, h.name, prog, nil)
		}
		if err != nil {
			for _, m := range mine {
				m.Close()
			}
			where := h.name
			if h.group != "" {
				where = h.group + "/" + h.name
			}
			return fmt.Errorf("attach %s to %s: %w", h.prog, where, err)
		}
		mine = append(mine, l)
	}
	for _, h := range hooks {
		attached[h.prog] = true
	}
	s.links = append(s.links, mine...)
	return nil
}

// pollInterval bounds how long a record may wait in the ring buffer
// before Run reads it when the kernel did not wake the reader (fewer than
// wakeupBytes pending).
const pollInterval = 50 * time.Millisecond

// wakeupBytes is how much pending data makes the kernel wake the reader
// at once: a quarter of the ring, at most 256 KiB, so a burst is read long
// before the ring fills.
func wakeupBytes(ringBytes int) uint64 {
	return uint64(min(ringBytes/4, 256<<10))
}

// Run reads events until ctx is done, calling fn for each from this
// goroutine; fn must not block for long, or the ring buffer fills and the
// kernel drops events. Events already in the ring buffer when ctx is done
// are delivered before Run returns nil. Run returns an error when the
// ring buffer cannot be read, and ErrClosed after Close.
func (s *Sensor) Run(ctx context.Context, fn func(*event.Event)) error {
	if s.rd == nil {
		return ErrClosed
	}
	if !s.running.CompareAndSwap(false, true) {
		return errors.New("sensor: Run is already active")
	}
	defer s.running.Store(false)
	stop := context.AfterFunc(ctx, func() { _ = s.rd.Flush() })
	defer stop()

	// The kernel wakes the reader only when wakeupBytes are pending (see
	// wakeup_flag in bpf/sensor.bpf.c); between wakeups the ring is
	// polled every pollInterval.
	s.rd.SetDeadline(time.Now().Add(pollInterval))
	var rec ringbuf.Record
	for {
		err := s.rd.ReadInto(&rec)
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded):
			s.rd.SetDeadline(time.Now().Add(pollInterval))
			continue
		case errors.Is(err, ringbuf.ErrFlushed):
			if ctx.Err() != nil {
				return nil
			}
			continue
		case errors.Is(err, ringbuf.ErrClosed), errors.Is(err, os.ErrClosed):
			return ErrClosed
		default:
			return fmt.Errorf("sensor: read ring buffer: %w", err)
		}
		if s.onRecord != nil {
			s.onRecord(rec.RawSample)
		}
		// A program can produce types not asked for (on_exec makes execve
		// and execveat): those are skipped before decoding.
		var op opcode
		if len(rec.RawSample) >= 2 {
			op = opcode(binary.LittleEndian.Uint16(rec.RawSample))
			if op > 0 && op < opMax && !s.set.want[op] {
				continue
			}
		}
		ev, err := decode(rec.RawSample, s.boot)
		if err != nil {
			if s.decodeErrors.Add(1) <= 10 {
				s.set.log.Warn("undecodable record", slog.String(logKeyError, err.Error()))
			}
			continue
		}
		s.received[op].Add(1)
		fn(ev)
	}
}

// Stats returns the counters so far.
func (s *Sensor) Stats() Stats {
	st := Stats{
		Received:     map[event.Type]uint64{},
		Dropped:      map[event.Type]uint64{},
		DecodeErrors: s.decodeErrors.Load(),
		Unavailable:  map[event.Type]string{},
	}
	for t, why := range s.unavailable {
		st.Unavailable[t] = why
	}
	for op := opcode(1); op < opMax; op++ {
		if n := s.received[op].Load(); n > 0 {
			st.Received[ops[op].typ] += n
		}
		if s.drops == nil {
			continue
		}
		var perCPU []bpfDropCount
		if err := s.drops.Lookup(uint32(op), &perCPU); err != nil {
			continue
		}
		for _, d := range perCPU {
			if d.Records > 0 {
				st.Dropped[ops[op].typ] += d.Records
			}
			st.DroppedBytes += d.Bytes
		}
	}
	return st
}

// Close detaches the hooks and frees the programs, maps and ring buffer.
func (s *Sensor) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		for _, l := range s.links {
			if err := l.Close(); err != nil {
				errs = append(errs, err)
			}
		}
		s.links = nil
		if s.rd != nil {
			if err := s.rd.Close(); err != nil {
				errs = append(errs, err)
			}
		}
		if s.coll != nil {
			s.coll.Close()
		}
		if len(errs) > 0 {
			s.closeErr = fmt.Errorf("sensor: close: %w", errors.Join(errs...))
		}
	})
	return s.closeErr
}

const tracefsDir = "/sys/kernel/tracing"

// checkRequirements verifies privileges and kernel features, lifts the
// memlock limit of older kernels and mounts tracefs if needed.
func checkRequirements(log *slog.Logger) error {
	if err := checkPrivileges(); err != nil {
		return err
	}
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); err != nil {
		return &RequirementError{Requirement: "kernel BTF (/sys/kernel/btf/vmlinux)", Hint: "a kernel built with CONFIG_DEBUG_INFO_BTF=y", Err: err}
	}
	if _, err := btf.LoadKernelSpec(); err != nil {
		return &RequirementError{Requirement: "kernel BTF", Hint: "a kernel built with CONFIG_DEBUG_INFO_BTF=y", Err: err}
	}
	if err := rlimit.RemoveMemlock(); err != nil {
		return &RequirementError{Requirement: "memlock rlimit", Hint: "raise RLIMIT_MEMLOCK or run with CAP_SYS_RESOURCE", Err: err}
	}
	if err := features.HaveMapType(ebpf.RingBuf); err != nil {
		return &RequirementError{Requirement: "BPF ring buffer", Hint: "Linux 5.8 or later", Err: err}
	}
	if err := features.HaveProgramHelper(ebpf.TracePoint, asm.FnLoop); err != nil {
		return &RequirementError{Requirement: "bpf_loop helper", Hint: "Linux 5.17 or later", Err: err}
	}
	return ensureTracefs(log)
}

// checkPrivileges wants root, or CAP_BPF with CAP_PERFMON (loading
// tracing programs), or CAP_SYS_ADMIN.
func checkPrivileges() error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return &RequirementError{Requirement: "capabilities", Err: fmt.Errorf("capget: %w", err)}
	}
	has := func(c uint) bool { return data[c/32].Effective&(1<<(c%32)) != 0 }
	if has(unix.CAP_SYS_ADMIN) || (has(unix.CAP_BPF) && has(unix.CAP_PERFMON)) {
		return nil
	}
	return &RequirementError{Requirement: "root or CAP_BPF+CAP_PERFMON", Hint: "run as root, or grant CAP_BPF, CAP_PERFMON (and CAP_SYS_RESOURCE on kernels before 5.11)"}
}

// ensureTracefs mounts tracefs at /sys/kernel/tracing unless a tracefs
// is already there or at /sys/kernel/debug/tracing.
func ensureTracefs(log *slog.Logger) error {
	for _, dir := range []string{tracefsDir, "/sys/kernel/debug/tracing"} {
		var st unix.Statfs_t
		if unix.Statfs(dir, &st) == nil && st.Type == unix.TRACEFS_MAGIC {
			return nil
		}
	}
	if err := unix.Mount("tracefs", tracefsDir, "tracefs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return &RequirementError{Requirement: "tracefs", Hint: "mount -t tracefs tracefs " + tracefsDir, Err: fmt.Errorf("mount tracefs at %s: %w", tracefsDir, err)}
	}
	log.Info("mounted tracefs", slog.String(logKeyPath, tracefsDir))
	return nil
}
