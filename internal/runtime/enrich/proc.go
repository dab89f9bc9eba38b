package enrich

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wardsec/ward/internal/event"
)

// proc is one process of the process tree.
type proc struct {
	pid, ppid uint32
	name      string
	exePath   string
	args      []string
	cgroupID  uint64
	// anc is the ancestor chain of this process's last event, shared by
	// its events while it does not change.
	anc []event.Ancestor
}

// maxCmdline bounds what is read of /proc/PID/cmdline.
const maxCmdline = 4096

// readProc reads a live process from procfs; ok is false when it is gone.
func readProc(procfs string, pid uint32) (*proc, bool) {
	dir := filepath.Join(procfs, strconv.FormatUint(uint64(pid), 10))
	stat, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return nil, false
	}
	p := &proc{pid: pid}
	// "pid (comm) state ppid ...": comm may hold spaces and parentheses,
	// so split at the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	j := bytes.IndexByte(stat, '(')
	if i < 0 || j < 0 || j > i {
		return nil, false
	}
	p.name = string(stat[j+1 : i])
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) >= 2 {
		if v, err := strconv.ParseUint(fields[1], 10, 32); err == nil {
			p.ppid = uint32(v)
		}
	}
	if exe, err := os.Readlink(filepath.Join(dir, "exe")); err == nil {
		p.exePath = strings.TrimSuffix(exe, " (deleted)")
		p.name = procName(p.name, p.exePath, "")
	}
	if f, err := os.Open(filepath.Join(dir, "cmdline")); err == nil {
		buf := make([]byte, maxCmdline)
		n, _ := f.Read(buf)
		f.Close()
		argv := strings.Split(strings.TrimRight(string(buf[:n]), "\x00"), "\x00")
		if len(argv) > 1 {
			p.args = argv[1:]
		}
	}
	return p, true
}

// listPIDs returns the numeric entries of procfs.
func listPIDs(procfs string) []uint32 {
	ents, err := os.ReadDir(procfs)
	if err != nil {
		return nil
	}
	var out []uint32
	for _, e := range ents {
		if v, err := strconv.ParseUint(e.Name(), 10, 32); err == nil {
			out = append(out, uint32(v))
		}
	}
	return out
}

// readCgroup returns the cgroup path of a live process.
func readCgroup(procfs string, pid uint32) (string, bool) {
	b, err := os.ReadFile(filepath.Join(procfs, strconv.FormatUint(uint64(pid), 10), "cgroup"))
	if err != nil {
		return "", false
	}
	return cgroupV2Path(string(b)), true
}
