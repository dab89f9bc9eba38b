//go:build linux && amd64

package sensor

import (
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestRecordLayout compares the decoder's offsets with the record structs
// bpf2go generated from bpf/record.h, so the C and Go sides cannot drift.
func TestRecordLayout(t *testing.T) {
	var h bpfRecHdr
	var n bpfNetBody
	var x bpfExecBody
	var f bpfFileBody
	got := map[string]uintptr{
		"hdr":            unsafe.Sizeof(h),
		"hdr.ts":         unsafe.Offsetof(h.TsBootNs),
		"hdr.ret":        unsafe.Offsetof(h.Ret),
		"hdr.cgroup":     unsafe.Offsetof(h.CgroupId),
		"hdr.pid":        unsafe.Offsetof(h.Pid),
		"hdr.loginuid":   unsafe.Offsetof(h.Loginuid),
		"hdr.comm":       unsafe.Offsetof(h.Comm),
		"exec":           unsafe.Sizeof(x),
		"exec.sid":       unsafe.Offsetof(x.Sid),
		"exec.tty_major": unsafe.Offsetof(x.TtyMajor),
		"exec.stdin":     unsafe.Offsetof(x.StdinType),
		"exit":           unsafe.Sizeof(bpfExitBody{}),
		"file":           unsafe.Sizeof(f),
		"file.fd":        unsafe.Offsetof(f.Fd),
		"net":            unsafe.Sizeof(n),
		"net.client":     unsafe.Offsetof(n.ClientPort),
		"net.server":     unsafe.Offsetof(n.ServerPort),
		"net.fd":         unsafe.Offsetof(n.Fd),
		"net.backlog":    unsafe.Offsetof(n.Backlog),
		"net.caddr":      unsafe.Offsetof(n.ClientAddr),
		"net.saddr":      unsafe.Offsetof(n.ServerAddr),
		"arg":            unsafe.Sizeof(bpfArgBody{}),
	}
	// The offsets record.go reads at.
	want := map[string]uintptr{
		"hdr": hdrSize, "hdr.ts": 8, "hdr.ret": 16, "hdr.cgroup": 24, "hdr.pid": 32, "hdr.loginuid": 60, "hdr.comm": 64,
		"exec": execBodySize, "exec.sid": 8, "exec.tty_major": 20, "exec.stdin": 28,
		"exit": exitBodySize,
		"file": fileBodySize, "file.fd": 8,
		"net": netBodySize, "net.client": 6, "net.server": 8, "net.fd": 12, "net.backlog": 16, "net.caddr": 24, "net.saddr": 40,
		"arg": argBodySize,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record layout (-decoder +C):\n%s", diff)
	}
}

// TestWatchTrieSize: the kernel's prefix trie holds every watch prefix and
// every read-only exclusion Config may give.
func TestWatchTrieSize(t *testing.T) {
	spec, err := loadBpf()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spec.Maps["watch"].MaxEntries, uint32(MaxWatchPrefixes+MaxReadOnlyExclusions); got != want {
		t.Errorf("watch trie holds %d entries, want MaxWatchPrefixes+MaxReadOnlyExclusions = %d", got, want)
	}
}
