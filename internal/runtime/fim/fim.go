// Package fim is Ward's file integrity monitoring: it keeps a baseline of
// the monitored files (type, SHA-256 of the content, mode, owner, size,
// modification time, symlink target), re-examines a path when the eBPF
// sensor reports a write-open, unlink, rename or chmod under it, and emits
// one finding per change it confirms on disk.
//
// Lifecycle: New loads (or builds and persists) the baseline; the sensor is
// told WatchPrefixes; the agent feeds every event to Handle, which only
// queues the affected paths; Run, in its own goroutine, re-examines each
// queued path once no event touched it for Config.Debounce, compares it
// with the baseline, emits findings, and persists the baseline. When Run
// starts on a baseline loaded from disk it first walks every path once and
// reports what changed while the agent was not running.
//
// The events only say where to look: a finding is emitted only for a
// difference between the baseline and the file system, so a write-open
// that changes nothing emits nothing, and a burst of writes emits one
// finding. See docs/runtime-fim-profiles.md.
package fim

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/finding"
)

// Defaults applied when a Config field is zero.
const (
	DefaultMaxFileSize = 64 << 20
	DefaultDebounce    = 200 * time.Millisecond
	DefaultMaxFiles    = 1_000_000
	DefaultMaxDepth    = 64
)

// Limits on Config.Paths; they match what the sensor's kernel filter
// accepts as watch prefixes.
const (
	MaxPaths   = 256
	MaxPathLen = 254
)

// maxPending bounds the queue of paths waiting for Run. When it is full,
// Handle drops the path and marks the queue overflowed; Run then re-walks
// every monitored path instead, so no change is missed.
const maxPending = 1 << 16

// persistEvery is the least time between two writes of the baseline file
// while Run is running; Run always writes it when it returns.
const persistEvery = 2 * time.Second

// Check IDs of the findings, stable forever.
const (
	CheckModified = "WARD-RT-0101"
	CheckCreated  = "WARD-RT-0102"
	CheckDeleted  = "WARD-RT-0103"
	CheckAttrs    = "WARD-RT-0104"
	CheckRenamed  = "WARD-RT-0105"
)

// Linux open(2) flags that make an open a write. Event flags are the
// kernel's values, whatever the platform the agent was built for.
const (
	oWronly = 0o1
	oRdwr   = 0o2
	oCreat  = 0o100
	oTrunc  = 0o1000

	writeFlags = oWronly | oRdwr | oCreat | oTrunc
)

// Config configures a Monitor. The zero value of each field means its
// default; Paths is required.
type Config struct {
	// Paths are the files or directories to monitor (absolute). Nested
	// paths are merged into the outer one.
	Paths []string
	// BaselineFile is where the baseline is persisted (JSON); "" keeps it
	// in memory only.
	BaselineFile string
	// MaxFileSize bounds the files that are hashed; larger files are
	// tracked by size, mode and modification time only (their entry has
	// no SHA256 and a NoHash reason). 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Debounce is how long Run waits after the last event on a path before
	// it re-examines it. 0 means DefaultDebounce.
	Debounce time.Duration
	// Now is the clock (baseline timestamps and debounce deadlines); nil
	// means time.Now.
	Now func() time.Time
	// MaxFiles bounds the entries of the baseline. 0 means
	// DefaultMaxFiles.
	MaxFiles int
	// MaxDepth bounds how deep below a monitored directory entries are
	// tracked. 0 means DefaultMaxDepth.
	MaxDepth int
}

// Monitor is the file integrity monitor. Handle and Baseline are safe for
// concurrent use with Run; Run may run once at a time.
type Monitor struct {
	roots       []string
	baseFile    string
	maxSize     int64
	debounce    time.Duration
	now         func() time.Time
	maxFiles    int
	maxDepth    int
	emit        func(finding.Finding)
	openFile    func(string) (*os.File, error) // replaced by tests
	log         *slog.Logger
	startupDiff bool

	mu         sync.Mutex // guards pending, overflow, busy
	pending    map[string]*pending
	maxPending int
	overflow   bool
	busy       int // batches taken from the queue and not yet emitted
	wake       chan struct{}

	bmu         sync.RWMutex // guards the baseline
	base        map[string]Entry
	created     time.Time
	dirty       bool
	lastPersist time.Time

	running atomic.Bool
}

// pending is a path waiting to be re-examined.
type pending struct {
	due  time.Time
	proc procInfo
	// from is set when the path is a rename's destination: the source.
	from string
	// to is set when the path is a rename's source: the destination.
	to string
}

// procInfo is the process that made the last change to a path.
type procInfo struct {
	name      string
	pid       uint32
	exe       string
	container string
}

func (p procInfo) String() string {
	name := p.name
	if name == "" {
		name = path.Base(p.exe)
	}
	if name == "" || name == "." || name == "/" {
		name = "unknown"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "process %s (pid %d", name, p.pid)
	if p.exe != "" {
		fmt.Fprintf(&b, ", exe %s", p.exe)
	}
	if p.container != "" {
		fmt.Fprintf(&b, ", container %s", p.container)
	} else {
		b.WriteString(", host")
	}
	b.WriteByte(')')
	return b.String()
}

// New validates cfg and loads the baseline from cfg.BaselineFile when the
// file exists and was built for the same Paths; otherwise it builds the
// baseline by walking Paths and persists it. A baseline file that exists
// but cannot be read or parsed is an error (a *limits.ParseError or
// *limits.LimitError inside): Ward does not silently forget what it was
// guarding; remove the file to rebuild. emit receives every finding, from
// Run's goroutine.
func New(cfg Config, emit func(finding.Finding)) (*Monitor, error) {
	if emit == nil {
		return nil, errors.New("fim: emit function is nil")
	}
	roots, err := normalizeRoots(cfg.Paths)
	if err != nil {
		return nil, err
	}
	m := &Monitor{
		roots:    roots,
		baseFile: cfg.BaselineFile,
		maxSize:  cfg.MaxFileSize,
		debounce: cfg.Debounce,
		now:      cfg.Now,
		maxFiles: cfg.MaxFiles,
		maxDepth: cfg.MaxDepth,
		emit:     emit,
		openFile: openNoFollow,
		log:      slog.Default().With(slog.String(logKeyComponent, "fim")),
		pending:  map[string]*pending{},
		wake:     make(chan struct{}, 1),
	}
	m.maxPending = maxPending
	switch {
	case m.maxSize < 0:
		return nil, fmt.Errorf("fim: MaxFileSize %d is negative", m.maxSize)
	case m.maxSize == 0:
		m.maxSize = DefaultMaxFileSize
	}
	switch {
	case m.debounce < 0:
		return nil, fmt.Errorf("fim: Debounce %s is negative", m.debounce)
	case m.debounce == 0:
		m.debounce = DefaultDebounce
	}
	switch {
	case m.maxFiles < 0:
		return nil, fmt.Errorf("fim: MaxFiles %d is negative", m.maxFiles)
	case m.maxFiles == 0:
		m.maxFiles = DefaultMaxFiles
	}
	switch {
	case m.maxDepth < 0:
		return nil, fmt.Errorf("fim: MaxDepth %d is negative", m.maxDepth)
	case m.maxDepth == 0:
		m.maxDepth = DefaultMaxDepth
	}
	if m.now == nil {
		m.now = time.Now
	}

	if m.baseFile != "" {
		doc, err := readBaselineFile(m.baseFile, maxBaselineBytes(m.maxFiles), m.maxFiles)
		switch {
		case err == nil && slices.Equal(doc.Paths, roots):
			m.base = doc.Entries
			m.created = doc.Created
			m.startupDiff = true
			m.busy = 1 // until Run has walked once
			m.log.Info("fim baseline loaded", slog.String(logKeyFile, m.baseFile), slog.Int(logKeyEntries, len(m.base)))
		case err == nil:
			m.log.Info("fim baseline is for other paths; rebuilding", slog.String(logKeyFile, m.baseFile),
				slog.Any(logKeyOldPaths, doc.Paths), slog.Any(logKeyPaths, roots))
		case errors.Is(err, fs.ErrNotExist):
		default:
			return nil, fmt.Errorf("fim: load baseline %q: %w", m.baseFile, err)
		}
	}
	if m.base == nil {
		w := m.walk()
		m.base = w.out
		m.created = m.now().UTC()
		if w.full {
			m.log.Warn("fim baseline truncated at the file limit", slog.Int(logKeyLimit, m.maxFiles))
		}
		if err := m.persist(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Log attribute keys.
const (
	logKeyComponent = "component"
	logKeyFile      = "file"
	logKeyPath      = "path"
	logKeyPaths     = "paths"
	logKeyOldPaths  = "old_paths"
	logKeyEntries   = "entries"
	logKeyLimit     = "limit"
	logKeyError     = "error"
)

// normalizeRoots cleans, checks and de-duplicates Paths, dropping paths
// nested in another one, and sorts them.
func normalizeRoots(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("fim: no Paths to monitor")
	}
	if len(paths) > MaxPaths {
		return nil, fmt.Errorf("fim: %d Paths exceed the limit of %d", len(paths), MaxPaths)
	}
	var out []string
	for _, p := range paths {
		switch {
		case !path.IsAbs(p):
			return nil, fmt.Errorf("fim: path %q is not absolute", p)
		case strings.IndexByte(p, 0) >= 0:
			return nil, fmt.Errorf("fim: path %q contains a NUL byte", p)
		}
		c := path.Clean(p)
		if len(c) > MaxPathLen {
			return nil, fmt.Errorf("fim: path %q is longer than %d bytes", p, MaxPathLen)
		}
		out = append(out, c)
	}
	sort.Strings(out)
	out = slices.Compact(out)
	kept := out[:0]
	for _, p := range out {
		nested := false
		for _, k := range kept {
			if under(p, k) {
				nested = true
				break
			}
		}
		if !nested {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

// under reports whether p is root or below it.
func under(p, root string) bool {
	if root == "/" {
		return strings.HasPrefix(p, "/")
	}
	return p == root || strings.HasPrefix(p, root) && p[len(root)] == '/'
}

// rootOf returns the monitored path p is under.
func (m *Monitor) rootOf(p string) (string, bool) {
	for _, r := range m.roots {
		if under(p, r) {
			return r, true
		}
	}
	return "", false
}

// depth is how many levels p is below its root (0 for the root itself),
// or -1 when p is not monitored.
func (m *Monitor) depth(p string) int {
	r, ok := m.rootOf(p)
	if !ok {
		return -1
	}
	if p == r {
		return 0
	}
	rel := strings.TrimPrefix(p[len(r):], "/")
	return strings.Count(rel, "/") + 1
}

// tracked reports whether p is monitored and within MaxDepth.
func (m *Monitor) tracked(p string) bool {
	d := m.depth(p)
	return d >= 0 && d <= m.maxDepth
}

// WatchPrefixes are the prefixes the sensor must watch: the monitored
// paths, cleaned, sorted, without nested duplicates.
func (m *Monitor) WatchPrefixes() []string { return slices.Clone(m.roots) }

// Baseline returns a copy of the baseline, keyed by absolute path.
func (m *Monitor) Baseline() map[string]Entry {
	m.bmu.RLock()
	defer m.bmu.RUnlock()
	out := make(map[string]Entry, len(m.base))
	for k, v := range m.base {
		out[k] = v
	}
	return out
}

// Handle queues the paths an event may have changed. It does no I/O and
// never waits for Run. Events that cannot change a file (reads, failed
// syscalls, other types) and paths outside Paths are ignored.
func (m *Monitor) Handle(e *event.Event) {
	if e == nil || e.File == nil || e.Res < 0 {
		return
	}
	f := e.File
	proc := procInfo{name: e.Proc.Name, pid: e.Proc.PID, exe: e.Proc.ExePath, container: e.Container.ID}
	switch e.Type {
	case event.Open, event.Openat, event.Openat2:
		if f.Flags&writeFlags == 0 {
			return
		}
		m.queue(clean(f.Path), proc, "", "")
	case event.Unlink, event.Unlinkat, event.Chmod, event.Fchmod, event.Fchmodat:
		m.queue(clean(f.Path), proc, "", "")
	case event.Rename, event.Renameat, event.Renameat2:
		from, to := clean(f.Path), clean(f.NewPath)
		if to == "" {
			m.queue(from, proc, "", "")
			return
		}
		m.queue(from, proc, "", to)
		m.queue(to, proc, from, "")
	}
}

// clean returns p cleaned, or "" when it is not an absolute path.
func clean(p string) string {
	if !path.IsAbs(p) || strings.IndexByte(p, 0) >= 0 {
		return ""
	}
	return path.Clean(p)
}

// queue records that p must be re-examined after the debounce. from and to
// are a rename's other end; a rename is queued at each end that is
// monitored, carrying the other end.
func (m *Monitor) queue(p string, proc procInfo, from, to string) {
	if p == "" || !m.tracked(p) {
		return
	}
	due := m.now().Add(m.debounce)
	m.mu.Lock()
	pe := m.pending[p]
	switch {
	case pe != nil:
	case len(m.pending) >= m.maxPending:
		m.overflow = true
		m.mu.Unlock()
		m.signal()
		return
	default:
		pe = &pending{}
		m.pending[p] = pe
	}
	pe.due = due
	pe.proc = proc
	if from != "" {
		pe.from = from
	}
	if to != "" {
		pe.to = to
	}
	m.mu.Unlock()
	m.signal()
}

func (m *Monitor) signal() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Run processes queued paths until ctx is done, then persists the baseline
// and returns nil, or the error of that last write. On a baseline loaded
// from disk it first walks every path once and reports the changes made
// while the agent was not running. Errors re-examining one path are logged
// and do not stop Run.
func (m *Monitor) Run(ctx context.Context) error {
	if !m.running.CompareAndSwap(false, true) {
		return errors.New("fim: Run is already running")
	}
	defer m.running.Store(false)
	if m.startupDiff {
		m.startupDiff = false
		m.rescan(reasonOffline)
		m.done()
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		next := m.processDue(m.now())
		wait := time.Duration(-1)
		if !next.IsZero() {
			wait = max(next.Sub(m.now()), time.Millisecond)
			wait = min(wait, m.debounce)
		}
		if m.isDirty() {
			since := time.Since(m.lastPersisted())
			if since >= persistEvery {
				if err := m.persist(); err != nil {
					m.log.Error("fim baseline not persisted", slog.String(logKeyError, err.Error()))
				}
			} else if left := persistEvery - since; wait < 0 || left < wait {
				wait = left
			}
		}
		if wait < 0 {
			wait = time.Hour
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			if m.isDirty() {
				return m.persist()
			}
			return nil
		case <-m.wake:
		case <-timer.C:
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

func (m *Monitor) isDirty() bool {
	m.bmu.RLock()
	defer m.bmu.RUnlock()
	return m.dirty
}

func (m *Monitor) lastPersisted() time.Time {
	m.bmu.RLock()
	defer m.bmu.RUnlock()
	return m.lastPersist
}

// idle reports whether nothing is queued (for tests).
func (m *Monitor) idle() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.pending) == 0 && !m.overflow && m.busy == 0
}

// done ends a batch counted in busy.
func (m *Monitor) done() {
	m.mu.Lock()
	m.busy--
	m.mu.Unlock()
}

// processDue re-examines the queued paths whose debounce has passed and
// returns the earliest deadline still queued (zero when none).
func (m *Monitor) processDue(now time.Time) time.Time {
	m.mu.Lock()
	if m.overflow {
		m.overflow = false
		m.pending = map[string]*pending{}
		m.busy++
		m.mu.Unlock()
		m.log.Warn("fim event queue overflowed; re-walking every path", slog.Int(logKeyLimit, m.maxPending))
		m.rescan(reasonOverflow)
		m.done()
		return time.Time{}
	}
	due := map[string]*pending{}
	for p, pe := range m.pending {
		if !pe.due.After(now) {
			due[p] = pe
		}
	}
	// A rename is examined at both ends together, even when one end was
	// touched again since.
	var ends []string
	for _, pe := range due {
		ends = append(ends, pe.from, pe.to)
	}
	for _, other := range ends {
		if op, ok := m.pending[other]; ok && other != "" {
			due[other] = op
		}
	}
	var next time.Time
	for p, pe := range m.pending {
		if _, ok := due[p]; ok {
			delete(m.pending, p)
			continue
		}
		if next.IsZero() || pe.due.Before(next) {
			next = pe.due
		}
	}
	if len(due) == 0 {
		m.mu.Unlock()
		return next
	}
	m.busy++
	m.mu.Unlock()
	defer m.done()

	paths := make([]string, 0, len(due))
	for p := range due {
		paths = append(paths, p)
	}
	// Deepest first: a directory's children before the directory, so an
	// rm -r reports each file before the directory that held them.
	sort.Sort(sort.Reverse(sort.StringSlice(paths)))

	var out []finding.Finding
	m.bmu.Lock()
	done := map[string]bool{}
	for _, p := range paths {
		if done[p] {
			continue
		}
		done[p] = true
		pe := due[p]
		switch {
		case pe.from != "":
			if src, ok := due[pe.from]; ok && src.to == p {
				done[pe.from] = true
			}
			out = append(out, m.applyRename(pe.from, p, pe.proc)...)
		case pe.to != "":
			if dst, ok := due[pe.to]; ok && dst.from == p {
				done[pe.to] = true
				out = append(out, m.applyRename(p, pe.to, dst.proc)...)
			} else {
				out = append(out, m.applyRename(p, pe.to, pe.proc)...)
			}
		default:
			out = append(out, m.applyPath(p, &pe.proc, "")...)
		}
	}
	m.bmu.Unlock()
	for _, f := range out {
		m.emit(f)
	}
	return next
}
