/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ward.h: the small subset of kernel types the sensor reads, instead of a
 * multi-megabyte vmlinux.h. Every struct carries preserve_access_index, so
 * clang records each field access as a CO-RE relocation and the loader
 * (cilium/ebpf) rewrites the offsets against the running kernel's BTF
 * (/sys/kernel/btf/vmlinux). Only field names and kinds must match the
 * kernel; order, padding and omitted fields do not matter. Fields that sit
 * inside anonymous unions or structs in the kernel (dentry.d_name,
 * file.f_path, sock_common.skc_daddr, ...) are declared flat: CO-RE finds
 * them through the anonymous members.
 */
#ifndef WARD_H
#define WARD_H

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef short __s16;
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned long long __u64;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

/* UAPI constants (stable ABI), so no kernel or libc headers are needed. */
#define BPF_MAP_TYPE_HASH 1
#define BPF_MAP_TYPE_PERCPU_ARRAY 6
#define BPF_MAP_TYPE_LRU_HASH 9
#define BPF_MAP_TYPE_LPM_TRIE 11
#define BPF_MAP_TYPE_RINGBUF 27
#define BPF_F_NO_PREALLOC 1
#define BPF_ANY 0
#define BPF_RB_NO_WAKEUP 1
#define BPF_RB_FORCE_WAKEUP 2
#define BPF_RB_AVAIL_DATA 0

#define AT_FDCWD -100
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define SOCK_RAW 3
#define EAGAIN 11

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000

#define PF_KTHREAD 0x00200000
#define MNT_INTERNAL 0x4000

#define PRESERVE __attribute__((preserve_access_index))

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	__u32 val;
} kuid_t;

typedef struct {
	__u32 val;
} kgid_t;

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_TGID,
	PIDTYPE_PGID,
	PIDTYPE_SID,
	PIDTYPE_MAX,
};

struct qstr {
	__u32 len;
	const unsigned char *name;
} PRESERVE;

struct inode {
	unsigned short i_mode;
	unsigned int i_nlink;
} PRESERVE;

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
} PRESERVE;

struct vfsmount {
	struct dentry *mnt_root;
	int mnt_flags;
} PRESERVE;

/* fs/mount.h: struct mount embeds the vfsmount a struct path points at. */
struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
} PRESERVE;

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
} PRESERVE;

struct file {
	struct path f_path;
	struct inode *f_inode;
	void *private_data;
} PRESERVE;

struct fs_struct {
	struct path root;
	struct path pwd;
} PRESERVE;

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
} PRESERVE;

struct files_struct {
	struct fdtable *fdt;
} PRESERVE;

struct upid {
	int nr;
} PRESERVE;

struct pid {
	unsigned int level;
	struct upid numbers[1];
} PRESERVE;

struct tty_driver {
	int major;
	int minor_start;
} PRESERVE;

struct tty_struct {
	int index;
	struct tty_driver *driver;
} PRESERVE;

struct signal_struct {
	atomic_t live;
	struct pid *pids[PIDTYPE_MAX];
	struct tty_struct *tty;
} PRESERVE;

struct cred {
	kuid_t uid;
	kgid_t gid;
	kuid_t euid;
	kgid_t egid;
} PRESERVE;

struct mm_struct {
	unsigned long arg_start;
	unsigned long arg_end;
	struct file *exe_file;
} PRESERVE;

struct linux_binprm {
	struct file *file;
	const char *filename;
} PRESERVE;

struct task_struct {
	unsigned int flags;
	int pid;
	int tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct pid *thread_pid;
	__u64 start_boottime;
	const struct cred *real_cred;
	struct fs_struct *fs;
	struct files_struct *files;
	struct signal_struct *signal;
	kuid_t loginuid;
	struct mm_struct *mm;
	int exit_code;
} PRESERVE;

struct in6_addr {
	__u8 s6_addr[16];
} PRESERVE;

struct sock_common {
	__be32 skc_daddr;
	__be32 skc_rcv_saddr;
	__be16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	struct in6_addr skc_v6_daddr;
	struct in6_addr skc_v6_rcv_saddr;
} PRESERVE;

struct sock {
	struct sock_common __sk_common;
	__u16 sk_protocol;
	__u16 sk_type;
} PRESERVE;

struct socket {
	struct sock *sk;
} PRESERVE;

struct sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
} PRESERVE;

struct unix_address {
	int len; /* bytes of name used, sun_family included */
	struct sockaddr_un name[1];
} PRESERVE;

/* struct unix_sock begins with its struct sock. */
struct unix_sock {
	struct unix_address *addr;
} PRESERVE;

/* x86_64 registers as saved on syscall entry (orig_ax is the number). */
struct pt_regs {
	unsigned long di;
	unsigned long si;
	unsigned long dx;
	unsigned long r10;
	unsigned long r8;
	unsigned long r9;
	unsigned long orig_ax;
} PRESERVE;

/*
 * Context of the syscalls/sys_enter_* and sys_exit_* tracepoints. This is
 * the tracepoint format (tracefs events/syscalls/<name>/format), a stable
 * layout rather than a kernel struct, so it takes no CO-RE relocations.
 */
struct sys_enter_ctx {
	__u64 common;
	__s32 syscall_nr;
	__u32 pad;
	unsigned long args[6];
};

struct sys_exit_ctx {
	__u64 common;
	__s32 syscall_nr;
	__u32 pad;
	long ret;
};

#endif /* WARD_H */
