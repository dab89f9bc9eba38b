package detect

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
)

// defaultCases has, for every default rule, events that must fire it (and
// nothing else) and events that must not fire it.
var defaultCases = []struct {
	id      string
	rule    string
	fire    map[string]*event.Event
	quiet   map[string]*event.Event
	checkID string
}{
	{
		id: "WARD-RT-0001", rule: "Shell spawned in a container",
		fire: map[string]*event.Event{
			"exec_into_container":  execEv(proc("bash"), inPod, vpid(23), ancestors("runc", "containerd-shim"), func(e *event.Event) { e.Proc.TTY = 34816 }),
			"app_spawns_shell":     execEv(proc("sh", "-c", "id"), inCtr, vpid(40), ancestors("node", "containerd-shim")),
			"busybox_as_shell":     execEv(proc("busybox"), inCtr, vpid(9), ancestors("python3", "containerd-shim"), func(e *event.Event) { e.Proc.Exe = "/bin/sh" }),
			"shell_from_exec_bash": execEv(proc("sh"), inCtr, vpid(30), ancestors("bash", "node", "containerd-shim")),
		},
		quiet: map[string]*event.Event{
			"entrypoint_pid1":        execEv(proc("sh", "/entrypoint.sh"), inCtr, vpid(1), ancestors("containerd-shim")),
			"entrypoint_subshell":    execEv(proc("sh"), inCtr, vpid(12), ancestors("sh", "containerd-shim")),
			"host_shell":             execEv(proc("bash"), vpid(4242), ancestors("sshd")),
			"non_shell_in_container": execEv(proc("python3"), inCtr, vpid(5), ancestors("node")),
		},
	},
	{
		id: "WARD-RT-0002", rule: "Sensitive file read",
		fire: map[string]*event.Event{
			"cat_shadow":           openEv(proc("cat", "/etc/shadow"), "/etc/shadow", 0, 0, ancestors("bash")),
			"sudoers_d_in_pod":     openEv(proc("python3"), "/etc/sudoers.d/90-cloud", 0o2000000, 0, inPod),
			"rdwr_gshadow":         openEv(proc("vim"), "/etc/gshadow", 0o2, 0),
			"pam_config_in_docker": openEv(proc("grep"), "/etc/pam.d/common-auth", 0, 0, inCtr),
		},
		quiet: map[string]*event.Event{
			"sshd_reads_shadow": openEv(proc("sshd"), "/etc/shadow", 0, 0),
			"passwd_file":       openEv(proc("cat"), "/etc/passwd", 0, 0),
			"write_only":        openEv(proc("cat"), "/etc/shadow", 0o1, 0),
			"failed_open":       openEv(proc("cat"), "/etc/shadow", 0, 0, res(-13), func(e *event.Event) { e.File.FD = -1 }),
			"dpkg_child":        openEv(proc("chage"), "/etc/shadow", 0, 0, ancestors("sh", "dpkg", "apt-get")),
			"pam_module_lib":    openEv(proc("cat"), "/usr/lib/x86_64-linux-gnu/security/pam_unix.so", 0, 0),
		},
	},
	{
		id: "WARD-RT-0003", rule: "Credential file read",
		fire: map[string]*event.Event{
			"aws_credentials":    openEv(proc("python3", "steal.py"), "/root/.aws/credentials", 0, 0),
			"ssh_private_key":    openEv(proc("tar", "czf", "-", "/home/alice/.ssh"), "/home/alice/.ssh/id_ed25519", 0, 0),
			"ssh_host_key":       openEv(proc("cat"), "/etc/ssh/ssh_host_ed25519_key", 0, 0),
			"kubeconfig":         openEv(proc("node"), "/home/dev/.kube/config", 0, 0, inCtr),
			"admin_conf":         openEv(proc("less"), "/etc/kubernetes/admin.conf", 0, 0),
			"sa_token_by_cat":    openEv(proc("cat"), "/var/run/secrets/kubernetes.io/serviceaccount/token", 0, 0, inPod),
			"sa_token_by_curl":   openEv(proc("curl"), "/run/secrets/kubernetes.io/serviceaccount/..2026_03_04/token", 0, 0, inPod),
			"gcloud_adc":         openEv(proc("python3"), "/root/.config/gcloud/application_default_credentials.json", 0, 0),
			"docker_config_json": openEv(proc("curl"), "/root/.docker/config.json", 0, 0),
			"azure_msal_cache":   openEv(proc("python3"), "/home/u/.azure/msal_token_cache.json", 0, 0),
		},
		quiet: map[string]*event.Event{
			"aws_cli":             openEv(proc("aws", "s3", "ls"), "/root/.aws/credentials", 0, 0),
			"ssh_client":          openEv(proc("ssh"), "/home/alice/.ssh/id_ed25519", 0, 0),
			"public_key":          openEv(proc("cat"), "/home/alice/.ssh/id_ed25519.pub", 0, 0),
			"kubectl":             openEv(proc("kubectl"), "/root/.kube/config", 0, 0),
			"app_reads_own_token": openEv(proc("controller"), "/var/run/secrets/kubernetes.io/serviceaccount/token", 0, 0, inPod),
			"sa_namespace_file":   openEv(proc("cat"), "/var/run/secrets/kubernetes.io/serviceaccount/namespace", 0, 0, inPod),
			"sshd_host_key":       openEv(proc("sshd"), "/etc/ssh/ssh_host_ed25519_key", 0, 0),
		},
	},
	{
		id: "WARD-RT-0004", rule: "Write below binary directory",
		fire: map[string]*event.Event{
			"curl_writes_usr_bin":  openEv(proc("curl", "-o", "/usr/bin/kubectl"), "/usr/bin/kubectl", 0o1|0o100|0o1000, 0o755),
			"create_in_lib":        openEv(proc("python3"), "/lib/x86_64-linux-gnu/libevil.so", 0o1|0o100, 0o644, inCtr),
			"rdwr_sbin":            openEv(proc("sed"), "/usr/sbin/sshd", 0o2, 0),
			"rename_into_bin":      newEvent(event.Renameat2, proc("mv"), func(e *event.Event) { e.File = &event.File{Path: "/tmp/x", NewPath: "/usr/local/bin/x", FD: -1} }),
			"write_local_sbin_pod": openEv(proc("sh"), "/usr/local/sbin/backdoor", 0o1|0o100, 0o755, inPod),
		},
		quiet: map[string]*event.Event{
			"dpkg_writes_bin":   openEv(proc("dpkg"), "/usr/bin/ls", 0o1|0o100, 0o755, ancestors("apt-get")),
			"pip_child":         openEv(proc("python3"), "/usr/local/lib/python3.12/site-packages/x.py", 0o1|0o100, 0o644, ancestors("pip")),
			"pycache":           openEv(proc("python3"), "/usr/lib/python3/dist-packages/__pycache__/x.cpython-312.pyc", 0o1|0o100, 0o644),
			"read_bin":          openEv(proc("cat"), "/usr/bin/ls", 0, 0),
			"write_tmp":         openEv(proc("curl"), "/tmp/kubectl", 0o1|0o100, 0o755),
			"ldconfig":          openEv(proc("ldconfig"), "/usr/lib/x86_64-linux-gnu/ld.so.cache~", 0o1|0o100, 0o644),
			"failed_rename":     newEvent(event.Rename, proc("mv"), res(-13), func(e *event.Event) { e.File = &event.File{Path: "/tmp/x", NewPath: "/usr/bin/x", FD: -1} }),
			"binbash_not_a_dir": openEv(proc("sh"), "/binary/x", 0o1|0o100, 0o644),
		},
	},
	{
		id: "WARD-RT-0005", rule: "Package manager run in a container",
		fire: map[string]*event.Event{
			"apt_get_install": execEv(proc("apt-get", "install", "-y", "curl"), inCtr, ancestors("sh", "containerd-shim")),
			"apk_add":         execEv(proc("apk", "add", "nmap"), inPod),
			"pip_install":     execEv(proc("pip3", "install", "requests"), inCtr),
			"python_m_pip":    execEv(proc("python3.12", "-m", "pip", "install", "x"), inCtr),
			"npm_i":           execEv(proc("npm", "i", "left-pad"), inCtr),
			"rpm_install":     execEv(proc("rpm", "-ivh", "x.rpm"), inCtr),
		},
		quiet: map[string]*event.Event{
			"host_apt":       execEv(proc("apt-get", "install", "curl")),
			"rpm_query":      execEv(proc("rpm", "-qa"), inCtr),
			"dpkg_list":      execEv(proc("dpkg", "-l"), inCtr),
			"dpkg_under_apt": execEv(proc("dpkg", "--unpack", "x.deb"), inCtr, ancestors("apt-get", "sh")),
			"npm_run":        execEv(proc("npm", "run", "start"), inCtr),
			"pip_list":       execEv(proc("pip", "list"), inCtr),
			"image_build":    execEv(proc("apt-get", "install", "curl"), inCtr, ancestors("sh", "runc", "buildkitd")),
		},
	},
	{
		id: "WARD-RT-0006", rule: "Crypto miner activity",
		fire: map[string]*event.Event{
			"xmrig_binary": execEv(proc("xmrig", "-o", "pool.example:443"), inCtr),
			"stratum_url":  execEv(proc("kworker", "-o", "stratum+tcp://pool.example.net:3333"), inCtr),
			"pool_domain":  execEv(proc("systemd-helper", "--url", "gulf.moneroocean.stream:10128")),
			"donate_level": execEv(proc("python3", "--donate-level", "1")),
			"pool_port_v4": connectEv(proc("x"), "10.0.0.5:40000", "45.9.148.21:3333", inCtr),
			"pool_port_v6": connectEv(proc("x"), "[2001:db8::5]:40000", "[2a01:4f8::1]:14444"),
		},
		quiet: map[string]*event.Event{
			"private_pool_port": connectEv(proc("app"), "10.0.0.5:40000", "10.0.9.9:3333", inCtr),
			"loopback_port":     connectEv(proc("app"), "127.0.0.1:40000", "127.0.0.1:4444"),
			"https":             connectEv(proc("curl"), "10.0.0.5:40000", "93.184.216.34:443"),
			"normal_exec":       execEv(proc("curl", "https://example.com/pool"), inCtr),
			"udp_pool_port":     connectEv(proc("x"), "10.0.0.5:40000", "45.9.148.21:3333", func(e *event.Event) { e.Net.Proto = "udp" }),
		},
	},
	{
		id: "WARD-RT-0007", rule: "Reverse shell",
		fire: map[string]*event.Event{
			"bash_stdin_tcp": execEv(proc("bash", "-i"), ancestors("python3"), func(e *event.Event) { e.Proc.StdinType, e.Proc.StdoutType = "ipv4", "ipv4" }),
			"sh_stdout_v6":   execEv(proc("sh"), inCtr, vpid(1), ancestors("nc"), func(e *event.Event) { e.Proc.StdoutType = "ipv6" }),
		},
		quiet: map[string]*event.Event{
			"pipe_stdin":    execEv(proc("bash"), func(e *event.Event) { e.Proc.StdinType, e.Proc.StdoutType = "pipe", "pipe" }),
			"tty":           execEv(proc("bash"), func(e *event.Event) { e.Proc.StdinType, e.Proc.StdoutType = "char", "char" }),
			"unix_socket":   execEv(proc("sh"), func(e *event.Event) { e.Proc.StdinType = "unix" }),
			"inetd_service": execEv(proc("sh"), ancestors("xinetd"), func(e *event.Event) { e.Proc.StdinType = "ipv4" }),
			"non_shell_tcp": execEv(proc("nginx"), func(e *event.Event) { e.Proc.StdinType = "ipv4" }),
		},
	},
	{
		id: "WARD-RT-0008", rule: "Container escape attempt",
		fire: map[string]*event.Event{
			"nsenter":              execEv(proc("nsenter", "-t", "1", "-m", "sh"), inCtr),
			"unshare":              execEv(proc("unshare", "-r"), inPod),
			"mount_syscall":        newEvent(event.Mount, proc("mount"), inCtr, func(e *event.Event) { e.Arg.MountSource, e.Arg.MountTarget = "/dev/sda1", "/mnt" }),
			"release_agent":        openEv(proc("sh"), "/sys/fs/cgroup/rdma/release_agent", 0o1|0o1000, 0, inCtr),
			"core_pattern":         openEv(proc("sh"), "/proc/sys/kernel/core_pattern", 0o1, 0, inCtr),
			"binfmt_register":      openEv(proc("sh"), "/proc/sys/fs/binfmt_misc/register", 0o1, 0, inCtr),
			"docker_sock_connect":  unixConnectEv(proc("curl"), "/var/run/docker.sock", inCtr),
			"containerd_sock_open": openEv(proc("python3"), "/run/containerd/containerd.sock", 0o2, 0, inCtr, res(-6), func(e *event.Event) { e.File.FD = -1 }),
		},
		quiet: map[string]*event.Event{
			"host_nsenter":          execEv(proc("nsenter", "-t", "1")),
			"runc_mounts":           newEvent(event.Mount, proc("runc:[2:INIT]"), inCtr),
			"runc_memfd_clone":      newEvent(event.Mount, proc("exe"), inCtr, func(e *event.Event) { e.Proc.ExePath = "/memfd:runc_cloned:/proc/self/exe" }),
			"host_docker_cli":       unixConnectEv(proc("docker"), "/var/run/docker.sock"),
			"read_core_pattern":     openEv(proc("cat"), "/proc/sys/kernel/core_pattern", 0, 0, inCtr),
			"tcp_connect_container": connectEv(proc("curl"), "10.0.0.5:1", "10.0.0.6:2375", inCtr),
		},
	},
	{
		id: "WARD-RT-0009", rule: "Kernel module load",
		fire: map[string]*event.Event{
			"insmod_from_shell":  newEvent(event.FinitModule, proc("insmod", "rootkit.ko"), ancestors("bash", "sshd"), func(e *event.Event) { e.Arg.Name = "rootkit" }),
			"init_module":        newEvent(event.InitModule, proc("loader"), ancestors("bash")),
			"container_modprobe": newEvent(event.FinitModule, proc("modprobe"), inCtr, ancestors("systemd-udevd")),
		},
		quiet: map[string]*event.Event{
			"udev_modprobe":  newEvent(event.FinitModule, proc("modprobe"), ancestors("systemd-udevd")),
			"kernel_request": newEvent(event.FinitModule, proc("modprobe"), ancestors("kthreadd")),
			"modules_load":   newEvent(event.FinitModule, proc("systemd-modules-load"), ancestors("systemd")),
			"other_event":    execEv(proc("insmod")),
		},
	},
	{
		id: "WARD-RT-0010", rule: "Ptrace attach",
		fire: map[string]*event.Event{
			"ptrace_attach": newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest, e.Arg.PtracePID = 16, 1234 }),
			"ptrace_seize":  newEvent(event.Ptrace, proc("inject"), inCtr, func(e *event.Event) { e.Arg.PtraceRequest = 0x4206 }),
		},
		quiet: map[string]*event.Event{
			"traceme":   newEvent(event.Ptrace, proc("strace"), func(e *event.Event) { e.Arg.PtraceRequest = 0 }),
			"peekdata":  newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest = 2 }),
			"setregset": newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest = 0x4205 }),
		},
	},
	{
		id: "WARD-RT-0011", rule: "Fileless execution",
		fire: map[string]*event.Event{
			"memfd_exec":         execEv(proc("3"), func(e *event.Event) { e.Proc.ExeFromMemfd, e.Proc.ExePath = true, "memfd:payload (deleted)" }),
			"memfd_in_container": execEv(proc("kdevtmpfsi"), inCtr, func(e *event.Event) { e.Proc.ExeFromMemfd = true }),
		},
		quiet: map[string]*event.Event{
			"runc_clone":   execEv(proc("runc:[2:INIT]"), inCtr, func(e *event.Event) { e.Proc.ExeFromMemfd, e.Proc.ExePath = true, "/memfd:runc_cloned:/proc/self/exe" }),
			"regular_exec": execEv(proc("ls")),
		},
	},
	{
		id: "WARD-RT-0012", rule: "Setuid to root by a non-root process",
		fire: map[string]*event.Event{
			"attempt_as_user": newEvent(event.Setuid, proc("exploit"), uid(1000), res(-1), func(e *event.Event) { e.Arg.UID = 0 }),
			"setresuid_user":  newEvent(event.Setresuid, proc("x"), uid(1001), inCtr, func(e *event.Event) { e.Arg.UID = 0 }),
			"root_in_session": newEvent(event.Setuid, proc("exploit"), ancestors("bash", "sshd"), func(e *event.Event) { e.Arg.UID = 0; e.User.LoginUID = 1000 }),
		},
		quiet: map[string]*event.Event{
			"sudo":              newEvent(event.Setuid, proc("sudo"), uid(1000), func(e *event.Event) { e.Arg.UID = 0 }),
			"root_daemon":       newEvent(event.Setuid, proc("nginx"), func(e *event.Event) { e.Arg.UID = 0 }),
			"drop_privileges":   newEvent(event.Setuid, proc("nginx"), func(e *event.Event) { e.Arg.UID = 33 }),
			"under_sudo":        newEvent(event.Setuid, proc("tool"), ancestors("bash", "sudo", "bash", "sshd"), func(e *event.Event) { e.Arg.UID = 0; e.User.LoginUID = 1000 }),
			"root_login":        newEvent(event.Setuid, proc("tool"), ancestors("bash", "sshd"), func(e *event.Event) { e.Arg.UID = 0; e.User.LoginUID = 0 }),
			"setgid_not_setuid": newEvent(event.Setgid, proc("x"), uid(1000), func(e *event.Event) { e.Arg.GID = 0 }),
		},
	},
}

func TestDefaultRules(t *testing.T) {
	eng, rep, err := LoadDefault(Config{Hostname: "node-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 || len(rep.Warnings) > 0 {
		t.Fatalf("default rules load with problems: %v %v", rep.Errors, rep.Warnings)
	}
	if n := rep.Count(StatusActive); n != len(rep.Rules) || n != len(defaultCases) {
		t.Fatalf("%d of %d default rules active, %d test cases: every rule needs a case", n, len(rep.Rules), len(defaultCases))
	}
	for i, r := range eng.Rules() {
		tc := defaultCases[i]
		if r.Name != tc.rule || r.CheckID != tc.id {
			t.Fatalf("rule %d is %q (%s), the cases expect %q (%s): keep IDs in order", i, r.Name, r.CheckID, tc.rule, tc.id)
		}
	}
	// The everyday events of the benchmark mix fire nothing.
	for i, ev := range benchEvents() {
		if got := matchNames(eng, ev); len(got) > 0 {
			t.Errorf("everyday event %d (%s %s) fired %v", i, ev.Type, ev.Proc.Name, got)
		}
	}
	for _, tc := range defaultCases {
		t.Run(tc.id, func(t *testing.T) {
			if len(tc.fire) == 0 || len(tc.quiet) == 0 {
				t.Fatal("each rule needs events that fire it and events that do not")
			}
			for name, ev := range tc.fire {
				if diff := cmp.Diff([]string{tc.rule}, matchNames(eng, ev)); diff != "" {
					t.Errorf("fire/%s (-want +got):\n%s", name, diff)
				}
			}
			for name, ev := range tc.quiet {
				if got := matchNames(eng, ev); slices.Contains(got, tc.rule) {
					t.Errorf("quiet/%s fired %v", name, got)
				}
			}
		})
	}
}

// TestDefaultRuleMetadata checks IDs and tags: WARD-RT-0001… in order, no
// gaps, below 0100, each with MITRE tactic and technique tags, and every
// output field provided by Ward.
func TestDefaultRuleMetadata(t *testing.T) {
	eng, _, err := LoadDefault(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tactic := regexp.MustCompile(`^mitre_[a-z_]+$`)
	for i, r := range eng.Rules() {
		if want := fmt.Sprintf("WARD-RT-%04d", i+1); r.CheckID != want {
			t.Errorf("rule %q has ID %s, want %s", r.Name, r.CheckID, want)
		}
		if !slices.ContainsFunc(r.Tags, tactic.MatchString) || !slices.ContainsFunc(r.Tags, mitreTechnique.MatchString) {
			t.Errorf("rule %q lacks MITRE tactic or technique tags: %v", r.Name, r.Tags)
		}
		if r.Desc == "" {
			t.Errorf("rule %q has no description", r.Name)
		}
	}
	for _, p := range Lint(mustDefaultFiles(t)) {
		t.Errorf("lint: %v", p)
	}
}

func mustDefaultFiles(t testing.TB) []File {
	t.Helper()
	files, err := DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	return files
}
