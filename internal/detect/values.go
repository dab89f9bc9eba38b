package detect

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Renderings of raw syscall operands the way Falco prints them, so rules
// written against Falco's strings (evt.res = ENOENT, evt.arg.flags contains
// O_TRUNC, evt.arg.request contains PTRACE_ATTACH) behave the same.

// errnoNames are Linux's errno names by number (asm-generic/errno*.h).
var errnoNames = [...]string{
	1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 5: "EIO", 6: "ENXIO", 7: "E2BIG", 8: "ENOEXEC", 9: "EBADF",
	10: "ECHILD", 11: "EAGAIN", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 15: "ENOTBLK", 16: "EBUSY", 17: "EEXIST",
	18: "EXDEV", 19: "ENODEV", 20: "ENOTDIR", 21: "EISDIR", 22: "EINVAL", 23: "ENFILE", 24: "EMFILE", 25: "ENOTTY",
	26: "ETXTBSY", 27: "EFBIG", 28: "ENOSPC", 29: "ESPIPE", 30: "EROFS", 31: "EMLINK", 32: "EPIPE", 33: "EDOM",
	34: "ERANGE", 35: "EDEADLK", 36: "ENAMETOOLONG", 37: "ENOLCK", 38: "ENOSYS", 39: "ENOTEMPTY", 40: "ELOOP",
	42: "ENOMSG", 43: "EIDRM", 44: "ECHRNG", 45: "EL2NSYNC", 46: "EL3HLT", 47: "EL3RST", 48: "ELNRNG", 49: "EUNATCH",
	50: "ENOCSI", 51: "EL2HLT", 52: "EBADE", 53: "EBADR", 54: "EXFULL", 55: "ENOANO", 56: "EBADRQC", 57: "EBADSLT",
	59: "EBFONT", 60: "ENOSTR", 61: "ENODATA", 62: "ETIME", 63: "ENOSR", 64: "ENONET", 65: "ENOPKG", 66: "EREMOTE",
	67: "ENOLINK", 68: "EADV", 69: "ESRMNT", 70: "ECOMM", 71: "EPROTO", 72: "EMULTIHOP", 73: "EDOTDOT", 74: "EBADMSG",
	75: "EOVERFLOW", 76: "ENOTUNIQ", 77: "EBADFD", 78: "EREMCHG", 79: "ELIBACC", 80: "ELIBBAD", 81: "ELIBSCN",
	82: "ELIBMAX", 83: "ELIBEXEC", 84: "EILSEQ", 85: "ERESTART", 86: "ESTRPIPE", 87: "EUSERS", 88: "ENOTSOCK",
	89: "EDESTADDRREQ", 90: "EMSGSIZE", 91: "EPROTOTYPE", 92: "ENOPROTOOPT", 93: "EPROTONOSUPPORT",
	94: "ESOCKTNOSUPPORT", 95: "EOPNOTSUPP", 96: "EPFNOSUPPORT", 97: "EAFNOSUPPORT", 98: "EADDRINUSE",
	99: "EADDRNOTAVAIL", 100: "ENETDOWN", 101: "ENETUNREACH", 102: "ENETRESET", 103: "ECONNABORTED",
	104: "ECONNRESET", 105: "ENOBUFS", 106: "EISCONN", 107: "ENOTCONN", 108: "ESHUTDOWN", 109: "ETOOMANYREFS",
	110: "ETIMEDOUT", 111: "ECONNREFUSED", 112: "EHOSTDOWN", 113: "EHOSTUNREACH", 114: "EALREADY",
	115: "EINPROGRESS", 116: "ESTALE", 117: "EUCLEAN", 118: "ENOTNAM", 119: "ENAVAIL", 120: "EISNAM",
	121: "EREMOTEIO", 122: "EDQUOT", 123: "ENOMEDIUM", 124: "EMEDIUMTYPE", 125: "ECANCELED", 126: "ENOKEY",
	127: "EKEYEXPIRED", 128: "EKEYREVOKED", 129: "EKEYREJECTED", 130: "EOWNERDEAD", 131: "ENOTRECOVERABLE",
	132: "ERFKILL", 133: "EHWPOISON",
}

// resString is evt.res: "SUCCESS", or the errno name of a failure.
func resString(res int64) string {
	if res >= 0 {
		return "SUCCESS"
	}
	if n := -res; n < int64(len(errnoNames)) && errnoNames[n] != "" {
		return errnoNames[n]
	}
	return strconv.FormatInt(res, 10)
}

type flagName struct {
	mask uint64
	name string
}

// Linux open(2) flags (x86-64 / asm-generic values).
const (
	oAccMode   = 0o3
	oWronly    = 0o1
	oRdwr      = 0o2
	oCreat     = 0o100
	oDirectory = 0o200000
	oTmpfile   = 0o20000000 | oDirectory
)

var openFlagNames = []flagName{
	{0o100, "O_CREAT"}, {0o200, "O_EXCL"}, {0o400, "O_NOCTTY"}, {0o1000, "O_TRUNC"}, {0o2000, "O_APPEND"},
	{0o4000, "O_NONBLOCK"}, {0o10000, "O_DSYNC"}, {0o20000, "O_ASYNC"}, {0o40000, "O_DIRECT"},
	{0o100000, "O_LARGEFILE"}, {0o200000, "O_DIRECTORY"}, {0o400000, "O_NOFOLLOW"}, {0o1000000, "O_NOATIME"},
	{0o2000000, "O_CLOEXEC"}, {0o4010000, "O_SYNC"}, {0o10000000, "O_PATH"}, {oTmpfile, "O_TMPFILE"},
}

// flagsCache keeps rendered open flags: a host sees few distinct
// combinations, and rules test evt.arg.flags on every open. Each Engine has
// its own; it is safe for concurrent use and bounded.
type flagsCache struct {
	m sync.Map // uint32 → string
	n atomic.Int32
}

const maxFlagsCache = 4096

// openFlags is openFlagsString without an allocation for flag
// combinations seen before.
func (fc *flagsCache) openFlags(flags uint32) string {
	if v, ok := fc.m.Load(flags); ok {
		return v.(string)
	}
	s := openFlagsString(flags)
	if fc.n.Load() < maxFlagsCache {
		if _, loaded := fc.m.LoadOrStore(flags, s); !loaded {
			fc.n.Add(1)
		}
	}
	return s
}

// openFlagsString renders open flags as Falco does: the access mode
// (O_RDONLY, O_WRONLY or O_RDWR) and every other flag set, joined by "|".
func openFlagsString(flags uint32) string {
	var b strings.Builder
	switch flags & oAccMode {
	case 0:
		b.WriteString("O_RDONLY")
	case oWronly:
		b.WriteString("O_WRONLY")
	default:
		b.WriteString("O_RDWR")
	}
	for _, f := range openFlagNames {
		if uint64(flags)&f.mask == f.mask {
			b.WriteByte('|')
			b.WriteString(f.name)
		}
	}
	return b.String()
}

var modeNames = []flagName{
	{0o4000, "S_ISUID"}, {0o2000, "S_ISGID"}, {0o1000, "S_ISVTX"},
	{0o400, "S_IRUSR"}, {0o200, "S_IWUSR"}, {0o100, "S_IXUSR"},
	{0o40, "S_IRGRP"}, {0o20, "S_IWGRP"}, {0o10, "S_IXGRP"},
	{0o4, "S_IROTH"}, {0o2, "S_IWOTH"}, {0o1, "S_IXOTH"},
}

var mountFlagNames = []flagName{
	{1, "MS_RDONLY"}, {2, "MS_NOSUID"}, {4, "MS_NODEV"}, {8, "MS_NOEXEC"}, {16, "MS_SYNCHRONOUS"},
	{32, "MS_REMOUNT"}, {64, "MS_MANDLOCK"}, {128, "MS_DIRSYNC"}, {256, "MS_NOSYMFOLLOW"}, {1024, "MS_NOATIME"},
	{2048, "MS_NODIRATIME"}, {4096, "MS_BIND"}, {8192, "MS_MOVE"}, {16384, "MS_REC"}, {32768, "MS_SILENT"},
	{1 << 16, "MS_POSIXACL"}, {1 << 17, "MS_UNBINDABLE"}, {1 << 18, "MS_PRIVATE"}, {1 << 19, "MS_SLAVE"},
	{1 << 20, "MS_SHARED"}, {1 << 21, "MS_RELATIME"}, {1 << 22, "MS_KERNMOUNT"}, {1 << 23, "MS_I_VERSION"},
	{1 << 24, "MS_STRICTATIME"}, {1 << 25, "MS_LAZYTIME"},
}

// flagsString renders the names of the set bits joined by "|" ("" for none).
func flagsString(v uint64, names []flagName) string {
	var b strings.Builder
	for _, f := range names {
		if v&f.mask == f.mask {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(f.name)
		}
	}
	return b.String()
}

// Falco's execve "flags" parameter.
func exeFlagsString(memfd, writable, upper bool) string {
	var parts []string
	if writable {
		parts = append(parts, "EXE_WRITABLE")
	}
	if upper {
		parts = append(parts, "EXE_UPPER_LAYER")
	}
	if memfd {
		parts = append(parts, "EXE_FROM_MEMFD")
	}
	return strings.Join(parts, "|")
}

var ptraceRequests = map[int64]string{
	0: "PTRACE_TRACEME", 1: "PTRACE_PEEKTEXT", 2: "PTRACE_PEEKDATA", 3: "PTRACE_PEEKUSR", 4: "PTRACE_POKETEXT",
	5: "PTRACE_POKEDATA", 6: "PTRACE_POKEUSR", 7: "PTRACE_CONT", 8: "PTRACE_KILL", 9: "PTRACE_SINGLESTEP",
	12: "PTRACE_GETREGS", 13: "PTRACE_SETREGS", 14: "PTRACE_GETFPREGS", 15: "PTRACE_SETFPREGS",
	16: "PTRACE_ATTACH", 17: "PTRACE_DETACH", 18: "PTRACE_GETFPXREGS", 19: "PTRACE_SETFPXREGS",
	24: "PTRACE_SYSCALL", 31: "PTRACE_SYSEMU", 32: "PTRACE_SYSEMU_SINGLESTEP", 33: "PTRACE_SINGLEBLOCK",
	0x4200: "PTRACE_SETOPTIONS", 0x4201: "PTRACE_GETEVENTMSG", 0x4202: "PTRACE_GETSIGINFO",
	0x4203: "PTRACE_SETSIGINFO", 0x4204: "PTRACE_GETREGSET", 0x4205: "PTRACE_SETREGSET", 0x4206: "PTRACE_SEIZE",
	0x4207: "PTRACE_INTERRUPT", 0x4208: "PTRACE_LISTEN", 0x4209: "PTRACE_PEEKSIGINFO", 0x420a: "PTRACE_GETSIGMASK",
	0x420b: "PTRACE_SETSIGMASK", 0x420c: "PTRACE_SECCOMP_GET_FILTER", 0x420d: "PTRACE_SECCOMP_GET_METADATA",
	0x420e: "PTRACE_GET_SYSCALL_INFO",
}

func ptraceRequestString(r int64) string {
	if n, ok := ptraceRequests[r]; ok {
		return n
	}
	return strconv.FormatInt(r, 10)
}
