package detect

import (
	"errors"
	"fmt"
	"net/netip"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wardsec/ward/internal/event"
)

// The field registry: every Falco field Ward provides, with its type, its
// documentation and an accessor over *event.Event. Semantics follow
// Falco's field reference (falco.org/docs/reference/rules/supported-fields):
// a field the event does not carry is "not available", and every
// comparison on it is false (so `not fd.name startswith /etc` is true for
// an exec event), as in libsinsp.

type valueType uint8

const (
	typeString valueType = iota
	typeInt
	typeBool
	typeIP
	typeNet
)

// String is the Falco type name used in the documentation.
func (t valueType) String() string {
	switch t {
	case typeInt:
		return "INT64"
	case typeBool:
		return "BOOL"
	case typeIP:
		return "IPADDR"
	case typeNet:
		return "IPNET"
	}
	return "CHARBUF"
}

// evalCtx is the per-event state of one Match call: the event and values
// derived from it on first use. It is pooled; nothing derived from it may
// outlive the call except through copies.
type evalCtx struct {
	e   *event.Event
	eng *Engine
	// typeIdx is the event type's position in SensorTypes, -1 for a type
	// the sensor does not list (compiled evt.type checks test a bit).
	typeIdx  int
	have     uint8
	args     string
	cmdline  string
	pcmdline string
	dir      string
	seq      uint64
}

const (
	haveArgs uint8 = 1 << iota
	haveCmdline
	havePcmdline
	haveSeq
	haveDir
)

func (c *evalCtx) reset(e *event.Event, eng *Engine) {
	*c = evalCtx{e: e, eng: eng, typeIdx: -1}
}

// fileDir is fd.directory, computed once per event.
func (c *evalCtx) fileDir(p string) string {
	if c.have&haveDir == 0 {
		c.dir = path.Dir(p)
		c.have |= haveDir
	}
	return c.dir
}

// procArgs is proc.args: argv[1:] joined by spaces.
func (c *evalCtx) procArgs() string {
	if c.have&haveArgs == 0 {
		c.args = joinArgs(c.e.Proc.Args)
		c.have |= haveArgs
	}
	return c.args
}

// procCmdline is proc.cmdline: proc.name, a space and proc.args.
func (c *evalCtx) procCmdline() string {
	if c.have&haveCmdline == 0 {
		c.cmdline = cmdline(c.e.Proc.Name, c.procArgs())
		c.have |= haveCmdline
	}
	return c.cmdline
}

func (c *evalCtx) parentCmdline() (string, bool) {
	if len(c.e.Proc.Ancestors) == 0 {
		return "", false
	}
	if c.have&havePcmdline == 0 {
		a := &c.e.Proc.Ancestors[0]
		c.pcmdline = cmdline(a.Name, joinArgs(a.Args))
		c.have |= havePcmdline
	}
	return c.pcmdline, c.pcmdline != ""
}

// eventNum is evt.num: a sequence number the engine assigns on first use,
// starting at 1.
func (c *evalCtx) eventNum() uint64 {
	if c.have&haveSeq == 0 {
		c.seq = c.eng.seq.Add(1)
		c.have |= haveSeq
	}
	return c.seq
}

func joinArgs(args []string) string {
	switch len(args) {
	case 0:
		return ""
	case 1:
		return args[0]
	}
	return strings.Join(args, " ")
}

func cmdline(name, args string) string {
	if args == "" {
		return name
	}
	return name + " " + args
}

type (
	strFn func(*evalCtx) (string, bool)
	numFn func(*evalCtx) (int64, bool)
	ipFn  func(*evalCtx) (netip.Addr, bool)
)

// accessor is a field bound to its argument. Exactly one of str, num and
// ip is set for a single-valued field; a filter-only field that matches any
// of several values (proc.aname without index, fd.ip, fd.port, fd.net) sets
// one of the any* functions instead.
type accessor struct {
	typ    valueType
	str    strFn
	num    numFn
	ip     ipFn
	anyStr func(*evalCtx, func(string) bool) bool
	anyNum func(*evalCtx, func(int64) bool) bool
	anyIP  func(*evalCtx, func(netip.Addr) bool) bool
}

func (a accessor) multi() bool { return a.anyStr != nil || a.anyNum != nil || a.anyIP != nil }

type argKind uint8

const (
	argNone  argKind = iota
	argLevel         // optional ancestor level; without it the field matches any ancestor
	argKey           // a required key
)

type fieldDef struct {
	name string
	typ  valueType
	arg  argKind
	doc  string
	// never marks a field Ward never has a value for: a rule that needs
	// its value can never match.
	never bool
	bind  func(arg string, hasArg bool) (accessor, error)
}

var errNoArg = errors.New("takes no argument")

func strField(name, doc string, f strFn) fieldDef {
	return fieldDef{name: name, typ: typeString, doc: doc, bind: func(_ string, hasArg bool) (accessor, error) {
		if hasArg {
			return accessor{}, errNoArg
		}
		return accessor{typ: typeString, str: f}, nil
	}}
}

func numField(name, doc string, f numFn) fieldDef {
	return fieldDef{name: name, typ: typeInt, doc: doc, bind: func(_ string, hasArg bool) (accessor, error) {
		if hasArg {
			return accessor{}, errNoArg
		}
		return accessor{typ: typeInt, num: f}, nil
	}}
}

func boolField(name, doc string, f func(*evalCtx) (bool, bool)) fieldDef {
	return fieldDef{name: name, typ: typeBool, doc: doc, bind: func(_ string, hasArg bool) (accessor, error) {
		if hasArg {
			return accessor{}, errNoArg
		}
		return accessor{typ: typeBool, num: func(c *evalCtx) (int64, bool) {
			b, ok := f(c)
			if b {
				return 1, ok
			}
			return 0, ok
		}}, nil
	}}
}

func ipField(name, doc string, typ valueType, f ipFn) fieldDef {
	return fieldDef{name: name, typ: typ, doc: doc, bind: func(_ string, hasArg bool) (accessor, error) {
		if hasArg {
			return accessor{}, errNoArg
		}
		return accessor{typ: typ, ip: f}, nil
	}}
}

func neverField(name, doc string) fieldDef {
	d := strField(name, doc, func(*evalCtx) (string, bool) { return "", false })
	d.never = true
	return d
}

func nonEmpty(s string) (string, bool) { return s, s != "" }

func always(b bool) func(*evalCtx) (bool, bool) {
	return func(*evalCtx) (bool, bool) { return b, true }
}

// ancestorStr is a proc.a* string field: [0] is the process itself, [n]
// its n-th ancestor; without an index it matches any ancestor.
func ancestorStr(name, doc string, self strFn, anc func(c *evalCtx, a *event.Ancestor) (string, bool)) fieldDef {
	return fieldDef{name: name, typ: typeString, arg: argLevel, doc: doc, bind: func(arg string, hasArg bool) (accessor, error) {
		if !hasArg {
			return accessor{typ: typeString, anyStr: func(c *evalCtx, test func(string) bool) bool {
				for i := range c.e.Proc.Ancestors {
					if v, ok := anc(c, &c.e.Proc.Ancestors[i]); ok && test(v) {
						return true
					}
				}
				return false
			}}, nil
		}
		lvl, err := level(arg)
		if err != nil {
			return accessor{}, err
		}
		if lvl == 0 {
			return accessor{typ: typeString, str: self}, nil
		}
		return accessor{typ: typeString, str: func(c *evalCtx) (string, bool) {
			if lvl > len(c.e.Proc.Ancestors) {
				return "", false
			}
			return anc(c, &c.e.Proc.Ancestors[lvl-1])
		}}, nil
	}}
}

func level(arg string) (int, error) {
	n, err := strconv.Atoi(arg)
	if err != nil || n < 0 || n > 1<<16 {
		return 0, fmt.Errorf("argument %q is not an ancestor level (0, 1, 2, …)", arg)
	}
	return n, nil
}

// fdKind is what fd.* fields describe for an event: the file a file
// descriptor was opened on, a socket, or nothing (Falco has no fd for
// path-based calls such as unlink, rename and chmod, nor for exec).
type fdKind uint8

const (
	fdNone fdKind = iota
	fdFile
	fdSocket
)

func isOpen(t event.Type) bool {
	return t == event.Open || t == event.Openat || t == event.Openat2
}

func eventFD(e *event.Event) fdKind {
	switch e.Type {
	case event.Open, event.Openat, event.Openat2, event.Fchmod:
		if e.File != nil {
			return fdFile
		}
	case event.Connect, event.Accept, event.Accept4, event.Listen:
		if e.Net != nil {
			return fdSocket
		}
	}
	return fdNone
}

func fileFD(c *evalCtx) (*event.File, bool) {
	if eventFD(c.e) == fdFile {
		return c.e.File, true
	}
	return nil, false
}

func sockFD(c *evalCtx) (*event.Net, bool) {
	if eventFD(c.e) == fdSocket {
		return c.e.Net, true
	}
	return nil, false
}

// isServer: accept and listen act on the server end; connect on the client.
func isServer(t event.Type) bool {
	return t == event.Accept || t == event.Accept4 || t == event.Listen
}

func ipEndpoint(c *evalCtx, pick func(n *event.Net, server bool) netip.AddrPort) (netip.AddrPort, bool) {
	n, ok := sockFD(c)
	if !ok || n.Family == 0 {
		return netip.AddrPort{}, false
	}
	ap := pick(n, isServer(c.e.Type))
	return ap, ap.Addr().IsValid()
}

var (
	client = func(n *event.Net, _ bool) netip.AddrPort { return n.Client }
	server = func(n *event.Net, _ bool) netip.AddrPort { return n.Server }
	local  = func(n *event.Net, srv bool) netip.AddrPort {
		if srv {
			return n.Server
		}
		return n.Client
	}
	remote = func(n *event.Net, srv bool) netip.AddrPort {
		if srv {
			return n.Client
		}
		return n.Server
	}
)

func endpointIP(pick func(*event.Net, bool) netip.AddrPort) ipFn {
	return func(c *evalCtx) (netip.Addr, bool) {
		ap, ok := ipEndpoint(c, pick)
		return ap.Addr().Unmap(), ok
	}
}

func endpointPort(pick func(*event.Net, bool) netip.AddrPort) numFn {
	return func(c *evalCtx) (int64, bool) {
		ap, ok := ipEndpoint(c, pick)
		return int64(ap.Port()), ok
	}
}

func fdName(c *evalCtx) (string, bool) {
	if f, ok := fileFD(c); ok {
		return nonEmpty(f.Path)
	}
	n, ok := sockFD(c)
	if !ok {
		return "", false
	}
	if n.Family == 0 {
		return nonEmpty(n.Path)
	}
	if c.e.Type == event.Listen {
		return n.Server.String(), n.Server.IsValid()
	}
	return n.Client.String() + "->" + n.Server.String(), true
}

func fdType(c *evalCtx) (string, bool) {
	if f, ok := fileFD(c); ok {
		if f.Flags&oDirectory != 0 && f.Flags&oTmpfile != oTmpfile {
			return "directory", true
		}
		return "file", true
	}
	n, ok := sockFD(c)
	if !ok {
		return "", false
	}
	switch n.Family {
	case 4:
		return "ipv4", true
	case 6:
		return "ipv6", true
	}
	return "unix", true
}

var fdTypeChars = map[string]string{"file": "f", "directory": "d", "ipv4": "4", "ipv6": "6", "unix": "u"}

func timeOf(layout string, utc bool) strFn {
	return func(c *evalCtx) (string, bool) {
		t := c.e.Time
		if t.IsZero() {
			return "", false
		}
		if utc {
			t = t.UTC()
		}
		return t.Format(layout), true
	}
}

func inContainer(c *evalCtx) bool { return c.e.Container.ID != "" }

func containerStr(f func(*event.Container) string) strFn {
	return func(c *evalCtx) (string, bool) { return nonEmpty(f(&c.e.Container)) }
}

func hasRes(t event.Type) bool { return t != event.ProcExit }

// fieldTable lists the fields in documentation order.
func fieldTable() []fieldDef {
	return []fieldDef{
		// evt
		numField("evt.num", "Event number: a sequence number the engine assigns to the event on first use (≥ 1).",
			func(c *evalCtx) (int64, bool) { return int64(c.eventNum()), true }),
		strField("evt.time", "Event timestamp as a time string with nanoseconds (15:04:05.000000000, local time).", timeOf("15:04:05.000000000", false)),
		strField("evt.time.s", "Event timestamp as a time string without nanoseconds.", timeOf("15:04:05", false)),
		strField("evt.time.iso8601", "Event timestamp in ISO 8601 with nanoseconds, UTC.", timeOf("2006-01-02T15:04:05.000000000Z", true)),
		strField("evt.datetime", "Event timestamp with date and nanoseconds.", timeOf("2006-01-02 15:04:05.000000000", false)),
		strField("evt.datetime.s", "Event timestamp with date, without nanoseconds.", timeOf("2006-01-02 15:04:05", false)),
		numField("evt.rawtime", "Event timestamp in nanoseconds since the epoch.", func(c *evalCtx) (int64, bool) {
			return c.e.Time.UnixNano(), !c.e.Time.IsZero()
		}),
		numField("evt.rawtime.s", "Seconds part of evt.rawtime.", func(c *evalCtx) (int64, bool) { return c.e.Time.Unix(), !c.e.Time.IsZero() }),
		numField("evt.rawtime.ns", "Nanoseconds part of evt.rawtime.", func(c *evalCtx) (int64, bool) {
			return int64(c.e.Time.Nanosecond()), !c.e.Time.IsZero()
		}),
		strField("evt.hostname", "The host's name (detect.Config.Hostname, default the machine's hostname).", func(c *evalCtx) (string, bool) {
			return nonEmpty(c.eng.hostname)
		}),
		strField("evt.source", "The event source: always syscall.", func(*evalCtx) (string, bool) { return "syscall", true }),
		boolField("evt.is_async", "Always false: Ward's events are all synchronous syscalls.", always(false)),
		strField("evt.type", "The event name (execve, openat, connect, …).", func(c *evalCtx) (string, bool) { return nonEmpty(string(c.e.Type)) }),
		strField("syscall.type", "The system call name; not available for procexit.", func(c *evalCtx) (string, bool) {
			if c.e.Type == event.ProcExit {
				return "", false
			}
			return nonEmpty(string(c.e.Type))
		}),
		strField("evt.dir", "Event direction: always < (Ward reports each syscall once, on exit).", func(*evalCtx) (string, bool) { return "<", true }),
		strField("evt.res", "Return value as a string: SUCCESS, or the errno name (ENOENT, EACCES, …) of a failure.", func(c *evalCtx) (string, bool) {
			if !hasRes(c.e.Type) {
				return "", false
			}
			return resString(c.e.Res), true
		}),
		numField("evt.rawres", "Return value as a number (negative errno on failure).", func(c *evalCtx) (int64, bool) { return c.e.Res, hasRes(c.e.Type) }),
		boolField("evt.failed", "true for events that returned an error.", func(c *evalCtx) (bool, bool) { return c.e.Res < 0, hasRes(c.e.Type) }),
		boolField("evt.is_open_read", "true for open/openat/openat2 events opened for reading (O_RDONLY or O_RDWR).", func(c *evalCtx) (bool, bool) {
			return isOpen(c.e.Type) && c.e.File != nil && c.e.File.Flags&oAccMode != oWronly, true
		}),
		boolField("evt.is_open_write", "true for open/openat/openat2 events opened for writing (O_WRONLY or O_RDWR).", func(c *evalCtx) (bool, bool) {
			return isOpen(c.e.Type) && c.e.File != nil && c.e.File.Flags&oAccMode != 0, true
		}),
		boolField("evt.is_open_exec", "true for open/openat/openat2 events that create a file (O_CREAT or O_TMPFILE) with an execute permission bit.", func(c *evalCtx) (bool, bool) {
			f := c.e.File
			return isOpen(c.e.Type) && f != nil && (f.Flags&oCreat != 0 || f.Flags&oTmpfile == oTmpfile) && f.Mode&0o111 != 0, true
		}),
		boolField("evt.is_open_create", "true for open/openat/openat2 events with O_CREAT or O_TMPFILE.", func(c *evalCtx) (bool, bool) {
			f := c.e.File
			return isOpen(c.e.Type) && f != nil && (f.Flags&oCreat != 0 || f.Flags&oTmpfile == oTmpfile), true
		}),
		evtArgField(),
		strField("evt.args", "All the event's arguments Ward knows, as name=value pairs joined by spaces.", func(c *evalCtx) (string, bool) {
			return nonEmpty(allArgs(c))
		}),

		// proc / thread
		strField("proc.name", "The process name (the executable's base name, or the kernel comm when the path is unknown).", func(c *evalCtx) (string, bool) {
			return nonEmpty(c.e.Proc.Name)
		}),
		strField("proc.exe", "argv[0] as the process was started.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.Proc.Exe) }),
		strField("proc.exepath", "The full path of the executable.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.Proc.ExePath) }),
		strField("proc.args", "The arguments, argv[1:], joined by spaces (empty, not unavailable, when there are none).", func(c *evalCtx) (string, bool) {
			return c.procArgs(), true
		}),
		strField("proc.cmdline", "proc.name, a space and proc.args (just proc.name without arguments).", func(c *evalCtx) (string, bool) {
			return nonEmpty(c.procCmdline())
		}),
		strField("proc.exeline", "proc.exe, a space and proc.args.", func(c *evalCtx) (string, bool) {
			return nonEmpty(cmdline(c.e.Proc.Exe, c.procArgs()))
		}),
		numField("proc.cmdnargs", "The number of arguments (argv[1:]).", func(c *evalCtx) (int64, bool) { return int64(len(c.e.Proc.Args)), true }),
		numField("proc.cmdlenargs", "The total length of the arguments, without the spaces between them.", func(c *evalCtx) (int64, bool) {
			n := 0
			for _, a := range c.e.Proc.Args {
				n += len(a)
			}
			return int64(n), true
		}),
		strField("proc.cwd", "The current working directory, ending in /.", func(c *evalCtx) (string, bool) {
			d := c.e.Proc.Cwd
			if d == "" {
				return "", false
			}
			if !strings.HasSuffix(d, "/") {
				d += "/"
			}
			return d, true
		}),
		numField("proc.pid", "The process (thread-group) ID.", func(c *evalCtx) (int64, bool) { return int64(c.e.Proc.PID), true }),
		numField("proc.ppid", "The parent's process ID.", func(c *evalCtx) (int64, bool) { return int64(c.e.Proc.PPID), true }),
		numField("proc.vpid", "The process ID in its own PID namespace (1 for a container's init).", func(c *evalCtx) (int64, bool) {
			return int64(c.e.Proc.VPID), c.e.Proc.VPID != 0
		}),
		numField("proc.sid", "The session ID.", func(c *evalCtx) (int64, bool) { return int64(c.e.Proc.SID), true }),
		numField("proc.tty", "The controlling terminal's device number, 0 when none.", func(c *evalCtx) (int64, bool) { return int64(c.e.Proc.TTY), true }),
		numField("proc.pid.ts", "When the process started, in nanoseconds since the epoch.", func(c *evalCtx) (int64, bool) {
			return c.e.Proc.StartTime.UnixNano(), !c.e.Proc.StartTime.IsZero()
		}),
		numField("proc.duration", "Nanoseconds from the process's start to the event.", func(c *evalCtx) (int64, bool) {
			st := c.e.Proc.StartTime
			return int64(c.e.Time.Sub(st) / time.Nanosecond), !st.IsZero() && !c.e.Time.IsZero()
		}),
		strField("proc.pname", "The parent's process name.", func(c *evalCtx) (string, bool) {
			if len(c.e.Proc.Ancestors) == 0 {
				return "", false
			}
			return nonEmpty(c.e.Proc.Ancestors[0].Name)
		}),
		strField("proc.pexepath", "The parent's executable path.", func(c *evalCtx) (string, bool) {
			if len(c.e.Proc.Ancestors) == 0 {
				return "", false
			}
			return nonEmpty(c.e.Proc.Ancestors[0].ExePath)
		}),
		strField("proc.pexe", "The parent's argv[0]. Ward's process tree keeps the parent's executable path, which stands in for it.", func(c *evalCtx) (string, bool) {
			if len(c.e.Proc.Ancestors) == 0 {
				return "", false
			}
			return nonEmpty(c.e.Proc.Ancestors[0].ExePath)
		}),
		strField("proc.pcmdline", "The parent's command line (its name and arguments).", func(c *evalCtx) (string, bool) { return c.parentCmdline() }),
		ancestorStr("proc.aname", "Name of an ancestor: [0] the process, [1] its parent, [2] the grandparent, …; without an index (filters only) any ancestor.",
			func(c *evalCtx) (string, bool) { return nonEmpty(c.e.Proc.Name) },
			func(_ *evalCtx, a *event.Ancestor) (string, bool) { return nonEmpty(a.Name) }),
		ancestorStr("proc.aexepath", "Executable path of an ancestor, indexed like proc.aname.",
			func(c *evalCtx) (string, bool) { return nonEmpty(c.e.Proc.ExePath) },
			func(_ *evalCtx, a *event.Ancestor) (string, bool) { return nonEmpty(a.ExePath) }),
		ancestorStr("proc.aexe", "argv[0] of an ancestor, indexed like proc.aname; for ancestors Ward stands in their executable path.",
			func(c *evalCtx) (string, bool) { return nonEmpty(c.e.Proc.Exe) },
			func(_ *evalCtx, a *event.Ancestor) (string, bool) { return nonEmpty(a.ExePath) }),
		ancestorStr("proc.acmdline", "Command line of an ancestor, indexed like proc.aname.",
			func(c *evalCtx) (string, bool) { return nonEmpty(c.procCmdline()) },
			func(_ *evalCtx, a *event.Ancestor) (string, bool) { return nonEmpty(cmdline(a.Name, joinArgs(a.Args))) }),
		{name: "proc.apid", typ: typeInt, arg: argLevel, doc: "Process ID of an ancestor, indexed like proc.aname.", bind: bindAncestorPID},
		boolField("proc.is_exe_from_memfd", "true when the executable is an anonymous memory file (memfd_create): fileless execution.", func(c *evalCtx) (bool, bool) {
			return c.e.Proc.ExeFromMemfd, true
		}),
		boolField("proc.is_exe_writable", "true when the executing user can write the executable.", func(c *evalCtx) (bool, bool) {
			return c.e.Proc.ExeWritable, true
		}),
		boolField("proc.is_exe_upper_layer", "true when the executable is in the upper (written) layer of an overlay filesystem.", func(c *evalCtx) (bool, bool) {
			return c.e.Proc.ExeUpperLayer, true
		}),
		strField("proc.stdin_type", "What fd 0 was at exec: file, directory, pipe, char, ipv4, ipv6, unix or socket.", func(c *evalCtx) (string, bool) {
			return nonEmpty(c.e.Proc.StdinType)
		}),
		strField("proc.stdout_type", "What fd 1 was at exec, as proc.stdin_type.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.Proc.StdoutType) }),
		boolField("proc.is_container_healthcheck", "Always false: Ward does not know a container's health check.", always(false)),
		boolField("proc.is_container_liveness_probe", "Always false: Ward does not know a pod's liveness probe.", always(false)),
		boolField("proc.is_container_readiness_probe", "Always false: Ward does not know a pod's readiness probe.", always(false)),
		numField("thread.tid", "The thread ID.", func(c *evalCtx) (int64, bool) { return int64(c.e.Proc.TID), true }),
		boolField("thread.ismain", "true when the thread is the process's main thread.", func(c *evalCtx) (bool, bool) {
			return c.e.Proc.TID == c.e.Proc.PID, true
		}),

		// user / group
		numField("user.uid", "The effective user ID.", func(c *evalCtx) (int64, bool) { return int64(c.e.User.UID), true }),
		strField("user.name", "The effective user's name (not available when it cannot be resolved).", func(c *evalCtx) (string, bool) {
			return nonEmpty(c.e.User.Name)
		}),
		numField("user.loginuid", "The audit login user ID, -1 when unset.", func(c *evalCtx) (int64, bool) { return c.e.User.LoginUID, true }),
		numField("group.gid", "The effective group ID.", func(c *evalCtx) (int64, bool) { return int64(c.e.Proc.EGID), true }),

		// fd
		numField("fd.num", "The file descriptor (-1 for a failed open).", func(c *evalCtx) (int64, bool) {
			if f, ok := fileFD(c); ok {
				return int64(f.FD), true
			}
			if n, ok := sockFD(c); ok {
				return int64(n.FD), true
			}
			return 0, false
		}),
		strField("fd.type", "Type of the file descriptor: file, directory, ipv4, ipv6 or unix.", fdType),
		strField("fd.typechar", "fd.type as one character: f, d, 4, 6 or u.", func(c *evalCtx) (string, bool) {
			t, ok := fdType(c)
			return fdTypeChars[t], ok
		}),
		strField("fd.name", "The file's full path; for a socket its connection tuple (client ip:port->server ip:port), for a unix socket its path.", fdName),
		strField("fd.nameraw", "The file path as opened (Ward reports the resolved path, so this equals fd.name for files).", func(c *evalCtx) (string, bool) {
			if f, ok := fileFD(c); ok {
				return nonEmpty(f.Path)
			}
			return "", false
		}),
		strField("fd.directory", "The directory of the file (/etc for /etc/shadow).", func(c *evalCtx) (string, bool) {
			if f, ok := fileFD(c); ok && f.Path != "" {
				return c.fileDir(f.Path), true
			}
			return "", false
		}),
		strField("fd.filename", "The file name without its directory (shadow for /etc/shadow).", func(c *evalCtx) (string, bool) {
			if f, ok := fileFD(c); ok && f.Path != "" {
				return nonEmpty(path.Base(f.Path))
			}
			return "", false
		}),
		ipField("fd.cip", "Client IP address.", typeIP, endpointIP(client)),
		ipField("fd.sip", "Server IP address.", typeIP, endpointIP(server)),
		ipField("fd.lip", "Local IP address (the client for connect, the server for accept and listen).", typeIP, endpointIP(local)),
		ipField("fd.rip", "Remote IP address.", typeIP, endpointIP(remote)),
		numField("fd.cport", "Client port.", endpointPort(client)),
		numField("fd.sport", "Server port.", endpointPort(server)),
		numField("fd.lport", "Local port.", endpointPort(local)),
		numField("fd.rport", "Remote port.", endpointPort(remote)),
		ipField("fd.cnet", "Client IP, for network checks: `fd.cnet in (10.0.0.0/8)`.", typeNet, endpointIP(client)),
		ipField("fd.snet", "Server IP, for network checks: `fd.snet in (10.0.0.0/8)`.", typeNet, endpointIP(server)),
		ipField("fd.lnet", "Local IP, for network checks.", typeNet, endpointIP(local)),
		ipField("fd.rnet", "Remote IP, for network checks.", typeNet, endpointIP(remote)),
		{name: "fd.ip", typ: typeIP, doc: "Filters only: matches the client or the server IP.", bind: bindEither(typeIP)},
		{name: "fd.net", typ: typeNet, doc: "Filters only: matches the client or the server IP network.", bind: bindEither(typeNet)},
		{name: "fd.port", typ: typeInt, doc: "Filters only: matches the client or the server port.", bind: bindEitherPort},
		strField("fd.l4proto", "The socket's protocol: tcp, udp or raw.", func(c *evalCtx) (string, bool) {
			if n, ok := sockFD(c); ok && n.Family != 0 {
				return nonEmpty(n.Proto)
			}
			return "", false
		}),
		strField("fd.sockfamily", "The socket family: ip or unix.", func(c *evalCtx) (string, bool) {
			n, ok := sockFD(c)
			if !ok {
				return "", false
			}
			if n.Family == 0 {
				return "unix", true
			}
			return "ip", true
		}),
		boolField("fd.is_server", "true when the process is the server end (accept, listen).", func(c *evalCtx) (bool, bool) {
			_, ok := sockFD(c)
			return isServer(c.e.Type), ok
		}),
		boolField("fd.connected", "true when the socket is connected: a successful connect or accept.", func(c *evalCtx) (bool, bool) {
			if _, ok := sockFD(c); !ok {
				return false, false
			}
			switch c.e.Type {
			case event.Connect:
				return c.e.Res == 0, true
			case event.Accept, event.Accept4:
				return c.e.Res >= 0, true
			}
			return false, true
		}),
		boolField("fd.name_changed", "Always false for Ward's socket events: each carries the one tuple it was reported with (Falco sets it on sendto/sendmsg, which Ward does not report).", func(c *evalCtx) (bool, bool) {
			_, ok := sockFD(c)
			return false, ok
		}),
		neverField("fd.sip.name", "Domain name of the server IP: never available (Ward resolves no names)."),
		neverField("fd.cip.name", "Domain name of the client IP: never available."),
		neverField("fd.lip.name", "Domain name of the local IP: never available."),
		neverField("fd.rip.name", "Domain name of the remote IP: never available."),

		// fs.path
		strField("fs.path.name", "The path a file syscall (open, unlink, chmod) operates on.", func(c *evalCtx) (string, bool) {
			if isRename(c.e.Type) || c.e.File == nil || !isPathEvent(c.e.Type) {
				return "", false
			}
			return nonEmpty(c.e.File.Path)
		}),
		strField("fs.path.source", "The source path of a rename.", func(c *evalCtx) (string, bool) {
			if !isRename(c.e.Type) || c.e.File == nil {
				return "", false
			}
			return nonEmpty(c.e.File.Path)
		}),
		strField("fs.path.target", "The destination path of a rename.", func(c *evalCtx) (string, bool) {
			if !isRename(c.e.Type) || c.e.File == nil {
				return "", false
			}
			return nonEmpty(c.e.File.NewPath)
		}),

		// container
		strField("container.id", "The 12-character container ID, or host for host processes.", func(c *evalCtx) (string, bool) {
			if !inContainer(c) {
				return "host", true
			}
			return c.e.Container.ID, true
		}),
		strField("container.full_id", "The 64-character container ID.", containerStr(func(k *event.Container) string { return k.FullID })),
		strField("container.name", "The container name, or host for host processes.", func(c *evalCtx) (string, bool) {
			if !inContainer(c) {
				return "host", true
			}
			return nonEmpty(c.e.Container.Name)
		}),
		strField("container.type", "The container runtime: docker, containerd or cri-o.", containerStr(func(k *event.Container) string { return k.Runtime })),
		strField("container.image", "The image reference (registry/repo:tag).", containerStr(func(k *event.Container) string { return k.Image })),
		strField("container.image.repository", "The image repository (registry/repo).", containerStr(func(k *event.Container) string { return k.ImageRepository })),
		strField("container.image.tag", "The image tag.", containerStr(func(k *event.Container) string { return k.ImageTag })),
		strField("container.image.digest", "The image digest or ID.", containerStr(func(k *event.Container) string { return k.ImageDigest })),
		boolField("container.privileged", "true for privileged containers; not available for host processes.", func(c *evalCtx) (bool, bool) {
			return c.e.Container.Privileged, inContainer(c)
		}),

		// k8s
		strField("k8s.ns.name", "The pod's namespace.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.K8s.Namespace) }),
		strField("k8s.pod.name", "The pod's name.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.K8s.Pod) }),
		strField("k8s.pod.uid", "The pod's UID.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.K8s.PodUID) }),
		strField("k8s.pod.id", "Legacy name of k8s.pod.uid.", func(c *evalCtx) (string, bool) { return nonEmpty(c.e.K8s.PodUID) }),
		{name: "k8s.pod.label", typ: typeString, arg: argKey, doc: "A pod label's value: k8s.pod.label[app] (also written k8s.pod.label.app).", bind: bindLabel},
		strField("k8s.pod.labels", "The pod's labels as key:value pairs joined by commas, sorted by key.", func(c *evalCtx) (string, bool) {
			return nonEmpty(labelsString(c.e.K8s.Labels))
		}),
	}
}

func isRename(t event.Type) bool {
	return t == event.Rename || t == event.Renameat || t == event.Renameat2
}

func isPathEvent(t event.Type) bool {
	switch t {
	case event.Open, event.Openat, event.Openat2, event.Unlink, event.Unlinkat, event.Chmod, event.Fchmodat, event.Fchmod:
		return true
	}
	return false
}

func bindAncestorPID(arg string, hasArg bool) (accessor, error) {
	if !hasArg {
		return accessor{typ: typeInt, anyNum: func(c *evalCtx, test func(int64) bool) bool {
			for _, a := range c.e.Proc.Ancestors {
				if test(int64(a.PID)) {
					return true
				}
			}
			return false
		}}, nil
	}
	lvl, err := level(arg)
	if err != nil {
		return accessor{}, err
	}
	return accessor{typ: typeInt, num: func(c *evalCtx) (int64, bool) {
		if lvl == 0 {
			return int64(c.e.Proc.PID), true
		}
		if lvl > len(c.e.Proc.Ancestors) {
			return 0, false
		}
		return int64(c.e.Proc.Ancestors[lvl-1].PID), true
	}}, nil
}

func bindEither(typ valueType) func(string, bool) (accessor, error) {
	return func(_ string, hasArg bool) (accessor, error) {
		if hasArg {
			return accessor{}, errNoArg
		}
		cip, sip := endpointIP(client), endpointIP(server)
		return accessor{typ: typ, anyIP: func(c *evalCtx, test func(netip.Addr) bool) bool {
			if a, ok := cip(c); ok && test(a) {
				return true
			}
			a, ok := sip(c)
			return ok && test(a)
		}}, nil
	}
}

func bindEitherPort(_ string, hasArg bool) (accessor, error) {
	if hasArg {
		return accessor{}, errNoArg
	}
	cp, sp := endpointPort(client), endpointPort(server)
	return accessor{typ: typeInt, anyNum: func(c *evalCtx, test func(int64) bool) bool {
		if p, ok := cp(c); ok && test(p) {
			return true
		}
		p, ok := sp(c)
		return ok && test(p)
	}}, nil
}

func bindLabel(arg string, hasArg bool) (accessor, error) {
	if !hasArg || arg == "" {
		return accessor{}, errors.New("needs a label name: k8s.pod.label[name]")
	}
	return accessor{typ: typeString, str: func(c *evalCtx) (string, bool) {
		v, ok := c.e.K8s.Labels[arg]
		return v, ok
	}}, nil
}

func labelsString(labels map[string]string) string {
	if len(labels) == 0 {
		return ""
	}
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteByte(':')
		b.WriteString(labels[k])
	}
	return b.String()
}

// evt.arg: the syscall's arguments by name (evt.arg.flags or
// evt.arg[flags]) or by position (evt.arg[0]), rendered as Falco prints
// them. Positions follow the argNames order of each event type.

// argNames lists, per event type, the arguments Ward provides in Falco's
// parameter order for the exit event.
var argNames = map[event.Type][]string{
	event.Execve:      {"res", "exe", "args", "tid", "pid", "ptid", "cwd", "flags"},
	event.Execveat:    {"res", "exe", "args", "tid", "pid", "ptid", "cwd", "flags"},
	event.ProcExit:    {"status"},
	event.Open:        {"fd", "name", "flags", "mode"},
	event.Openat:      {"fd", "name", "flags", "mode"},
	event.Openat2:     {"fd", "name", "flags", "mode"},
	event.Unlink:      {"res", "path"},
	event.Unlinkat:    {"res", "name"},
	event.Rename:      {"res", "oldpath", "newpath"},
	event.Renameat:    {"res", "oldpath", "newpath"},
	event.Renameat2:   {"res", "oldpath", "newpath"},
	event.Chmod:       {"res", "filename", "mode"},
	event.Fchmod:      {"res", "fd", "mode"},
	event.Fchmodat:    {"res", "filename", "mode"},
	event.Connect:     {"res", "tuple", "fd"},
	event.Accept:      {"fd", "tuple"},
	event.Accept4:     {"fd", "tuple"},
	event.Listen:      {"res", "fd", "backlog"},
	event.Setuid:      {"res", "uid"},
	event.Setgid:      {"res", "gid"},
	event.Setresuid:   {"res", "uid"},
	event.Setresgid:   {"res", "gid"},
	event.Ptrace:      {"res", "request", "pid"},
	event.InitModule:  {"res", "name"},
	event.FinitModule: {"res", "name"},
	event.MemfdCreate: {"fd", "name"},
	event.Mount:       {"res", "dev", "dir", "type", "flags"},
}

func evtArgField() fieldDef {
	return fieldDef{name: "evt.arg", typ: typeString, arg: argKey,
		doc: "An argument of the event by name, evt.arg.flags or evt.arg[flags], or by position, evt.arg[0] (see the argument table).",
		bind: func(arg string, hasArg bool) (accessor, error) {
			if !hasArg || arg == "" {
				return accessor{}, errors.New("needs an argument name or position: evt.arg.name or evt.arg[0]")
			}
			if n, err := strconv.Atoi(arg); err == nil {
				if n < 0 {
					return accessor{}, fmt.Errorf("argument position %d is negative", n)
				}
				return accessor{typ: typeString, str: func(c *evalCtx) (string, bool) {
					names := argNames[c.e.Type]
					if n >= len(names) {
						return "", false
					}
					return argValue(c, names[n])
				}}, nil
			}
			if !knownArg(arg) {
				return accessor{}, errUnknownArg
			}
			return accessor{typ: typeString, str: func(c *evalCtx) (string, bool) {
				if !slices.Contains(argNames[c.e.Type], arg) {
					return "", false
				}
				return argValue(c, arg)
			}}, nil
		}}
}

var errUnknownArg = errors.New("unknown argument")

var knownArgs = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, names := range argNames {
		for _, n := range names {
			m[n] = true
		}
	}
	return m
})

func knownArg(name string) bool { return knownArgs()[name] }

// argValue renders argument name of the event.
func argValue(c *evalCtx, name string) (string, bool) {
	e := c.e
	itoa := func(v int64) (string, bool) { return strconv.FormatInt(v, 10), true }
	switch name {
	case "res":
		return itoa(e.Res)
	case "status":
		return itoa(int64(e.Arg.ExitCode))
	case "exe":
		return nonEmpty(e.Proc.Exe)
	case "args":
		return c.procArgs(), true
	case "tid":
		return itoa(int64(e.Proc.TID))
	case "ptid":
		return itoa(int64(e.Proc.PPID))
	case "cwd":
		return nonEmpty(e.Proc.Cwd)
	case "flags":
		switch {
		case e.Type == event.Execve || e.Type == event.Execveat:
			return nonEmpty(exeFlagsString(e.Proc.ExeFromMemfd, e.Proc.ExeWritable, e.Proc.ExeUpperLayer))
		case e.Type == event.Mount:
			return nonEmpty(flagsString(e.Arg.MountFlags, mountFlagNames))
		case e.File != nil:
			return c.eng.flags.openFlags(e.File.Flags), true
		}
	case "mode":
		if e.File != nil {
			return nonEmpty(flagsString(uint64(e.File.Mode), modeNames))
		}
	case "fd":
		switch {
		case e.File != nil:
			return itoa(int64(e.File.FD))
		case e.Net != nil:
			return itoa(int64(e.Net.FD))
		}
	case "name":
		switch e.Type {
		case event.MemfdCreate, event.InitModule, event.FinitModule:
			return nonEmpty(e.Arg.Name)
		}
		if e.File != nil {
			return nonEmpty(e.File.Path)
		}
	case "path", "filename", "oldpath":
		if e.File != nil {
			return nonEmpty(e.File.Path)
		}
	case "newpath":
		if e.File != nil {
			return nonEmpty(e.File.NewPath)
		}
	case "tuple":
		if e.Net != nil {
			if e.Net.Family == 0 {
				return nonEmpty(e.Net.Path)
			}
			return e.Net.Client.String() + "->" + e.Net.Server.String(), true
		}
	case "backlog":
		if e.Net != nil {
			return itoa(int64(e.Net.Backlog))
		}
	case "uid":
		return itoa(int64(e.Arg.UID))
	case "gid":
		return itoa(int64(e.Arg.GID))
	case "request":
		return ptraceRequestString(e.Arg.PtraceRequest), true
	case "pid":
		return itoa(int64(e.Arg.PtracePID))
	case "dev":
		return nonEmpty(e.Arg.MountSource)
	case "dir":
		return nonEmpty(e.Arg.MountTarget)
	case "type":
		return nonEmpty(e.Arg.MountFSType)
	}
	return "", false
}

func allArgs(c *evalCtx) string {
	var b strings.Builder
	for _, n := range argNames[c.e.Type] {
		v, ok := argValue(c, n)
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
		b.WriteByte('=')
		b.WriteString(v)
	}
	return b.String()
}

var fieldIndex = sync.OnceValue(func() map[string]*fieldDef {
	table := fieldTable()
	m := make(map[string]*fieldDef, len(table))
	for i := range table {
		m[table[i].name] = &table[i]
	}
	return m
})

// errUnknownField marks a field Ward does not provide.
var errUnknownField = errors.New("field not provided by Ward")

// lookupField binds a field with its argument. The dotted forms
// evt.arg.NAME and k8s.pod.label.NAME are read as NAME arguments.
func lookupField(name, arg string, hasArg bool) (accessor, *fieldDef, error) {
	idx := fieldIndex()
	if d, ok := idx[name]; ok {
		a, err := d.bind(arg, hasArg)
		if errors.Is(err, errUnknownArg) {
			return accessor{}, d, fmt.Errorf("%s[%s]: %w", name, arg, errUnknownField)
		}
		if err != nil {
			return accessor{}, d, fmt.Errorf("field %s: %w", name, err)
		}
		return a, d, nil
	}
	for _, prefix := range []string{"evt.arg.", "k8s.pod.label."} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && !hasArg {
			return lookupField(strings.TrimSuffix(prefix, "."), rest, true)
		}
	}
	return accessor{}, nil, fmt.Errorf("%s: %w", name, errUnknownField)
}

// FieldInfo documents one supported field.
type FieldInfo struct {
	Name string
	// Type is Falco's type name (CHARBUF, INT64, BOOL, IPADDR, IPNET).
	Type string
	// Arg describes the argument: "" (none), "index" (ancestor level,
	// optional) or "key" (required).
	Arg string
	Doc string
}

// Fields lists the Falco fields Ward provides, in documentation order.
func Fields() []FieldInfo {
	table := fieldTable()
	out := make([]FieldInfo, 0, len(table))
	for _, d := range table {
		fi := FieldInfo{Name: d.name, Type: d.typ.String(), Doc: d.doc}
		switch d.arg {
		case argLevel:
			fi.Arg = "index"
		case argKey:
			fi.Arg = "key"
		}
		out = append(out, fi)
	}
	return out
}

// EventArgs lists, per event type, the evt.arg names Ward provides in
// positional order (evt.arg[0] is the first).
func EventArgs() map[string][]string {
	out := make(map[string][]string, len(argNames))
	for t, names := range argNames {
		out[string(t)] = slices.Clone(names)
	}
	return out
}
