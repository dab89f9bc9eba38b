// Package event is the runtime event model: what the eBPF sensor observes
// in the kernel, after enrichment (process tree, container, pod), as the
// detection rules, file integrity monitoring and behaviour profiles see it.
//
// The sensor fills the kernel's part (type, process, file or network
// operands, cgroup); internal/runtime fills ancestors, container and
// Kubernetes metadata. Field names follow Falco's field classes (evt.*,
// proc.*, user.*, fd.*, container.*, k8s.*) so the rule engine maps each
// Falco field onto one struct field.
package event

import (
	"net/netip"
	"time"
)

// Type is the syscall-style event name Falco rules use in evt.type
// ("execve", "openat", "connect", ...).
type Type string

// The event types the sensor emits. Each is reported once, on syscall exit
// (evt.dir "<"), with the syscall's return value in Res.
const (
	Execve      Type = "execve"
	Execveat    Type = "execveat"
	ProcExit    Type = "procexit"
	Open        Type = "open"
	Openat      Type = "openat"
	Openat2     Type = "openat2"
	Unlink      Type = "unlink"
	Unlinkat    Type = "unlinkat"
	Rename      Type = "rename"
	Renameat    Type = "renameat"
	Renameat2   Type = "renameat2"
	Chmod       Type = "chmod"
	Fchmod      Type = "fchmod"
	Fchmodat    Type = "fchmodat"
	Connect     Type = "connect"
	Accept      Type = "accept"
	Accept4     Type = "accept4"
	Listen      Type = "listen"
	Setuid      Type = "setuid"
	Setgid      Type = "setgid"
	Setresuid   Type = "setresuid"
	Setresgid   Type = "setresgid"
	Ptrace      Type = "ptrace"
	InitModule  Type = "init_module"
	FinitModule Type = "finit_module"
	MemfdCreate Type = "memfd_create"
	Mount       Type = "mount"
)

// Event is one observed operation.
type Event struct {
	Time time.Time
	Type Type
	// Res is the syscall's return value (negative errno on failure; for
	// open the new fd, for connect 0).
	Res int64

	Proc Process
	// User is the effective user of Proc (user.uid, user.name).
	User User

	// File is set for file events (open, unlink, rename, chmod, and exec,
	// where it names the executable).
	File *File
	// Net is set for connect, accept and listen.
	Net *Net
	// Arg holds the operands of the other events.
	Arg Args

	Container Container
	K8s       K8s
}

// Process is the acting process (a thread group) and its ancestry.
type Process struct {
	PID  uint32 // thread-group ID (proc.pid)
	TID  uint32 // thread ID (thread.tid)
	PPID uint32 // parent's thread-group ID (proc.ppid)
	// Name is the executable's base name (proc.name); the kernel's comm
	// (15 bytes) when the path is not known.
	Name string
	// Comm is the kernel's task comm.
	Comm string
	// Exe is argv[0] as the process was started (proc.exe).
	Exe string
	// ExePath is the full path of the executable (proc.exepath).
	ExePath string
	// Args are argv[1:] (proc.args joins them with spaces).
	Args []string
	Cwd  string
	UID  uint32 // real user ID
	GID  uint32
	EUID uint32
	EGID uint32
	// LoginUID is the audit login UID (user.loginuid); -1 when unset.
	LoginUID int64
	// TTY is the controlling terminal's device number, 0 when none
	// (proc.tty).
	TTY uint32
	// SID and PGID are the session and process-group IDs.
	SID  uint32
	PGID uint32
	// VPID is the PID in the process's own PID namespace (proc.vpid); it
	// equals 1 for a container's init.
	VPID uint32
	// StdinType and StdoutType say what fds 0 and 1 were at exec
	// (proc.stdin_type, proc.stdout_type): "file", "directory", "pipe",
	// "char" (a terminal or device), "ipv4", "ipv6", "unix", "socket",
	// or "" when unknown. A shell whose stdin is a TCP socket is a reverse
	// shell.
	StdinType  string
	StdoutType string
	// ExeFromMemfd is set when the executable is an anonymous memory file
	// (fileless execution).
	ExeFromMemfd bool
	// ExeWritable is set when the executing user can write the executable
	// (proc.is_exe_writable).
	ExeWritable bool
	// ExeUpperLayer is set when the executable lives in the upper (written)
	// layer of an overlay filesystem, i.e. was created in the container
	// (proc.is_exe_upper_layer).
	ExeUpperLayer bool
	// StartTime is when the process started.
	StartTime time.Time
	// CgroupID is the kernel's cgroup v2 ID; Cgroup the cgroup path
	// (used to find the container).
	CgroupID uint64
	Cgroup   string
	// Ancestors are the parent, grandparent, ... (proc.aname[1] is
	// Ancestors[0].Name), filled by enrichment from its process tree.
	Ancestors []Ancestor
}

// Ancestor is one process above the acting process.
type Ancestor struct {
	PID     uint32
	Name    string
	ExePath string
	Args    []string
}

// User is a user identity with its name resolved where possible.
type User struct {
	UID      uint32
	Name     string // empty when not resolvable
	LoginUID int64
}

// File holds the operands of a file event.
type File struct {
	// Path is the absolute path (fd.name); for rename the source.
	Path string
	// NewPath is a rename's destination.
	NewPath string
	// Flags are open(2) flags (O_WRONLY, O_CREAT, ...); Mode the requested
	// mode for open with O_CREAT and for chmod.
	Flags uint32
	Mode  uint32
	// FD is the returned or operated file descriptor, -1 when none.
	FD int32
}

// Net holds the endpoints of a network event. For connect the client is
// the local end; for accept the server is the local end.
type Net struct {
	// Proto is "tcp", "udp", "raw" or "unix" (fd.l4proto).
	Proto string
	// Family is 4 or 6 (0 for unix sockets).
	Family uint8
	// Client and Server endpoints (fd.cip/fd.cport, fd.sip/fd.sport).
	Client netip.AddrPort
	Server netip.AddrPort
	// Path is a unix socket's path.
	Path string
	// FD is the socket.
	FD int32
	// Backlog is listen's backlog.
	Backlog int32
}

// Args holds the operands of events that are neither file nor network.
type Args struct {
	// UID/GID requested by setuid/setgid (evt.arg.uid / evt.arg.gid).
	UID uint32
	GID uint32
	// PtraceRequest and PtracePID for ptrace.
	PtraceRequest int64
	PtracePID     uint32
	// Name is the module name (init_module/finit_module) or memfd name.
	Name string
	// Mount operands.
	MountSource string
	MountTarget string
	MountFSType string
	MountFlags  uint64
	// ExitCode is procexit's status.
	ExitCode int32
}

// Container identifies the container a process runs in. ID is empty for
// host processes (Falco prints "host").
type Container struct {
	// ID is the 12-character short ID (container.id); FullID the 64.
	ID     string
	FullID string
	Name   string
	// Runtime is "docker", "containerd" or "cri-o".
	Runtime string
	// Image is the image reference as the runtime knows it
	// ("registry/repo:tag"); ImageRepository and ImageTag split it;
	// ImageDigest is the image ID or digest when known.
	Image           string
	ImageRepository string
	ImageTag        string
	ImageDigest     string
	Privileged      bool
}

// K8s identifies the pod a container belongs to.
type K8s struct {
	Namespace string
	Pod       string
	PodUID    string
	Labels    map[string]string
	// Workload is the pod's owning controller's kind/name when known
	// ("Deployment/web").
	Workload string
}

// Host reports whether the event came from a host process (no container).
func (e *Event) Host() bool { return e.Container.ID == "" }
