// Package enrich completes the sensor's events with what the kernel does
// not say in one record: the process's ancestors (a process tree seeded
// from /proc and kept current by exec and exit events), its executable
// and arguments for non-exec events, the container it runs in (cgroup →
// container ID → the runtime's name and image) and the Kubernetes pod of
// that container (namespace, name, labels), and user names.
//
// Lifecycle: New seeds the process tree from procfs; Enrich is then called
// for every event from one goroutine (it is not safe for concurrent use);
// ContainerLookup and PodLookup implementations may be updated by their
// own goroutines and must be safe for concurrent use.
package enrich

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/wardsec/ward/internal/event"
)

// ContainerLookup gives a container runtime's metadata for a full
// container ID.
type ContainerLookup interface {
	// Container returns the name and image of the container; ok is false
	// when the runtime does not know it.
	Container(ctx context.Context, id string) (c event.Container, ok bool)
}

// PodLookup gives the pod of a container.
type PodLookup interface {
	// Pod returns the pod running the container (full ID) or, failing
	// that, the pod with the UID; container is the container's name and
	// image as the pod spec gives them.
	Pod(containerID, podUID string) (k event.K8s, container event.Container, ok bool)
}

// Config configures an Enricher. Zero fields mean the defaults.
type Config struct {
	// ProcFS is the procfs mount; "" → /proc.
	ProcFS string
	// CgroupFS is the cgroup v2 mount, searched for a cgroup ID whose
	// process is gone; "" → /sys/fs/cgroup.
	CgroupFS string
	// MaxAncestors bounds Proc.Ancestors; 0 → 8.
	MaxAncestors int
	// MaxProcs bounds the process table; 0 → 1,000,000.
	MaxProcs   int
	Containers ContainerLookup
	Pods       PodLookup
	// Now is the clock; nil → time.Now.
	Now func() time.Time
}

// Enricher holds the process tree and the caches.
type Enricher struct {
	cfg     Config
	procs   map[uint32]*proc
	cgroups map[uint64]CgroupInfo // by cgroup ID
	conts   map[string]contEntry  // by full container ID
	users   map[userKey]string
	// lastCgroupScan rate-limits walks of the cgroup filesystem.
	lastCgroupScan time.Time
}

// userKey names a user: its UID in a container (FullID, "" for the host).
type userKey struct {
	container string
	uid       uint32
}

type contEntry struct {
	c       event.Container
	ok      bool
	fetched time.Time
}

// negativeTTL is how long an unknown container is not asked about again.
const negativeTTL = 2 * time.Second

// New seeds the process tree from procfs.
func New(cfg Config) *Enricher {
	if cfg.ProcFS == "" {
		cfg.ProcFS = "/proc"
	}
	if cfg.CgroupFS == "" {
		cfg.CgroupFS = "/sys/fs/cgroup"
	}
	if cfg.MaxAncestors <= 0 {
		cfg.MaxAncestors = 8
	}
	if cfg.MaxProcs <= 0 {
		cfg.MaxProcs = 1_000_000
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	en := &Enricher{cfg: cfg, procs: map[uint32]*proc{}, cgroups: map[uint64]CgroupInfo{}, conts: map[string]contEntry{}, users: map[userKey]string{}}
	for _, pid := range listPIDs(cfg.ProcFS) {
		if p, ok := readProc(cfg.ProcFS, pid); ok {
			en.procs[pid] = p
		}
	}
	return en
}

// Procs is the number of processes in the tree.
func (en *Enricher) Procs() int { return len(en.procs) }

// Enrich fills e's ancestors, executable, container, pod and user name.
func (en *Enricher) Enrich(ctx context.Context, e *event.Event) {
	pid := e.Proc.PID
	p := en.procs[pid]
	switch e.Type {
	case event.Execve, event.Execveat:
		if e.Res < 0 {
			break
		}
		e.Proc.Name = procName(e.Proc.Comm, e.Proc.ExePath, e.Proc.Name)
		np := &proc{pid: pid, ppid: e.Proc.PPID, name: e.Proc.Name, exePath: e.Proc.ExePath, args: e.Proc.Args, cgroupID: e.Proc.CgroupID}
		if p == nil && len(en.procs) >= en.cfg.MaxProcs {
			break
		}
		en.procs[pid] = np
		p = np
	default:
		if p == nil {
			if lp, ok := readProc(en.cfg.ProcFS, pid); ok && len(en.procs) < en.cfg.MaxProcs {
				en.procs[pid] = lp
				p = lp
			}
		}
		if p != nil {
			if e.Proc.ExePath == "" {
				e.Proc.ExePath = p.exePath
			}
			if e.Proc.Args == nil {
				e.Proc.Args = p.args
			}
			if p.name != "" {
				e.Proc.Name = p.name
			}
			if e.Proc.PPID == 0 {
				e.Proc.PPID = p.ppid
			}
		}
	}
	if e.Proc.Name == "" {
		e.Proc.Name = e.Proc.Comm
	}
	en.ancestors(e, p)
	en.container(ctx, e)
	en.user(e)
	if e.Type == event.ProcExit {
		delete(en.procs, pid)
	}
}

// procName is proc.name as Falco has it: the name the program was
// started as (the kernel's comm, the base name of the path given to
// execve: "sh" even when /bin/sh links to dash or busybox), completed from
// the executable's path when the comm was cut at 15 bytes.
func procName(comm, exePath, fallback string) string {
	base := filepath.Base(exePath)
	switch {
	case comm == "":
		if fallback != "" {
			return fallback
		}
		return base
	case len(comm) == 15 && exePath != "" && strings.HasPrefix(base, comm):
		return base
	}
	return comm
}

// ancestors fills e.Proc.Ancestors. The slice is shared, read-only, by
// the events of one process while its chain stays the same (p keeps the
// last one; p may be nil); a changed chain gets a new slice of the exact
// length.
func (en *Enricher) ancestors(e *event.Event, p *proc) {
	// Collected on the stack first; a chain longer than buf grows on the
	// heap.
	var buf [16]event.Ancestor
	anc := buf[:0]
	ppid := e.Proc.PPID
	for len(anc) < en.cfg.MaxAncestors && ppid != 0 && !inChain(ppid, e.Proc.PID, anc) {
		a := en.procs[ppid]
		if a == nil {
			lp, ok := readProc(en.cfg.ProcFS, ppid)
			if !ok {
				break
			}
			if len(en.procs) < en.cfg.MaxProcs {
				en.procs[ppid] = lp
			}
			a = lp
		}
		anc = append(anc, event.Ancestor{PID: a.pid, Name: a.name, ExePath: a.exePath, Args: a.args})
		ppid = a.ppid
	}
	if len(anc) == 0 {
		e.Proc.Ancestors = nil
		return
	}
	if p != nil && sameChain(p.anc, anc) {
		e.Proc.Ancestors = p.anc
		return
	}
	e.Proc.Ancestors = make([]event.Ancestor, len(anc))
	copy(e.Proc.Ancestors, anc)
	if p != nil {
		p.anc = e.Proc.Ancestors
	}
}

// sameChain reports whether two ancestor chains are the same processes
// with the same names, paths and argument slices.
func sameChain(a, b []event.Ancestor) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.PID != y.PID || x.Name != y.Name || x.ExePath != y.ExePath || !sameSlice(x.Args, y.Args) {
			return false
		}
	}
	return true
}

// sameSlice reports whether two slices are the same memory (equal
// contents in different arrays count as different).
func sameSlice(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// inChain reports whether pid is the process itself or one of the
// ancestors found so far (a cycle of parent links, from a reused PID).
// The chain is short (MaxAncestors), so a scan beats a set.
func inChain(pid, self uint32, anc []event.Ancestor) bool {
	if pid == self {
		return true
	}
	for i := range anc {
		if anc[i].PID == pid {
			return true
		}
	}
	return false
}

// container resolves the event's cgroup to a container and pod.
func (en *Enricher) container(ctx context.Context, e *event.Event) {
	info, ok := en.cgroupInfo(e)
	if !ok || info.ContainerID == "" {
		return
	}
	full := info.ContainerID
	e.Container.FullID = full
	e.Container.ID = full[:12]
	if e.Container.Runtime == "" {
		e.Container.Runtime = info.Runtime
	}
	if en.cfg.Containers != nil {
		now := en.cfg.Now()
		ce, cached := en.conts[full]
		if !cached || (!ce.ok && now.Sub(ce.fetched) > negativeTTL) {
			c, ok := en.cfg.Containers.Container(ctx, full)
			ce = contEntry{c: c, ok: ok, fetched: now}
			en.conts[full] = ce
		}
		if ce.ok {
			mergeContainer(&e.Container, ce.c)
		}
	}
	if en.cfg.Pods != nil {
		if k, c, ok := en.cfg.Pods.Pod(full, info.PodUID); ok {
			e.K8s = k
			mergeContainer(&e.Container, c)
		}
	}
}

func mergeContainer(dst *event.Container, src event.Container) {
	if dst.Name == "" {
		dst.Name = src.Name
	}
	if dst.Image == "" {
		dst.Image, dst.ImageRepository, dst.ImageTag = src.Image, src.ImageRepository, src.ImageTag
	}
	if dst.ImageDigest == "" {
		dst.ImageDigest = src.ImageDigest
	}
	if dst.Runtime == "" {
		dst.Runtime = src.Runtime
	}
	dst.Privileged = dst.Privileged || src.Privileged
}

// cgroupInfo finds the event's cgroup: by the cgroup path if the sensor
// gave one, by /proc/PID/cgroup while the process lives, else by walking
// the cgroup filesystem for the directory whose inode is the cgroup ID.
// Results are cached by cgroup ID.
func (en *Enricher) cgroupInfo(e *event.Event) (CgroupInfo, bool) {
	id := e.Proc.CgroupID
	if id != 0 {
		if info, ok := en.cgroups[id]; ok {
			return info, true
		}
	}
	path := e.Proc.Cgroup
	if path == "" {
		if p, ok := readCgroup(en.cfg.ProcFS, e.Proc.PID); ok {
			path = p
		}
	}
	if path == "" && id != 0 {
		path = en.findCgroup(id)
	}
	if path == "" {
		return CgroupInfo{}, false
	}
	if e.Proc.Cgroup == "" {
		e.Proc.Cgroup = path
	}
	info := ParseCgroup(path)
	if id != 0 {
		en.cgroups[id] = info
	}
	return info, true
}

// findCgroup walks the cgroup v2 filesystem for the directory with inode
// id (a cgroup's ID is its kernfs inode number). Walks are at most one a
// second.
func (en *Enricher) findCgroup(id uint64) string {
	now := en.cfg.Now()
	if now.Sub(en.lastCgroupScan) < time.Second {
		return ""
	}
	en.lastCgroupScan = now
	found := ""
	_ = filepath.WalkDir(en.cfg.CgroupFS, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || found != "" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Ino == id {
			found = "/" + strings.TrimPrefix(strings.TrimPrefix(p, en.cfg.CgroupFS), "/")
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// user names the event's effective user from the passwd file of the
// process's root (the container's own /etc/passwd for a container).
func (en *Enricher) user(e *event.Event) {
	e.User.UID = e.Proc.EUID
	e.User.LoginUID = e.Proc.LoginUID
	key := userKey{container: e.Container.FullID, uid: e.User.UID}
	if name, ok := en.users[key]; ok {
		e.User.Name = name
		return
	}
	root := "/"
	if e.Container.FullID != "" {
		root = filepath.Join(en.cfg.ProcFS, strconv.FormatUint(uint64(e.Proc.PID), 10), "root")
	}
	name, ok := lookupUser(filepath.Join(root, "etc/passwd"), e.User.UID)
	if !ok {
		if e.User.UID == 0 {
			name = "root"
		}
		// A container's passwd that could not be read (the process is
		// gone) is asked again next time.
		if e.Container.FullID != "" {
			e.User.Name = name
			return
		}
	}
	if len(en.users) < 100_000 {
		en.users[key] = name
	}
	e.User.Name = name
}

// lookupUser reads a passwd file (at most 1 MiB) for uid.
func lookupUser(path string, uid uint32) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	want := strconv.FormatUint(uint64(uid), 10)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), ":", 4)
		if len(fields) >= 3 && fields[2] == want {
			return fields[0], true
		}
	}
	return "", false
}
