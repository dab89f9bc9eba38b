package sensor

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"path"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/limits"
)

// opcode is a record's kind (enum op in bpf/record.h).
type opcode uint16

const (
	opExecve opcode = iota + 1
	opExecveat
	opExit
	opOpen
	opOpenat
	opOpenat2
	opUnlink
	opUnlinkat
	opRename
	opRenameat
	opRenameat2
	opChmod
	opFchmod
	opFchmodat
	opConnect
	opAccept
	opAccept4
	opListen
	opSetuid
	opSetgid
	opSetresuid
	opSetresgid
	opPtrace
	opInitModule
	opFinitModule
	opMemfdCreate
	opMount
	opMax
)

// bodyKind selects a record body's layout.
type bodyKind uint8

const (
	bodyExec bodyKind = iota
	bodyExit
	bodyFile
	bodyNet
	bodyArg
)

// opInfo is one row of the opcode table.
type opInfo struct {
	typ  event.Type
	body bodyKind
}

// ops is the opcode table: the event type each record becomes and the
// body that follows its header. It mirrors enum op in bpf/record.h.
var ops = [opMax]opInfo{
	opExecve:      {event.Execve, bodyExec},
	opExecveat:    {event.Execveat, bodyExec},
	opExit:        {event.ProcExit, bodyExit},
	opOpen:        {event.Open, bodyFile},
	opOpenat:      {event.Openat, bodyFile},
	opOpenat2:     {event.Openat2, bodyFile},
	opUnlink:      {event.Unlink, bodyFile},
	opUnlinkat:    {event.Unlinkat, bodyFile},
	opRename:      {event.Rename, bodyFile},
	opRenameat:    {event.Renameat, bodyFile},
	opRenameat2:   {event.Renameat2, bodyFile},
	opChmod:       {event.Chmod, bodyFile},
	opFchmod:      {event.Fchmod, bodyFile},
	opFchmodat:    {event.Fchmodat, bodyFile},
	opConnect:     {event.Connect, bodyNet},
	opAccept:      {event.Accept, bodyNet},
	opAccept4:     {event.Accept4, bodyNet},
	opListen:      {event.Listen, bodyNet},
	opSetuid:      {event.Setuid, bodyArg},
	opSetgid:      {event.Setgid, bodyArg},
	opSetresuid:   {event.Setresuid, bodyArg},
	opSetresgid:   {event.Setresgid, bodyArg},
	opPtrace:      {event.Ptrace, bodyArg},
	opInitModule:  {event.InitModule, bodyArg},
	opFinitModule: {event.FinitModule, bodyArg},
	opMemfdCreate: {event.MemfdCreate, bodyArg},
	opMount:       {event.Mount, bodyArg},
}

// opsOf returns the opcodes that produce events of type t.
func opsOf(t event.Type) []opcode {
	var out []opcode
	for op := opcode(1); op < opMax; op++ {
		if ops[op].typ == t {
			out = append(out, op)
		}
	}
	return out
}

// Record layout (bpf/record.h); TestRecordLayout checks these against the
// structs bpf2go generated from the C source.
const (
	hdrSize      = 80
	execBodySize = 32
	exitBodySize = 8
	fileBodySize = 16
	netBodySize  = 56
	argBodySize  = 32

	// maxRecord bounds a record; the kernel never sends more than 16 KiB.
	maxRecord = 32 << 10
	// maxArgs bounds the argv entries kept from an exec's (at most 4 KiB)
	// argument block.
	maxArgs = 256
)

// Record header flags (RF_* in bpf/record.h).
const (
	rfPathTrunc = 0x1
	rfArgsTrunc = 0x2
	rfExeMemfd  = 0x4
)

func (b bodyKind) size() int {
	switch b {
	case bodyExec:
		return execBodySize
	case bodyExit:
		return exitBodySize
	case bodyFile:
		return fileBodySize
	case bodyNet:
		return netBodySize
	default:
		return argBodySize
	}
}

// maxStrings is the most strings a body has.
const maxStrings = 3

// strings is how many length-prefixed strings follow the body.
func (b bodyKind) strings() int {
	switch b {
	case bodyExec, bodyArg:
		return 3
	case bodyFile:
		return 2
	case bodyNet:
		return 1
	default:
		return 0
	}
}

// DecodeError reports a malformed ring-buffer record.
type DecodeError struct {
	Op     uint16 // the record's opcode, 0 when unreadable
	Offset int    // byte offset of the problem
	Msg    string
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("sensor: decode record (op %d) at byte %d: %s", e.Op, e.Offset, e.Msg)
}

// decode turns one ring-buffer record into an event. boot is the wall
// clock time of the kernel's boot (CLOCK_BOOTTIME zero), which record
// timestamps count from. It never panics on malformed input.
func decode(raw []byte, boot time.Time) (*event.Event, error) {
	if len(raw) > maxRecord {
		return nil, &limits.LimitError{What: "sensor record size", Limit: maxRecord}
	}
	if len(raw) < hdrSize {
		return nil, &DecodeError{Offset: len(raw), Msg: fmt.Sprintf("record of %d bytes is shorter than its header", len(raw))}
	}
	le := binary.LittleEndian
	op := opcode(le.Uint16(raw[0:]))
	if op == 0 || op >= opMax {
		return nil, &DecodeError{Op: uint16(op), Msg: "unknown opcode"}
	}
	info := ops[op]
	body := hdrSize + info.body.size()
	if len(raw) < body {
		return nil, &DecodeError{Op: uint16(op), Offset: len(raw), Msg: fmt.Sprintf("record of %d bytes is shorter than its body", len(raw))}
	}
	// The strings are validated first, then copied out of the record with
	// two allocations: one shared by all but the last, one for the last
	// (an exec's argv, which the process tree keeps apart from the paths).
	var bounds [maxStrings][2]int
	nstr := info.body.strings()
	off := body
	for i := range nstr {
		if len(raw)-off < 2 {
			return nil, &DecodeError{Op: uint16(op), Offset: off, Msg: fmt.Sprintf("string %d: missing length", i)}
		}
		n := int(le.Uint16(raw[off:]))
		off += 2
		if len(raw)-off < n {
			return nil, &DecodeError{Op: uint16(op), Offset: off, Msg: fmt.Sprintf("string %d: length %d exceeds the record", i, n)}
		}
		bounds[i] = [2]int{off - body, off - body + n}
		off += n
	}
	if off != len(raw) {
		return nil, &DecodeError{Op: uint16(op), Offset: off, Msg: fmt.Sprintf("%d trailing bytes", len(raw)-off)}
	}
	var strs [maxStrings]string
	if nstr > 1 {
		head := string(raw[body : body+bounds[nstr-2][1]])
		for i := range nstr - 1 {
			strs[i] = head[bounds[i][0]:bounds[i][1]]
		}
	}
	if nstr > 0 {
		strs[nstr-1] = string(raw[body+bounds[nstr-1][0] : body+bounds[nstr-1][1]])
	}

	flags := le.Uint16(raw[2:])
	ev := &event.Event{
		Time: boot.Add(time.Duration(le.Uint64(raw[8:]))),
		Type: info.typ,
		Res:  int64(le.Uint64(raw[16:])),
	}
	p := &ev.Proc
	p.CgroupID = le.Uint64(raw[24:])
	p.PID = le.Uint32(raw[32:])
	p.TID = le.Uint32(raw[36:])
	p.PPID = le.Uint32(raw[40:])
	p.UID = le.Uint32(raw[44:])
	p.GID = le.Uint32(raw[48:])
	p.EUID = le.Uint32(raw[52:])
	p.EGID = le.Uint32(raw[56:])
	p.LoginUID = loginUID(le.Uint32(raw[60:]))
	p.Comm = cString(raw[64:80])
	p.Name = p.Comm
	ev.User = event.User{UID: p.EUID, LoginUID: p.LoginUID}

	b := raw[hdrSize:body]
	switch info.body {
	case bodyExec:
		decodeExec(ev, b, flags, &strs, boot)
	case bodyExit:
		ev.Arg.ExitCode = int32(le.Uint32(b[0:]))
	case bodyFile:
		decodeFile(ev, op, b, &strs)
	case bodyNet:
		decodeNet(ev, op, b, strs[0])
	case bodyArg:
		decodeArg(ev, op, b, &strs)
	}
	return ev, nil
}

func decodeExec(ev *event.Event, b []byte, flags uint16, strs *[maxStrings]string, boot time.Time) {
	le := binary.LittleEndian
	p := &ev.Proc
	p.StartTime = boot.Add(time.Duration(le.Uint64(b[0:])))
	p.SID = le.Uint32(b[8:])
	p.PGID = le.Uint32(b[12:])
	p.VPID = le.Uint32(b[16:])
	p.TTY = devNumber(le.Uint32(b[20:]), le.Uint32(b[24:]))
	p.StdinType = fdKind(le.Uint16(b[28:]))
	p.StdoutType = fdKind(le.Uint16(b[30:]))
	p.ExeFromMemfd = flags&rfExeMemfd != 0
	p.ExePath = strs[0]
	p.Cwd = strs[1]
	if p.ExePath != "" {
		p.Name = path.Base(p.ExePath)
	}
	args := splitArgs(strs[2])
	if len(args) > 0 {
		p.Exe = args[0]
		p.Args = args[1:]
	}
	ev.File = &event.File{Path: p.ExePath, FD: -1}
}

const (
	oCreat   = 0o100
	oTmpfile = 0o20000000
)

func decodeFile(ev *event.Event, op opcode, b []byte, strs *[maxStrings]string) {
	le := binary.LittleEndian
	f := &event.File{
		Path:    strs[0],
		NewPath: strs[1],
		Flags:   le.Uint32(b[0:]),
		Mode:    le.Uint32(b[4:]),
		FD:      int32(le.Uint32(b[8:])),
	}
	if (op == opOpen || op == opOpenat || op == opOpenat2) && f.Flags&(oCreat|oTmpfile) == 0 {
		f.Mode = 0 // the kernel ignores it
	}
	ev.File = f
}

// Address families and protocols (Linux values).
const (
	afUnix     = 1
	afInet     = 2
	afInet6    = 10
	sockRaw    = 3
	protoICMP  = 1
	protoTCP   = 6
	protoUDP   = 17
	protoUDPL  = 136
	protoICMP6 = 58
	protoMPTCP = 262 // Go listens with MPTCP by default; it is TCP to rules
)

func decodeNet(ev *event.Event, op opcode, b []byte, unixPath string) {
	le := binary.LittleEndian
	family := le.Uint16(b[0:])
	protocol := le.Uint16(b[2:])
	sockType := le.Uint16(b[4:])
	n := &event.Net{
		FD:      int32(le.Uint32(b[12:])),
		Backlog: int32(le.Uint32(b[16:])),
	}
	switch family {
	case afUnix:
		n.Proto = "unix"
		n.Path = unixSockPath(unixPath)
	case afInet, afInet6:
		if family == afInet {
			n.Family = 4
		} else {
			n.Family = 6
		}
		n.Proto = l4proto(protocol, sockType)
		n.Client = endpoint(family, b[24:40], le.Uint16(b[6:]))
		n.Server = endpoint(family, b[40:56], le.Uint16(b[8:]))
	}
	ev.Net = n
}

func l4proto(protocol, sockType uint16) string {
	if sockType == sockRaw {
		return "raw"
	}
	switch protocol {
	case protoTCP, protoMPTCP:
		return "tcp"
	case protoUDP, protoUDPL:
		return "udp"
	case protoICMP, protoICMP6:
		return "icmp"
	}
	return "raw"
}

// endpoint returns the zero AddrPort for an unset end (unspecified
// address, port 0): listen has no client, a failed accept no peer.
func endpoint(family uint16, addr []byte, port uint16) netip.AddrPort {
	var a netip.Addr
	if family == afInet {
		a = netip.AddrFrom4([4]byte(addr[:4]))
	} else {
		a = netip.AddrFrom16([16]byte(addr[:16]))
	}
	if a.IsUnspecified() && port == 0 {
		return netip.AddrPort{}
	}
	return netip.AddrPortFrom(a, port)
}

// unixSockPath renders sun_path bytes: a path up to its NUL, or an
// abstract name (leading NUL) as "@name".
func unixSockPath(raw string) string {
	if raw == "" {
		return ""
	}
	if raw[0] == 0 {
		return "@" + strings.TrimRight(raw[1:], "\x00")
	}
	if i := strings.IndexByte(raw, 0); i >= 0 {
		return raw[:i]
	}
	return raw
}

const unsetID = 0xffffffff // -1: "leave unchanged" in setres*id

func decodeArg(ev *event.Event, op opcode, b []byte, strs *[maxStrings]string) {
	le := binary.LittleEndian
	a0, a1 := le.Uint64(b[0:]), le.Uint64(b[8:])
	a := &ev.Arg
	switch op {
	case opSetuid:
		a.UID = uint32(a0)
	case opSetgid:
		a.GID = uint32(a0)
	case opSetresuid:
		a.UID = effectiveID(a0, a1)
	case opSetresgid:
		a.GID = effectiveID(a0, a1)
	case opPtrace:
		a.PtraceRequest = int64(a0)
		a.PtracePID = uint32(a1)
	case opInitModule:
		// the image is in memory; nothing names it before the kernel parses it
	case opFinitModule:
		ev.File = &event.File{Path: strs[0], FD: int32(a0), Flags: uint32(a1)}
		a.Name = moduleName(strs[0])
	case opMemfdCreate:
		a.Name = strs[0]
		fd := int32(-1)
		if ev.Res >= 0 {
			fd = int32(ev.Res)
		}
		ev.File = &event.File{Flags: uint32(a0), FD: fd}
	case opMount:
		a.MountFlags = a0
		a.MountSource = strs[0]
		a.MountTarget = strs[1]
		a.MountFSType = strs[2]
	}
}

// effectiveID is the ID setresuid/setresgid makes effective: the
// effective argument, or the real one when the effective is -1.
func effectiveID(real, effective uint64) uint32 {
	if uint32(effective) != unsetID {
		return uint32(effective)
	}
	return uint32(real)
}

// moduleName derives a module's name from its file as modprobe does:
// the base name without ".ko" (and a compression suffix), "-" as "_".
func moduleName(file string) string {
	if file == "" {
		return ""
	}
	n := path.Base(file)
	for _, ext := range []string{".gz", ".xz", ".zst"} {
		n = strings.TrimSuffix(n, ext)
	}
	n = strings.TrimSuffix(n, ".ko")
	return strings.ReplaceAll(n, "-", "_")
}

func loginUID(v uint32) int64 {
	if v == unsetID {
		return -1
	}
	return int64(v)
}

// devNumber encodes a device number as stat(2) reports it (the kernel's
// new_encode_dev), 0 for none.
func devNumber(major, minor uint32) uint32 {
	if major == 0 && minor == 0 {
		return 0
	}
	return minor&0xff | (major&0xfff)<<8 | (minor&^0xff)<<12
}

// fdKind names enum fd_kind.
func fdKind(k uint16) string {
	switch k {
	case 1:
		return "file"
	case 2:
		return "directory"
	case 3:
		return "pipe"
	case 4:
		return "char"
	case 5:
		return "ipv4"
	case 6:
		return "ipv6"
	case 7:
		return "unix"
	case 8:
		return "socket"
	}
	return ""
}

// splitArgs splits the NUL-separated argv block.
func splitArgs(block string) []string {
	block = strings.TrimSuffix(block, "\x00")
	if block == "" {
		return nil
	}
	args := make([]string, 0, min(strings.Count(block, "\x00")+1, maxArgs))
	for len(args) < maxArgs {
		i := strings.IndexByte(block, 0)
		if i < 0 {
			args = append(args, block)
			break
		}
		args = append(args, block[:i])
		block = block[i+1:]
	}
	return args
}

func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
