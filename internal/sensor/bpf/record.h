/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * record.h: the ring-buffer record the sensor's programs send to user
 * space. internal/sensor/record.go decodes it; keep the two in step (the
 * Go test TestRecordLayout compares these structs, as bpf2go exports them,
 * with the decoder's offsets).
 *
 * A record is a rec_hdr, then the body its opcode names (exec_body,
 * exit_body, file_body, net_body or arg_body), then the body's strings,
 * each a little-endian u16 length followed by that many bytes (no NUL).
 * Records are variable-length: only the bytes of each string are sent.
 */
#ifndef WARD_RECORD_H
#define WARD_RECORD_H

enum op {
	OP_EXECVE = 1,
	OP_EXECVEAT,
	OP_EXIT,
	OP_OPEN,
	OP_OPENAT,
	OP_OPENAT2,
	OP_UNLINK,
	OP_UNLINKAT,
	OP_RENAME,
	OP_RENAMEAT,
	OP_RENAMEAT2,
	OP_CHMOD,
	OP_FCHMOD,
	OP_FCHMODAT,
	OP_CONNECT,
	OP_ACCEPT,
	OP_ACCEPT4,
	OP_LISTEN,
	OP_SETUID,
	OP_SETGID,
	OP_SETRESUID,
	OP_SETRESGID,
	OP_PTRACE,
	OP_INIT_MODULE,
	OP_FINIT_MODULE,
	OP_MEMFD_CREATE,
	OP_MOUNT,
	OP_MAX, /* size of the per-opcode drop counters */
};

/* rec_hdr.flags */
#define RF_PATH_TRUNC 0x1 /* a path was cut at PATH_LEN or MAX_DEPTH */
#define RF_ARGS_TRUNC 0x2 /* argv was cut at ARGS_LEN */
#define RF_EXE_MEMFD 0x4  /* exec: the executable is a memfd */

/* exec_body.stdin_type / stdout_type */
enum fd_kind {
	FD_UNKNOWN = 0,
	FD_FILE,
	FD_DIR,
	FD_PIPE,
	FD_CHAR,
	FD_IPV4,
	FD_IPV6,
	FD_UNIX,
	FD_SOCKET,
};

/* Limits of one record's strings (bytes, without the NUL). */
#define PATH_LEN 4095
#define ARGS_LEN 4095
#define STR_LEN 4095

struct rec_hdr {
	__u16 op;
	__u16 flags;
	__u32 pad;
	__u64 ts_boot_ns; /* bpf_ktime_get_boot_ns() */
	__s64 ret;        /* syscall return value */
	__u64 cgroup_id;  /* cgroup v2 ID of the task */
	__u32 pid;        /* thread-group ID */
	__u32 tid;
	__u32 ppid;       /* real parent's thread-group ID */
	__u32 uid;
	__u32 gid;
	__u32 euid;
	__u32 egid;
	__u32 loginuid;   /* 0xffffffff when unset */
	char comm[16];
};

/* OP_EXECVE, OP_EXECVEAT; strings: exe path, cwd, argv (NUL-separated). */
struct exec_body {
	__u64 start_boot_ns;
	__u32 sid;
	__u32 pgid;
	__u32 vpid;
	__u32 tty_major;
	__u32 tty_minor;
	__u16 stdin_type;  /* enum fd_kind */
	__u16 stdout_type;
};

/* OP_EXIT; no strings. */
struct exit_body {
	__s32 code; /* wait status: exit status << 8, or the killing signal */
	__u32 pad;
};

/* File ops; strings: path, new path (rename; else empty). */
struct file_body {
	__u32 flags; /* open flags, unlinkat/renameat2 flags */
	__u32 mode;  /* open mode, chmod mode */
	__s32 fd;    /* open's new fd, fchmod's fd, else -1 */
	__s32 pad;
};

/* Network ops; strings: unix socket path. */
struct net_body {
	__u16 family;   /* AF_INET, AF_INET6, AF_UNIX */
	__u16 protocol; /* sk_protocol */
	__u16 sock_type;
	__u16 client_port;
	__u16 server_port;
	__u16 pad;
	__s32 fd;
	__s32 backlog;
	__u32 pad2;
	__u8 client_addr[16]; /* network order; first 4 bytes for AF_INET */
	__u8 server_addr[16];
};

/*
 * Other ops; a[] and strings by opcode:
 *   setuid/setgid: a0 id; setresuid/setresgid: a0 real, a1 effective, a2 saved
 *   ptrace: a0 request, a1 target pid
 *   init_module: a0 image length
 *   finit_module: a0 fd, a1 flags; s0 path of fd
 *   memfd_create: a0 flags; s0 name
 *   mount: a0 flags; s0 source, s1 target (absolute), s2 fstype
 */
struct arg_body {
	__u64 a[4];
};

#endif /* WARD_RECORD_H */
