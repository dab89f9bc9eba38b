// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sensor.bpf.c: Ward's runtime sensor. Each event is reported once, on
 * syscall exit, with the syscall's return value:
 *
 *   - exec and exit come from the sched_process_exec / sched_process_exit
 *     BTF tracepoints (exec only succeeds past the point of no return);
 *     execveat's syscall tracepoints mark the process so the exec record
 *     names the right syscall (by exec time the saved syscall number says
 *     execve: the ELF loader resets it);
 *   - every other event has one syscalls/sys_exit_<name> program, which
 *     reads the syscall's arguments from the registers saved on entry and
 *     its return value, resolves paths and sockets, filters and sends the
 *     record;
 *   - init_module/finit_module also have a raw sys_exit program filtered by
 *     syscall number, for kernels built without module support, where the
 *     per-syscall tracepoints do not exist but the attempt is still worth
 *     reporting.
 *
 * In-kernel filtering: processes in ignore_pids (the agent itself) are
 * skipped; file events are sent only when a path lies under a prefix in
 * the watch LPM trie, except read-only opens of the exact paths the trie
 * marks as excluded; accept returning EAGAIN is dropped; ptrace is sent
 * only for the requests that attach to or write into another process.
 *
 * Records go to the events ring buffer (record.h), waking the reader only
 * when enough data is pending (wakeup_flag); a failed output is counted
 * per opcode in the per-CPU drops map.
 */
#include "ward.h"
#include "record.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* ---- buffers and maps ------------------------------------------------ */

/* No record is longer than REC_CAP; offsets into one are masked with
 * 0x3fff (REC_CAP - 1) and a string is at most 4 KiB, hence the slack. */
#define REC_CAP 16384
#define REC_SZ (REC_CAP + 4096 + 64)

/*
 * The union names the record's parts, which also puts them in the object's
 * BTF for bpf2go's -type (TestRecordLayout compares them with the decoder).
 */
struct rec_buf {
	union {
		__u8 b[REC_SZ];
		struct {
			struct rec_hdr hdr;
			union {
				struct exec_body exec;
				struct exit_body exit;
				struct file_body file;
				struct net_body net;
				struct arg_body arg;
			} body;
		} parts;
	};
};

/*
 * A path is built in path_buf.out: a base directory (cwd, dirfd or a
 * file's own path) is written backwards by walking dentries so that it
 * ends at BASE_END, then the components of a user path are appended
 * forwards, "." dropped and ".." popping a component. sl[] is a stack of
 * the slash positions of the components, growing down from MAX_DEPTH for
 * appended components; the walked base sits above it.
 */
#define BASE_END 4096
#define OUT_END 8191
#define OUT_SZ (8192 + 4096 + 64)
#define REL_SZ (4096 + 512)
#define MAX_DEPTH 64
#define SL_N 128
#define MAX_WALK 160 /* dentries plus mount crossings */

struct lpm_key {
	__u32 prefixlen;
	__u8 data[256];
};

/* watch trie entries (watch_val.kind) */
#define WATCH_PREFIX 1	/* a watched prefix: the path and everything below it */
#define WATCH_RO_EXCL 2 /* an exact path, below a watched prefix, whose read-only opens are not sent */

struct watch_val {
	__u32 kind;
	__u32 keylen; /* bytes of the entry's key (the path and its slash) */
};

struct walk_state {
	__u64 d;       /* struct dentry * */
	__u64 vm;      /* struct vfsmount * */
	__u64 mnt_root; /* vm's root dentry, read once per mount */
	__u64 root_d;  /* the task's root */
	__u64 root_vm;
	__s32 pos;     /* the walked path is out[pos, BASE_END) */
	__u32 n;       /* components walked */
	__u32 flags;
	__u32 pad;
};

struct norm_state {
	__u32 n;      /* length of the user path in rel */
	__u32 cs;     /* start of the current component */
	__u32 end;    /* end of the path being built in out */
	__u32 tp;     /* top of the sl stack */
	__u32 bottom; /* below it the base has no more components */
	__u32 flags;
};

struct path_buf {
	__u8 out[OUT_SZ];
	__u8 rel[REL_SZ];
	__u16 sl[SL_N];
	struct lpm_key key;
	struct walk_state w;
	struct norm_state ns;
};

struct drop_count {
	__u64 records;
	__u64 bytes;
};

/* A syscall's arguments, as take reads them on exit. */
struct sys_args {
	__u64 args[5];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20); /* set from Config.RingBufferBytes */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, OP_MAX);
	__type(key, __u32);
	__type(value, struct drop_count);
} drops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct rec_buf);
} rec_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct path_buf);
} path_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32); /* tgid */
	__type(value, __u8);
} ignore_pids SEC(".maps");

/* Processes inside execveat (so the exec event can say which syscall). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32); /* tgid: exec may change the thread's ID, not this */
	__type(value, __u8);
} in_execveat SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 256 + 64); /* MaxWatchPrefixes + MaxReadOnlyExclusions */
	__type(key, struct lpm_key); /* "/etc/": a prefix with a trailing slash */
	__type(value, struct watch_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} watch SEC(".maps");


/* ---- small helpers --------------------------------------------------- */

/*
 * BOUND masks a value in a way the compiler cannot drop as redundant, so
 * the verifier sees the bound right where a helper's size or a buffer
 * offset needs it.
 */
#define BOUND(x, mask) asm volatile("%0 &= " #mask : "+r"(x))

static __always_inline int ignored(void)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	return bpf_map_lookup_elem(&ignore_pids, &tgid) != 0;
}

static __always_inline __u8 *rec_get(void)
{
	__u32 zero = 0;
	struct rec_buf *b = bpf_map_lookup_elem(&rec_scratch, &zero);

	return b ? b->b : 0;
}

static __always_inline struct path_buf *path_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&path_scratch, &zero);
}

/*
 * take reads a syscall's arguments in its exit program, from the user
 * registers the kernel saved on entry (x86_64: di, si, dx, r10, r8): they
 * stay as the syscall used them until the return to user space. So each
 * syscall needs one program, on exit, and no per-thread stash between an
 * enter and an exit program. Returns 0 for an ignored process.
 */
static __always_inline int take(struct sys_args *a)
{
	struct pt_regs *regs;

	if (ignored())
		return 0;
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	a->args[0] = regs->di;
	a->args[1] = regs->si;
	a->args[2] = regs->dx;
	a->args[3] = regs->r10;
	a->args[4] = regs->r8;
	return 1;
}

/*
 * fill_hdr reads the task through a BTF pointer (t is the current task
 * from bpf_get_current_task_btf or a BTF tracepoint's argument): direct,
 * fault-safe loads instead of one bpf_probe_read_kernel call per field.
 */
static __always_inline void fill_hdr(__u8 *r, struct task_struct *t, __u16 op, __s64 ret)
{
	struct rec_hdr *h = (void *)r;
	const struct cred *c = t->real_cred;
	__u64 id = bpf_get_current_pid_tgid();

	h->op = op;
	h->flags = 0;
	h->pad = 0;
	h->ts_boot_ns = bpf_ktime_get_boot_ns();
	h->ret = ret;
	h->cgroup_id = bpf_get_current_cgroup_id();
	h->pid = id >> 32;
	h->tid = (__u32)id;
	h->ppid = t->real_parent->tgid;
	h->uid = c->uid.val;
	h->gid = c->gid.val;
	h->euid = c->euid.val;
	h->egid = c->egid.val;
	if (bpf_core_field_exists(t->loginuid))
		h->loginuid = t->loginuid.val;
	else
		h->loginuid = 0xffffffff;
	bpf_get_current_comm(h->comm, sizeof(h->comm));
}

/*
 * Wakeup policy. Waking the reader is not free: each wakeup queues an
 * irq_work (a self-IPI) in the producing task's context and costs the
 * reader an epoll round trip, which on an exec storm is most of the
 * sensor's overhead. So records are written without a wakeup while less
 * than wakeup_bytes are pending, and with a forced one from then on; the
 * reader also polls the ring on a short interval (sensor_linux.go,
 * pollInterval), which bounds the latency of a quiet trickle of events.
 * wakeup_bytes is set by the loader; 0 keeps the kernel's default (a
 * wakeup whenever the reader has caught up).
 */
const volatile __u64 wakeup_bytes = 0;

static __always_inline __u64 wakeup_flag(void)
{
	if (!wakeup_bytes)
		return 0;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wakeup_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

static __always_inline void submit(__u8 *r, __u32 size, __u32 op)
{
	struct drop_count *dc;

	if (size > REC_SZ)
		return;
	if (bpf_ringbuf_output(&events, r, size, wakeup_flag()) == 0)
		return;
	dc = bpf_map_lookup_elem(&drops, &op);
	if (dc) {
		dc->records++;
		dc->bytes += size;
	}
}

static __always_inline struct file *fd_file(struct task_struct *t, long fd)
{
	struct fdtable *fdt;
	struct file **arr;
	struct file *f = 0;
	unsigned int max;

	if (fd < 0)
		return 0;
	fdt = t->files->fdt;
	if (!fdt)
		return 0;
	max = fdt->max_fds;
	if ((unsigned long)fd >= max)
		return 0;
	arr = fdt->fd;
	bpf_probe_read_kernel(&f, sizeof(f), &arr[fd]);
	return f;
}

/* ---- record strings -------------------------------------------------- */


static __always_inline __u32 put_len(__u8 *r, __u32 off, __u32 len)
{
	BOUND(off, 0x3fff);
	r[off] = len & 0xff;
	r[off + 1] = (len >> 8) & 0xff;
	return off;
}

static __always_inline __u32 put_empty(__u8 *r, __u32 off)
{
	off = put_len(r, off, 0);
	return off + 2;
}

/* put_ustr copies a NUL-terminated user string of at most max-1 bytes. */
static __always_inline __u32 put_ustr(__u8 *r, __u32 off, const void *src, __u32 max)
{
	long n;
	__u32 len = 0;

	BOUND(off, 0x3fff);
	if (src) {
		n = bpf_probe_read_user_str(r + off + 2, max, src);
		if (n > 0)
			len = (n - 1) & 0xfff;
	}
	put_len(r, off, len);
	return off + 2 + len;
}

static __always_inline __u32 put_path(__u8 *r, __u32 off, struct path_buf *pb, __u32 start, __u32 len)
{
	BOUND(off, 0x3fff);
	BOUND(len, 0xfff);
	BOUND(start, 0x1fff);
	put_len(r, off, len);
	bpf_probe_read_kernel(r + off + 2, len, &pb->out[start]);
	return off + 2 + len;
}

/* ---- paths ----------------------------------------------------------- */

/*
 * Loop state lives in the per-CPU path_buf, not on the stack: the verifier
 * does not track map memory, so each bpf_loop callback is verified once
 * instead of once per distinct value of its counters.
 */
struct loop_ctx {
	struct path_buf *pb;
};

static __always_inline void *mount_of(struct vfsmount *vm)
{
	return (void *)vm - bpf_core_field_offset(struct mount, mnt);
}

static __always_inline int prepend(struct path_buf *pb, struct dentry *d)
{
	struct walk_state *w = &pb->w;
	const unsigned char *name = BPF_CORE_READ(d, d_name.name);
	__u32 len = BPF_CORE_READ(d, d_name.len);
	__u32 n = w->n;
	__s32 np;

	if (len > 255)
		len = 255;
	np = w->pos - (__s32)len - 1;
	if (np < 0 || np >= BASE_END || n >= MAX_DEPTH) {
		w->flags |= RF_PATH_TRUNC;
		return -1;
	}
	BOUND(np, 0xfff);
	BOUND(len, 0xff);
	bpf_probe_read_kernel(&pb->out[np + 1], len, name);
	pb->out[np] = '/';
	BOUND(n, 0x3f);
	pb->sl[MAX_DEPTH + n] = np;
	w->n = n + 1;
	w->pos = np;
	return 0;
}

/*
 * walk_step moves one dentry up: across a mount to its mountpoint at a
 * mount's root, stopping at the task's root (so a container's paths are
 * as the container sees them) or the namespace's root. A dentry that is
 * its own parent without being a mount root (memfd, pipe, socket and
 * other pseudo files) ends the path with its name ("/memfd:x").
 */
static long walk_step(__u32 i, void *arg)
{
	struct path_buf *pb = ((struct loop_ctx *)arg)->pb;
	struct walk_state *w = &pb->w;
	struct dentry *d = (void *)w->d;
	struct vfsmount *vm = (void *)w->vm;
	struct dentry *parent;
	struct mount *m, *mp;

	if (!d)
		return 1;
	if (d == (void *)w->root_d && vm == (void *)w->root_vm)
		return 1;
	if (d == (void *)w->mnt_root) {
		m = mount_of(vm);
		mp = BPF_CORE_READ(m, mnt_parent);
		if (!mp || mp == m)
			return 1;
		w->d = (__u64)BPF_CORE_READ(m, mnt_mountpoint);
		w->vm = (__u64)((void *)mp + bpf_core_field_offset(struct mount, mnt));
		w->mnt_root = (__u64)BPF_CORE_READ(mp, mnt.mnt_root);
		return 0;
	}
	parent = BPF_CORE_READ(d, d_parent);
	if (prepend(pb, d) < 0)
		return 1;
	if (!parent || parent == d)
		return 1;
	w->d = (__u64)parent;
	return 0;
}

/* walk writes the path of (vm, d) backwards into out[w.pos, BASE_END). */
static __always_inline void walk(struct path_buf *pb, struct task_struct *t, struct vfsmount *vm,
				 struct dentry *d)
{
	struct loop_ctx lc = {.pb = pb};
	struct walk_state *w = &pb->w;

	w->d = (__u64)d;
	w->vm = (__u64)vm;
	w->mnt_root = (__u64)BPF_CORE_READ(vm, mnt_root);
	w->root_d = (__u64)t->fs->root.dentry;
	w->root_vm = (__u64)t->fs->root.mnt;
	w->pos = BASE_END;
	w->n = 0;
	w->flags = 0;
	if (d)
		bpf_loop(MAX_WALK, walk_step, &lc, 0);
}

/* walk_done returns the walked path's length and sets *start ("/" if empty). */
static __always_inline __u32 walk_done(struct path_buf *pb, __u32 *start)
{
	__s32 pos = pb->w.pos;

	if (pos < 0 || pos >= BASE_END) {
		pb->out[BASE_END - 1] = '/';
		*start = BASE_END - 1;
		return 1;
	}
	*start = pos;
	return BASE_END - pos;
}

/* file_path puts the path of an open file into pb->out. */
static __always_inline long file_path(struct path_buf *pb, struct task_struct *t, struct file *f,
				      __u32 *start, __u16 *flags)
{
	if (!f)
		return -1;
	walk(pb, t, BPF_CORE_READ(f, f_path.mnt), BPF_CORE_READ(f, f_path.dentry));
	*flags |= pb->w.flags;
	return walk_done(pb, start);
}

static long norm_step(__u32 i, void *arg)
{
	struct path_buf *pb = ((struct loop_ctx *)arg)->pb;
	struct norm_state *c = &pb->ns;
	__u32 cs, clen, e, tp, ci = i;

	BOUND(ci, 0xfff);
	if (i < c->n && pb->rel[ci] != '/')
		return 0;
	cs = c->cs;
	c->cs = i + 1;
	if (i <= cs)
		return 0; /* empty component: "//" or a leading "/" */
	clen = i - cs;
	BOUND(cs, 0xfff);
	if (pb->rel[cs] == '.') {
		if (clen == 1)
			return 0;
		if (clen == 2 && pb->rel[cs + 1] == '.') {
			tp = c->tp;
			if (tp < c->bottom && tp < SL_N) {
				BOUND(tp, 0x7f);
				c->end = pb->sl[tp];
				c->tp = tp + 1;
			}
			return 0;
		}
	}
	if (clen > 255) {
		clen = 255;
		c->flags |= RF_PATH_TRUNC;
	}
	e = c->end;
	tp = c->tp;
	if (e + 1 + clen > OUT_END || tp == 0 || tp > SL_N) {
		c->flags |= RF_PATH_TRUNC;
		return 1;
	}
	BOUND(e, 0x1fff);
	BOUND(clen, 0xff);
	pb->out[e] = '/';
	bpf_probe_read_kernel(&pb->out[e + 1], clen, &pb->rel[cs]);
	tp--;
	BOUND(tp, 0x7f);
	pb->sl[tp] = e;
	c->tp = tp;
	c->end = e + 1 + clen;
	return 0;
}

/*
 * user_path resolves a path argument: absolute as given, else relative to
 * dfd (AT_FDCWD: the cwd), then lexically cleaned ("." and ".." removed,
 * slashes collapsed; symlinks are not followed). The result is
 * pb->out[*start, *start+len); returns len or -1.
 */
static __always_inline long user_path(struct path_buf *pb, struct task_struct *t, long dfd,
				      const char *upath, __u32 *start, __u16 *flags)
{
	struct loop_ctx lc = {.pb = pb};
	struct norm_state *c = &pb->ns;
	struct file *f;
	__s32 s;
	__u32 end, len;
	long n;

	n = bpf_probe_read_user_str(pb->rel, 4096, upath);
	if (n <= 0)
		return -1;
	n = (n - 1) & 0xfff;
	if (n > 0 && pb->rel[0] == '/') {
		pb->w.pos = BASE_END;
		pb->w.n = 0;
		pb->w.flags = 0;
	} else if (dfd == AT_FDCWD) {
		walk(pb, t, t->fs->pwd.mnt, t->fs->pwd.dentry);
	} else {
		f = fd_file(t, dfd);
		if (!f)
			return -1;
		walk(pb, t, BPF_CORE_READ(f, f_path.mnt), BPF_CORE_READ(f, f_path.dentry));
	}
	c->n = n;
	c->cs = 0;
	c->end = BASE_END;
	c->tp = MAX_DEPTH;
	c->bottom = MAX_DEPTH + pb->w.n;
	c->flags = pb->w.flags;
	bpf_loop(n + 1, norm_step, &lc, 0);

	s = pb->w.pos;
	if (s < 0 || s > BASE_END)
		s = BASE_END;
	end = c->end;
	if (end <= (__u32)s || end > OUT_END) {
		pb->out[s & 0x1fff] = '/';
		end = s + 1;
	}
	len = end - s;
	if (len > PATH_LEN) {
		len = PATH_LEN;
		c->flags |= RF_PATH_TRUNC;
	}
	*flags |= c->flags;
	*start = s;
	return len;
}

/* watched's verdicts */
#define W_NO 0
#define W_YES 1
#define W_RO_EXCL 2 /* watched, but read-only opens of exactly this path are not sent */

/*
 * watched says whether out[start, start+len) lies under a watched prefix.
 * The trie holds each prefix with a trailing slash; the path is looked up
 * with one appended, so "/etc" matches "/etc" and "/etc/x" but not
 * "/etcx". Only the first 256 bytes take part. A read-only exclusion is
 * stored the same way (only below a watched prefix, so matching it means
 * watched) and applies when it matches the whole path.
 */
static __always_inline int watched(struct path_buf *pb, __u32 start, __u32 len)
{
	struct lpm_key *k = &pb->key;
	struct watch_val *v;

	BOUND(start, 0x1fff);
	bpf_probe_read_kernel(k->data, sizeof(k->data), &pb->out[start]);
	if (len < sizeof(k->data)) {
		__u32 i = len;

		BOUND(i, 0xff);
		k->data[i] = '/';
		len++;
	} else {
		len = sizeof(k->data);
	}
	k->prefixlen = len * 8;
	v = bpf_map_lookup_elem(&watch, k);
	if (!v)
		return W_NO;
	if (v->kind == WATCH_RO_EXCL && v->keylen == len)
		return W_RO_EXCL;
	return W_YES;
}

/* ---- file events ----------------------------------------------------- */

/* A path operand: a user path relative to fd, or (upath 0) the file fd. */
struct operand {
	long fd;
	const char *upath;
};

static __always_inline long operand_path(struct path_buf *pb, struct task_struct *t, struct operand *o,
					 __u32 *start, __u16 *flags)
{
	if (!o->upath)
		return file_path(pb, t, fd_file(t, o->fd), start, flags);
	return user_path(pb, t, o->fd, o->upath, start, flags);
}

/*
 * emit_file resolves the operands' paths and sends the record when one of
 * them is watched. ro_open marks a read-only open, to which the read-only
 * exclusions apply. A lone operand that is not watched is rejected before
 * anything is copied into the record.
 */
static __always_inline int emit_file(__u32 op, long ret, struct operand *p1, struct operand *p2,
				     __u32 fflags, __u32 mode, long fd, int ro_open)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u8 *r = rec_get();
	struct path_buf *pb = path_get();
	struct file_body *b;
	__u32 off, start = 0;
	__u16 rflags = 0;
	int hit = 0, w;
	long len;

	if (!r || !pb)
		return 0;
	off = sizeof(struct rec_hdr) + sizeof(struct file_body);
	len = operand_path(pb, t, p1, &start, &rflags);
	if (len >= 0) {
		w = watched(pb, start, len);
		if (w == W_RO_EXCL && ro_open)
			return 0;
		hit = w != W_NO;
	}
	if (!hit && !p2)
		return 0;
	if (len >= 0)
		off = put_path(r, off, pb, start, len);
	else
		off = put_empty(r, off);
	if (p2) {
		len = operand_path(pb, t, p2, &start, &rflags);
		if (len >= 0) {
			hit |= watched(pb, start, len) != W_NO;
			off = put_path(r, off, pb, start, len);
		} else {
			off = put_empty(r, off);
		}
	} else {
		off = put_empty(r, off);
	}
	if (!hit)
		return 0;
	fill_hdr(r, t, op, ret);
	((struct rec_hdr *)r)->flags = rflags;
	b = (void *)(r + sizeof(struct rec_hdr));
	b->flags = fflags;
	b->mode = mode;
	b->fd = fd;
	b->pad = 0;
	submit(r, off, op);
	return 0;
}

#define O_ACCMODE 3
#define O_RDONLY 0
#define O_CREAT 0100
#define O_TRUNC 01000

/* read_only: open flags that neither write nor create nor truncate. */
static __always_inline int read_only(__u32 flags)
{
	return (flags & O_ACCMODE) == O_RDONLY && !(flags & (O_CREAT | O_TRUNC));
}

struct open_how_user {
	__u64 flags;
	__u64 mode;
};

/*
 * A successful open is reported with the path of the file it opened (the
 * kernel's resolution, symlinks followed), a failed one with the requested
 * path made absolute.
 */
static __always_inline int handle_open(struct sys_exit_ctx *ctx, __u32 op)
{
	struct open_how_user how = {};
	struct operand p = {};
	struct sys_args s;
	long ret = ctx->ret;
	__u32 flags, mode;

	if (!take(&s))
		return 0;
	if (op == OP_OPEN) {
		p.fd = AT_FDCWD;
		p.upath = (const char *)s.args[0];
		flags = s.args[1];
		mode = s.args[2];
	} else if (op == OP_OPENAT) {
		p.fd = (int)s.args[0];
		p.upath = (const char *)s.args[1];
		flags = s.args[2];
		mode = s.args[3];
	} else {
		p.fd = (int)s.args[0];
		p.upath = (const char *)s.args[1];
		bpf_probe_read_user(&how, sizeof(how), (void *)s.args[2]);
		flags = how.flags;
		mode = how.mode;
	}
	if (ret >= 0) {
		p.fd = ret;
		p.upath = 0;
	}
	return emit_file(op, ret, &p, 0, flags, mode, ret >= 0 ? ret : -1, read_only(flags));
}

static __always_inline int handle_unlink(struct sys_exit_ctx *ctx, __u32 op)
{
	struct operand p = {};
	struct sys_args s;

	if (!take(&s))
		return 0;
	if (op == OP_UNLINK) {
		p.fd = AT_FDCWD;
		p.upath = (const char *)s.args[0];
		return emit_file(op, ctx->ret, &p, 0, 0, 0, -1, 0);
	}
	p.fd = (int)s.args[0];
	p.upath = (const char *)s.args[1];
	return emit_file(op, ctx->ret, &p, 0, s.args[2], 0, -1, 0);
}

static __always_inline int handle_rename(struct sys_exit_ctx *ctx, __u32 op)
{
	struct operand p1 = {}, p2 = {};
	struct sys_args s;
	__u32 flags = 0;

	if (!take(&s))
		return 0;
	if (op == OP_RENAME) {
		p1.fd = AT_FDCWD;
		p1.upath = (const char *)s.args[0];
		p2.fd = AT_FDCWD;
		p2.upath = (const char *)s.args[1];
	} else {
		p1.fd = (int)s.args[0];
		p1.upath = (const char *)s.args[1];
		p2.fd = (int)s.args[2];
		p2.upath = (const char *)s.args[3];
		if (op == OP_RENAMEAT2)
			flags = s.args[4];
	}
	return emit_file(op, ctx->ret, &p1, &p2, flags, 0, -1, 0);
}

static __always_inline int handle_chmod(struct sys_exit_ctx *ctx, __u32 op)
{
	struct operand p = {};
	struct sys_args s;

	if (!take(&s))
		return 0;
	if (op == OP_CHMOD) {
		p.fd = AT_FDCWD;
		p.upath = (const char *)s.args[0];
		return emit_file(op, ctx->ret, &p, 0, 0, s.args[1], -1, 0);
	}
	if (op == OP_FCHMOD) {
		p.fd = (int)s.args[0];
		return emit_file(op, ctx->ret, &p, 0, 0, s.args[1], p.fd, 0);
	}
	/* fchmodat and fchmodat2 (args[3] holds fchmodat2's flags) */
	p.fd = (int)s.args[0];
	p.upath = (const char *)s.args[1];
	return emit_file(op, ctx->ret, &p, 0, 0, s.args[2], -1, 0);
}

/* ---- network events -------------------------------------------------- */

static __always_inline struct sock *fd_sock(struct task_struct *t, long fd)
{
	struct file *f = fd_file(t, fd);
	struct socket *so;

	if (!f)
		return 0;
	if ((BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
		return 0;
	so = BPF_CORE_READ(f, private_data);
	return BPF_CORE_READ(so, sk);
}

static __always_inline int known_family(__u16 family)
{
	return family == AF_INET || family == AF_INET6 || family == AF_UNIX;
}

/* sk_addrs reads a socket's local and remote address and port. */
static __always_inline void sk_addrs(struct sock *sk, __u16 family, __u8 *local, __u16 *lport, __u8 *remote,
				     __u16 *rport)
{
	__be16 dport = BPF_CORE_READ(sk, __sk_common.skc_dport);

	*lport = BPF_CORE_READ(sk, __sk_common.skc_num);
	*rport = __builtin_bswap16(dport);
	if (family == AF_INET) {
		__be32 a = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__be32 b = BPF_CORE_READ(sk, __sk_common.skc_daddr);

		__builtin_memcpy(local, &a, 4);
		__builtin_memcpy(remote, &b, 4);
	} else if (family == AF_INET6) {
		bpf_core_read(local, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		bpf_core_read(remote, 16, &sk->__sk_common.skc_v6_daddr);
	}
}

/* put_unix_path copies a unix socket's bound path (sun_path bytes). */
static __always_inline __u32 put_unix_path(__u8 *r, __u32 off, struct sock *sk)
{
	struct unix_address *a = BPF_CORE_READ((struct unix_sock *)sk, addr);
	int alen;
	__u32 len;

	if (!a)
		return put_empty(r, off);
	alen = BPF_CORE_READ(a, len);
	alen -= 2; /* sun_family */
	if (alen <= 0)
		return put_empty(r, off);
	len = alen > 108 ? 108 : alen;
	BOUND(len, 0x7f);
	off = put_len(r, off, len);
	bpf_probe_read_kernel(r + off + 2, len, &a->name[0].sun_path);
	return off + 2 + len;
}

static __always_inline void *net_body_init(__u8 *r, struct sock *sk, __u16 family, long fd)
{
	struct net_body *b = (void *)(r + sizeof(struct rec_hdr));

	__builtin_memset(b, 0, sizeof(*b));
	b->family = family;
	b->fd = fd;
	if (sk) {
		b->protocol = BPF_CORE_READ(sk, sk_protocol);
		b->sock_type = BPF_CORE_READ(sk, sk_type);
	}
	return b;
}

/*
 * connect: the server is the address the caller passed (sockaddr_in,
 * sockaddr_in6 or sockaddr_un), the client the socket's local end.
 */
static __always_inline int handle_connect(struct sys_exit_ctx *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct path_buf *pb = path_get();
	__u8 *r = rec_get();
	struct net_body *b;
	struct sys_args s;
	struct sock *sk;
	__u16 family, lport = 0, rport = 0;
	__u8 remote[16];
	__u32 off;
	long alen;

	if (!take(&s) || !r || !pb)
		return 0;
	alen = (int)s.args[2];
	if (alen < 2)
		return 0;
	if (alen > 110)
		alen = 110;
	if (bpf_probe_read_user(pb->rel, alen, (void *)s.args[1]) < 0)
		return 0;
	family = pb->rel[0] | (pb->rel[1] << 8);
	if (!known_family(family))
		return 0;
	sk = fd_sock(t, (int)s.args[0]);
	b = net_body_init(r, sk, family, (int)s.args[0]);
	off = sizeof(struct rec_hdr) + sizeof(struct net_body);
	if (family == AF_UNIX) {
		__u32 len = (alen - 2) & 0x7f;

		off = put_len(r, off, len);
		bpf_probe_read_kernel(r + off + 2, len, &pb->rel[2]);
		off += 2 + len;
	} else {
		if (sk && BPF_CORE_READ(sk, __sk_common.skc_family) == family)
			sk_addrs(sk, family, b->client_addr, &lport, remote, &rport);
		b->client_port = lport;
		b->server_port = (pb->rel[2] << 8) | pb->rel[3];
		if (family == AF_INET)
			__builtin_memcpy(b->server_addr, &pb->rel[4], 4);
		else
			__builtin_memcpy(b->server_addr, &pb->rel[8], 16);
		off = put_empty(r, off);
	}
	fill_hdr(r, t, OP_CONNECT, ctx->ret);
	submit(r, off, OP_CONNECT);
	return 0;
}

/*
 * accept: the new socket's local end is the server, its peer the client;
 * a failed accept (other than EAGAIN) is reported with the listening
 * socket. listen: the socket's local end is the server.
 */
static __always_inline int handle_server(struct sys_exit_ctx *ctx, __u32 op)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u8 *r = rec_get();
	struct net_body *b;
	struct sys_args s;
	struct sock *sk;
	long ret = ctx->ret, fd;
	__u16 family, lport = 0, rport = 0;
	__u8 remote[16] = {};
	__u32 off;

	if (!take(&s) || !r)
		return 0;
	if (ret == -EAGAIN)
		return 0;
	fd = (int)s.args[0];
	if (op != OP_LISTEN && ret >= 0)
		fd = ret;
	sk = fd_sock(t, fd);
	if (!sk)
		return 0;
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (!known_family(family))
		return 0;
	b = net_body_init(r, sk, family, fd);
	off = sizeof(struct rec_hdr) + sizeof(struct net_body);
	if (family == AF_UNIX) {
		off = put_unix_path(r, off, sk);
	} else {
		sk_addrs(sk, family, b->server_addr, &lport, remote, &rport);
		b->server_port = lport;
		if (op != OP_LISTEN && ret >= 0) {
			__builtin_memcpy(b->client_addr, remote, 16);
			b->client_port = rport;
		}
		off = put_empty(r, off);
	}
	if (op == OP_LISTEN)
		b->backlog = (int)s.args[1];
	fill_hdr(r, t, op, ret);
	submit(r, off, op);
	return 0;
}

/* ---- other events ---------------------------------------------------- */

static __always_inline int emit_args(__u32 op, long ret, __u64 a0, __u64 a1, __u64 a2)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u8 *r = rec_get();
	struct arg_body *b;
	__u32 off;

	if (!r)
		return 0;
	b = (void *)(r + sizeof(struct rec_hdr));
	b->a[0] = a0;
	b->a[1] = a1;
	b->a[2] = a2;
	b->a[3] = 0;
	off = sizeof(struct rec_hdr) + sizeof(struct arg_body);
	off = put_empty(r, off);
	off = put_empty(r, off);
	off = put_empty(r, off);
	fill_hdr(r, t, op, ret);
	submit(r, off, op);
	return 0;
}

static __always_inline int handle_ids(struct sys_exit_ctx *ctx, __u32 op)
{
	struct sys_args s;

	if (!take(&s))
		return 0;
	if (op == OP_SETUID || op == OP_SETGID)
		return emit_args(op, ctx->ret, (__u32)s.args[0], 0, 0);
	return emit_args(op, ctx->ret, (__u32)s.args[0], (__u32)s.args[1], (__u32)s.args[2]);
}

#define PTRACE_TRACEME 0
#define PTRACE_POKETEXT 4
#define PTRACE_POKEDATA 5
#define PTRACE_POKEUSR 6
#define PTRACE_ATTACH 16
#define PTRACE_SEIZE 0x4206

static __always_inline int interesting_ptrace(long req)
{
	return req == PTRACE_TRACEME || req == PTRACE_POKETEXT || req == PTRACE_POKEDATA ||
	       req == PTRACE_POKEUSR || req == PTRACE_ATTACH || req == PTRACE_SEIZE;
}

static __always_inline int handle_ptrace(struct sys_exit_ctx *ctx)
{
	struct sys_args s;

	if (!take(&s) || !interesting_ptrace((long)s.args[0]))
		return 0;
	return emit_args(OP_PTRACE, ctx->ret, s.args[0], (__u32)s.args[1], 0);
}

static __always_inline int handle_memfd(struct sys_exit_ctx *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u8 *r = rec_get();
	struct arg_body *b;
	struct sys_args s;
	__u32 off;

	if (!take(&s) || !r)
		return 0;
	b = (void *)(r + sizeof(struct rec_hdr));
	__builtin_memset(b, 0, sizeof(*b));
	b->a[0] = (__u32)s.args[1];
	off = sizeof(struct rec_hdr) + sizeof(struct arg_body);
	off = put_ustr(r, off, (void *)s.args[0], 256);
	off = put_empty(r, off);
	off = put_empty(r, off);
	fill_hdr(r, t, OP_MEMFD_CREATE, ctx->ret);
	submit(r, off, OP_MEMFD_CREATE);
	return 0;
}

static __always_inline int handle_mount(struct sys_exit_ctx *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct path_buf *pb = path_get();
	__u8 *r = rec_get();
	struct arg_body *b;
	struct sys_args s;
	__u32 off, start = 0;
	__u16 rflags = 0;
	long len;

	if (!take(&s) || !r || !pb)
		return 0;
	b = (void *)(r + sizeof(struct rec_hdr));
	__builtin_memset(b, 0, sizeof(*b));
	b->a[0] = s.args[3];
	off = sizeof(struct rec_hdr) + sizeof(struct arg_body);
	off = put_ustr(r, off, (void *)s.args[0], 4096);
	len = user_path(pb, t, AT_FDCWD, (const char *)s.args[1], &start, &rflags);
	if (len >= 0)
		off = put_path(r, off, pb, start, len);
	else
		off = put_empty(r, off);
	off = put_ustr(r, off, (void *)s.args[2], 256);
	fill_hdr(r, t, OP_MOUNT, ctx->ret);
	((struct rec_hdr *)r)->flags = rflags;
	submit(r, off, OP_MOUNT);
	return 0;
}

/* module loading: init_module(umod, len, uargs), finit_module(fd, uargs, flags);
 * the parameters are not reported. */
static __always_inline int emit_module(__u32 op, long ret, __u64 a0, __u64 a1, __u64 a2)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct path_buf *pb = path_get();
	__u8 *r = rec_get();
	struct arg_body *b;
	__u32 off, start = 0;
	__u16 rflags = 0;
	long len = -1;

	if (!r || !pb)
		return 0;
	b = (void *)(r + sizeof(struct rec_hdr));
	__builtin_memset(b, 0, sizeof(*b));
	off = sizeof(struct rec_hdr) + sizeof(struct arg_body);
	if (op == OP_FINIT_MODULE) {
		b->a[0] = (int)a0;
		b->a[1] = (__u32)a2;
		len = file_path(pb, t, fd_file(t, (int)a0), &start, &rflags);
	} else {
		b->a[0] = a1;
	}
	if (len >= 0)
		off = put_path(r, off, pb, start, len);
	else
		off = put_empty(r, off);
	off = put_empty(r, off);
	off = put_empty(r, off);
	fill_hdr(r, t, op, ret);
	((struct rec_hdr *)r)->flags = rflags;
	submit(r, off, op);
	return 0;
}

static __always_inline int handle_module(struct sys_exit_ctx *ctx, __u32 op)
{
	struct sys_args s;

	if (!take(&s))
		return 0;
	return emit_module(op, ctx->ret, s.args[0], s.args[1], s.args[2]);
}

/* ---- programs -------------------------------------------------------- */

#define EXIT(name, call)                                                                           \
	SEC("tracepoint/syscalls/sys_exit_" #name)                                                 \
	int exit_##name(struct sys_exit_ctx *ctx)                                                  \
	{                                                                                          \
		return call;                                                                       \
	}

EXIT(open, handle_open(ctx, OP_OPEN))
EXIT(openat, handle_open(ctx, OP_OPENAT))
EXIT(openat2, handle_open(ctx, OP_OPENAT2))
EXIT(unlink, handle_unlink(ctx, OP_UNLINK))
EXIT(unlinkat, handle_unlink(ctx, OP_UNLINKAT))
EXIT(rename, handle_rename(ctx, OP_RENAME))
EXIT(renameat, handle_rename(ctx, OP_RENAMEAT))
EXIT(renameat2, handle_rename(ctx, OP_RENAMEAT2))
EXIT(chmod, handle_chmod(ctx, OP_CHMOD))
EXIT(fchmod, handle_chmod(ctx, OP_FCHMOD))
EXIT(fchmodat, handle_chmod(ctx, OP_FCHMODAT))
EXIT(fchmodat2, handle_chmod(ctx, OP_FCHMODAT))
EXIT(connect, handle_connect(ctx))
EXIT(accept, handle_server(ctx, OP_ACCEPT))
EXIT(accept4, handle_server(ctx, OP_ACCEPT4))
EXIT(listen, handle_server(ctx, OP_LISTEN))
EXIT(setuid, handle_ids(ctx, OP_SETUID))
EXIT(setgid, handle_ids(ctx, OP_SETGID))
EXIT(setresuid, handle_ids(ctx, OP_SETRESUID))
EXIT(setresgid, handle_ids(ctx, OP_SETRESGID))
EXIT(ptrace, handle_ptrace(ctx))
EXIT(memfd_create, handle_memfd(ctx))
EXIT(mount, handle_mount(ctx))
EXIT(init_module, handle_module(ctx, OP_INIT_MODULE))
EXIT(finit_module, handle_module(ctx, OP_FINIT_MODULE))

#define NR_INIT_MODULE 175
#define NR_FINIT_MODULE 313

/*
 * execveat marks its process so on_exec reports OP_EXECVEAT; the mark is
 * removed on syscall exit, which comes after sched_process_exec when the
 * exec succeeds and in its place when it fails.
 */
SEC("tracepoint/syscalls/sys_enter_execveat")
int enter_execveat(struct sys_enter_ctx *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u8 one = 1;

	bpf_map_update_elem(&in_execveat, &tgid, &one, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execveat")
int exit_execveat(struct sys_exit_ctx *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	bpf_map_delete_elem(&in_execveat, &tgid);
	return 0;
}

/*
 * Module syscalls by number on raw sys_exit, for kernels without
 * CONFIG_MODULES (no per-syscall tracepoints there). Attached only when
 * the per-syscall tracepoints are missing.
 */
SEC("tp_btf/sys_exit")
int module_sys_exit(__u64 *ctx)
{
	struct pt_regs *regs = (void *)ctx[0];
	long ret = (long)ctx[1];
	unsigned long nr = BPF_CORE_READ(regs, orig_ax);

	if (nr != NR_INIT_MODULE && nr != NR_FINIT_MODULE)
		return 0;
	if (ignored())
		return 0;
	return emit_module(nr == NR_INIT_MODULE ? OP_INIT_MODULE : OP_FINIT_MODULE, ret,
			   BPF_CORE_READ(regs, di), BPF_CORE_READ(regs, si), BPF_CORE_READ(regs, dx));
}

static __always_inline __u16 fd_kind(struct task_struct *t, long fd)
{
	struct file *f = fd_file(t, fd);
	struct socket *so;
	__u16 family;

	if (!f)
		return FD_UNKNOWN;
	switch (BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) {
	case S_IFREG:
	case S_IFBLK:
		return FD_FILE;
	case S_IFDIR:
		return FD_DIR;
	case S_IFIFO:
		return FD_PIPE;
	case S_IFCHR:
		return FD_CHAR;
	case S_IFSOCK:
		so = BPF_CORE_READ(f, private_data);
		family = BPF_CORE_READ(so, sk, __sk_common.skc_family);
		if (family == AF_INET)
			return FD_IPV4;
		if (family == AF_INET6)
			return FD_IPV6;
		if (family == AF_UNIX)
			return FD_UNIX;
		return FD_SOCKET;
	}
	return FD_UNKNOWN;
}

static __always_inline __u32 pid_at(struct pid *p, unsigned int level)
{
	__u64 off = bpf_core_field_offset(struct pid, numbers) + (level & 63) * bpf_core_type_size(struct upid) +
		    bpf_core_field_offset(struct upid, nr);
	int nr = 0;

	if (!p)
		return 0;
	bpf_probe_read_kernel(&nr, sizeof(nr), (void *)p + off);
	return nr;
}

static __always_inline int is_memfd(struct file *f)
{
	const unsigned char *name = BPF_CORE_READ(f, f_path.dentry, d_name.name);
	char pre[6] = {};

	if (bpf_probe_read_kernel(pre, sizeof(pre), name) < 0)
		return 0;
	if (pre[0] != 'm' || pre[1] != 'e' || pre[2] != 'm' || pre[3] != 'f' || pre[4] != 'd' || pre[5] != ':')
		return 0;
	/* an anonymous file: never linked into a directory */
	return BPF_CORE_READ(f, f_inode, i_nlink) == 0;
}

SEC("tp_btf/sched_process_exec")
int on_exec(__u64 *ctx)
{
	struct task_struct *t = (void *)ctx[0];
	struct linux_binprm *bprm = (void *)ctx[2];
	struct path_buf *pb = path_get();
	__u8 *r = rec_get();
	struct signal_struct *sig;
	struct tty_struct *tty;
	struct exec_body *b;
	struct file *exe;
	__u32 tgid;
	unsigned long as, ae;
	__u32 off, start = 0, len;
	__u16 op = OP_EXECVE, rflags = 0;

	if (!r || !pb || ignored())
		return 0;
	tgid = bpf_get_current_pid_tgid() >> 32;
	if (bpf_map_lookup_elem(&in_execveat, &tgid))
		op = OP_EXECVEAT;

	b = (void *)(r + sizeof(struct rec_hdr));
	sig = t->signal;
	b->start_boot_ns = t->start_boottime;
	b->sid = pid_at(sig->pids[PIDTYPE_SID], 0);
	b->pgid = pid_at(sig->pids[PIDTYPE_PGID], 0);
	{
		struct pid *p = t->thread_pid;

		b->vpid = pid_at(p, p->level);
	}
	tty = sig->tty;
	b->tty_major = 0;
	b->tty_minor = 0;
	if (tty) {
		b->tty_major = tty->driver->major;
		b->tty_minor = tty->driver->minor_start + tty->index;
	}
	b->stdin_type = fd_kind(t, 0);
	b->stdout_type = fd_kind(t, 1);

	off = sizeof(struct rec_hdr) + sizeof(struct exec_body);
	exe = bprm->file;
	if (exe && is_memfd(exe))
		rflags |= RF_EXE_MEMFD;
	walk(pb, t, exe->f_path.mnt, exe->f_path.dentry);
	rflags |= pb->w.flags;
	len = walk_done(pb, &start);
	off = put_path(r, off, pb, start, len);

	walk(pb, t, t->fs->pwd.mnt, t->fs->pwd.dentry);
	rflags |= pb->w.flags;
	len = walk_done(pb, &start);
	off = put_path(r, off, pb, start, len);

	as = t->mm->arg_start;
	ae = t->mm->arg_end;
	len = 0;
	if (ae > as) {
		len = ae - as;
		if (len > ARGS_LEN) {
			len = ARGS_LEN;
			rflags |= RF_ARGS_TRUNC;
		}
	}
	BOUND(off, 0x3fff);
	BOUND(len, 0xfff);
	if (len && bpf_probe_read_user(r + off + 2, len, (void *)as) < 0)
		len = 0;
	put_len(r, off, len);
	off += 2 + len;

	fill_hdr(r, t, op, 0);
	((struct rec_hdr *)r)->flags = rflags;
	submit(r, off, op);
	return 0;
}

/* procexit: once per process, when its last thread exits. */
SEC("tp_btf/sched_process_exit")
int on_exit(__u64 *ctx)
{
	struct task_struct *t = (void *)ctx[0];
	__u8 *r = rec_get();
	struct exit_body *b;

	if (!r || ignored())
		return 0;
	if (t->flags & PF_KTHREAD)
		return 0;
	if (t->signal->live.counter != 0)
		return 0;
	b = (void *)(r + sizeof(struct rec_hdr));
	b->code = t->exit_code;
	b->pad = 0;
	fill_hdr(r, t, OP_EXIT, 0);
	submit(r, sizeof(struct rec_hdr) + sizeof(struct exit_body), OP_EXIT);
	return 0;
}
