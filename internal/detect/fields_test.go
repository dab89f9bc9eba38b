package detect

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/event"
)

// TestFieldValues checks each field's value against Falco's documented
// semantics, through output rendering (which prints <NA> for a field the
// event does not carry).
func TestFieldValues(t *testing.T) {
	bash := proc("bash", "-c", "cat /etc/shadow")
	bash.Exe = "/bin/bash"
	bash.ExePath = "/usr/bin/bash"
	bash.TTY = 34816
	bash.StdinType, bash.StdoutType = "ipv4", "pipe"
	shellExec := execEv(bash, ancestors("sshd", "systemd"), func(e *event.Event) {
		e.Proc.Ancestors[0].Args = []string{"-D"}
		e.Proc.StartTime = testTime.Add(-1500 * time.Millisecond)
	})
	noArgs := execEv(proc("top"))
	shadow := openEv(proc("cat", "/etc/shadow"), "/etc/shadow", 0o2000000, 0)
	failed := openEv(proc("cat"), "/nope", 0, 0, res(-2), func(e *event.Event) { e.File.FD = -1 })
	create := openEv(proc("sh"), "/tmp/x", 0o1|0o100|0o1000|0o2000000, 0o755)
	dir := openEv(proc("ls"), "/etc", 0o200000|0o2000000, 0)
	rdwr := openEv(proc("vi"), "/etc/hosts", 0o2, 0)
	conn := connectEv(proc("curl"), "10.0.0.5:43210", "93.184.216.34:443", inPod)
	acc := newEvent(event.Accept4, proc("nginx"), func(e *event.Event) {
		e.Res = 7
		e.Net = &event.Net{Proto: "tcp", Family: 6, Client: netip.MustParseAddrPort("[2001:db8::7]:50000"), Server: netip.MustParseAddrPort("[2001:db8::1]:80"), FD: 7}
	})
	unixConn := unixConnectEv(proc("docker"), "/var/run/docker.sock")
	chmod := newEvent(event.Fchmodat, proc("chmod"), func(e *event.Event) { e.File = &event.File{Path: "/tmp/x", Mode: 0o4755, FD: -1} })
	rename := newEvent(event.Renameat2, proc("mv"), func(e *event.Event) { e.File = &event.File{Path: "/tmp/a", NewPath: "/usr/bin/a", FD: -1} })
	ptrace := newEvent(event.Ptrace, proc("gdb"), func(e *event.Event) { e.Arg.PtraceRequest, e.Arg.PtracePID = 0x4206, 99 })
	setuid := newEvent(event.Setuid, proc("x"), uid(1000), res(-1), func(e *event.Event) { e.Arg.UID = 0 })
	memfd := newEvent(event.MemfdCreate, proc("x"), func(e *event.Event) { e.Res = 4; e.Arg.Name = "payload" })
	mount := newEvent(event.Mount, proc("mount"), func(e *event.Event) {
		e.Arg.MountSource, e.Arg.MountTarget, e.Arg.MountFSType, e.Arg.MountFlags = "/dev/sda1", "/mnt", "ext4", 1|4096
	})
	memfdExec := execEv(proc("x"), func(e *event.Event) { e.Proc.ExeFromMemfd, e.Proc.ExeUpperLayer = true, true })
	exit := newEvent(event.ProcExit, proc("x"), func(e *event.Event) { e.Arg.ExitCode = 3 })

	tests := []struct {
		name  string
		field string
		ev    *event.Event
		want  string
	}{
		// evt
		{"type", "evt.type", shadow, "openat"},
		{"dir", "evt.dir", shadow, "<"},
		{"res_success", "evt.res", shadow, "SUCCESS"},
		{"res_errno", "evt.res", failed, "ENOENT"},
		{"rawres", "evt.rawres", failed, "-2"},
		{"failed", "evt.failed", failed, "true"},
		{"not_failed", "evt.failed", shadow, "false"},
		{"res_procexit", "evt.res", exit, "<NA>"},
		{"time", "evt.time", shadow, testTime.Local().Format("15:04:05.000000000")},
		{"time_iso", "evt.time.iso8601", shadow, "2026-03-04T05:06:07.123456789Z"},
		{"rawtime", "evt.rawtime", shadow, "1772600767123456789"},
		{"hostname", "evt.hostname", shadow, "node-1"},
		{"is_open_read", "evt.is_open_read", shadow, "true"},
		{"is_open_write_ro", "evt.is_open_write", shadow, "false"},
		{"is_open_write_wo", "evt.is_open_write", create, "true"},
		{"is_open_read_wo", "evt.is_open_read", create, "false"},
		{"rdwr_read", "evt.is_open_read", rdwr, "true"},
		{"rdwr_write", "evt.is_open_write", rdwr, "true"},
		{"is_open_exec", "evt.is_open_exec", create, "true"},
		{"is_open_exec_no_x", "evt.is_open_exec", shadow, "false"},
		{"is_open_read_exec_event", "evt.is_open_read", shellExec, "false"},
		{"syscall_type", "syscall.type", exit, "<NA>"},
		// evt.arg
		{"arg_open_flags", "evt.arg.flags", create, "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC"},
		{"arg_open_flags_ro", "evt.arg.flags", shadow, "O_RDONLY|O_CLOEXEC"},
		{"arg_open_mode", "evt.arg.mode", create, "S_IRUSR|S_IWUSR|S_IXUSR|S_IRGRP|S_IXGRP|S_IROTH|S_IXOTH"},
		{"arg_open_name", "evt.arg.name", shadow, "/etc/shadow"},
		{"arg_open_fd", "evt.arg.fd", shadow, "3"},
		{"arg_by_position", "evt.arg[1]", shadow, "/etc/shadow"},
		{"arg_by_bracket_name", "evt.arg[name]", shadow, "/etc/shadow"},
		{"arg_position_out_of_range", "evt.arg[9]", shadow, "<NA>"},
		{"arg_chmod_mode", "evt.arg.mode", chmod, "S_ISUID|S_IRUSR|S_IWUSR|S_IXUSR|S_IRGRP|S_IXGRP|S_IROTH|S_IXOTH"},
		{"arg_chmod_filename", "evt.arg.filename", chmod, "/tmp/x"},
		{"arg_rename_old", "evt.arg.oldpath", rename, "/tmp/a"},
		{"arg_rename_new", "evt.arg.newpath", rename, "/usr/bin/a"},
		{"arg_not_for_type", "evt.arg.newpath", shadow, "<NA>"},
		{"arg_ptrace_request", "evt.arg.request", ptrace, "PTRACE_SEIZE"},
		{"arg_ptrace_pid", "evt.arg.pid", ptrace, "99"},
		{"arg_setuid_uid", "evt.arg.uid", setuid, "0"},
		{"arg_memfd_name", "evt.arg.name", memfd, "payload"},
		{"arg_mount", "evt.args", mount, "res=0 dev=/dev/sda1 dir=/mnt type=ext4 flags=MS_RDONLY|MS_BIND"},
		{"arg_exec_flags", "evt.arg.flags", memfdExec, "EXE_UPPER_LAYER|EXE_FROM_MEMFD"},
		{"arg_exec_flags_none", "evt.arg.flags", noArgs, "<NA>"},
		{"arg_exit_status", "evt.arg.status", exit, "3"},
		// proc
		{"name", "proc.name", shellExec, "bash"},
		{"exe", "proc.exe", shellExec, "/bin/bash"},
		{"exepath", "proc.exepath", shellExec, "/usr/bin/bash"},
		{"args", "proc.args", shellExec, "-c cat /etc/shadow"},
		{"cmdline", "proc.cmdline", shellExec, "bash -c cat /etc/shadow"},
		{"cmdline_no_args", "proc.cmdline", noArgs, "top"},
		{"exeline", "proc.exeline", shellExec, "/bin/bash -c cat /etc/shadow"},
		{"cmdnargs", "proc.cmdnargs", shellExec, "2"},
		{"cmdlenargs", "proc.cmdlenargs", shellExec, "17"},
		{"cwd_trailing_slash", "proc.cwd", shellExec, "/root/"},
		{"pid", "proc.pid", shellExec, "4242"},
		{"ppid", "proc.ppid", shellExec, "4000"},
		{"vpid", "proc.vpid", shellExec, "4242"},
		{"tty", "proc.tty", shellExec, "34816"},
		{"duration", "proc.duration", shellExec, "1500000000"},
		{"pname", "proc.pname", shellExec, "sshd"},
		{"pname_none", "proc.pname", noArgs, "<NA>"},
		{"pexepath", "proc.pexepath", shellExec, "/usr/bin/sshd"},
		{"pcmdline", "proc.pcmdline", shellExec, "sshd -D"},
		{"aname0", "proc.aname[0]", shellExec, "bash"},
		{"aname1", "proc.aname[1]", shellExec, "sshd"},
		{"aname2", "proc.aname[2]", shellExec, "systemd"},
		{"aname3_absent", "proc.aname[3]", shellExec, "<NA>"},
		{"aname_filter_only", "proc.aname", shellExec, "<NA>"},
		{"aexepath2", "proc.aexepath[2]", shellExec, "/usr/bin/systemd"},
		{"apid0", "proc.apid[0]", shellExec, "4242"},
		{"apid1", "proc.apid[1]", shellExec, "4000"},
		{"acmdline1", "proc.acmdline[1]", shellExec, "sshd -D"},
		{"stdin_type", "proc.stdin_type", shellExec, "ipv4"},
		{"stdout_type", "proc.stdout_type", shellExec, "pipe"},
		{"memfd", "proc.is_exe_from_memfd", memfdExec, "true"},
		{"upper_layer", "proc.is_exe_upper_layer", memfdExec, "true"},
		{"writable", "proc.is_exe_writable", memfdExec, "false"},
		{"healthcheck", "proc.is_container_healthcheck", shellExec, "false"},
		{"liveness", "proc.is_container_liveness_probe", shellExec, "false"},
		{"tid", "thread.tid", shellExec, "4242"},
		// user / group
		{"uid", "user.uid", setuid, "1000"},
		{"user_name", "user.name", setuid, "u1000"},
		{"loginuid_unset", "user.loginuid", setuid, "-1"},
		{"gid", "group.gid", shellExec, "0"},
		// fd: files
		{"fd_name", "fd.name", shadow, "/etc/shadow"},
		{"fd_directory", "fd.directory", shadow, "/etc"},
		{"fd_filename", "fd.filename", shadow, "shadow"},
		{"fd_typechar", "fd.typechar", shadow, "f"},
		{"fd_type", "fd.type", shadow, "file"},
		{"fd_type_dir", "fd.type", dir, "directory"},
		{"fd_typechar_dir", "fd.typechar", dir, "d"},
		{"fd_num", "fd.num", shadow, "3"},
		{"fd_num_failed", "fd.num", failed, "-1"},
		{"fd_nameraw", "fd.nameraw", shadow, "/etc/shadow"},
		{"fd_on_exec", "fd.name", shellExec, "<NA>"},
		{"fd_on_rename", "fd.name", rename, "<NA>"},
		{"fs_path_name", "fs.path.name", shadow, "/etc/shadow"},
		{"fs_path_target", "fs.path.target", rename, "/usr/bin/a"},
		// fd: sockets
		{"fd_name_tuple", "fd.name", conn, "10.0.0.5:43210->93.184.216.34:443"},
		{"fd_cip", "fd.cip", conn, "10.0.0.5"},
		{"fd_sip", "fd.sip", conn, "93.184.216.34"},
		{"fd_lip_connect", "fd.lip", conn, "10.0.0.5"},
		{"fd_rip_connect", "fd.rip", conn, "93.184.216.34"},
		{"fd_cport", "fd.cport", conn, "43210"},
		{"fd_sport", "fd.sport", conn, "443"},
		{"fd_lport_accept", "fd.lport", acc, "80"},
		{"fd_rport_accept", "fd.rport", acc, "50000"},
		{"fd_lip_accept_v6", "fd.lip", acc, "2001:db8::1"},
		{"fd_typechar_v6", "fd.typechar", acc, "6"},
		{"fd_type_v4", "fd.type", conn, "ipv4"},
		{"fd_l4proto", "fd.l4proto", conn, "tcp"},
		{"fd_sockfamily", "fd.sockfamily", conn, "ip"},
		{"fd_is_server_accept", "fd.is_server", acc, "true"},
		{"fd_connected", "fd.connected", conn, "true"},
		{"fd_num_socket", "fd.num", conn, "5"},
		{"fd_sip_name", "fd.sip.name", conn, "<NA>"},
		{"fd_snet_output", "fd.snet", conn, "93.184.216.34"},
		{"fd_unix_name", "fd.name", unixConn, "/var/run/docker.sock"},
		{"fd_unix_type", "fd.type", unixConn, "unix"},
		{"fd_unix_family", "fd.sockfamily", unixConn, "unix"},
		{"fd_unix_sip", "fd.sip", unixConn, "<NA>"},
		// container / k8s
		{"container_id_host", "container.id", shadow, "host"},
		{"container_name_host", "container.name", shadow, "host"},
		{"container_image_host", "container.image", shadow, "<NA>"},
		{"container_privileged_host", "container.privileged", shadow, "<NA>"},
		{"container_id", "container.id", conn, "3ad7b26ded6d"},
		{"container_name", "container.name", conn, "web-1"},
		{"container_image", "container.image", conn, "docker.io/library/nginx:1.27"},
		{"container_repo", "container.image.repository", conn, "docker.io/library/nginx"},
		{"container_tag", "container.image.tag", conn, "1.27"},
		{"container_digest", "container.image.digest", conn, "sha256:abc"},
		{"container_type", "container.type", conn, "containerd"},
		{"container_privileged", "container.privileged", conn, "false"},
		{"k8s_ns", "k8s.ns.name", conn, "shop"},
		{"k8s_pod", "k8s.pod.name", conn, "web-7d9f"},
		{"k8s_uid", "k8s.pod.uid", conn, "3e41dc6b-08a8-44db-bc2a-3724b18ab19a"},
		{"k8s_label", "k8s.pod.label[app]", conn, "web"},
		{"k8s_label_dotted", "k8s.pod.label.tier", conn, "front"},
		{"k8s_label_missing", "k8s.pod.label[nope]", conn, "<NA>"},
		{"k8s_labels", "k8s.pod.labels", conn, "app:web,tier:front"},
		{"k8s_host", "k8s.pod.name", shadow, "<NA>"},
		// unknown fields print <NA>
		{"unknown_field", "proc.env", shadow, "<NA>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, tt.field, tt.ev); got != tt.want {
				t.Errorf("%%%s = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
}

// TestFieldsDocumented checks the registry: names are unique, documented
// and typed, and every field the brief requires is there.
func TestFieldsDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Fields() {
		if seen[f.Name] {
			t.Errorf("field %s listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.Doc == "" || f.Type == "" {
			t.Errorf("field %s lacks a type or doc", f.Name)
		}
	}
	required := []string{"evt.type", "evt.dir", "evt.res", "evt.rawres", "evt.failed", "evt.time", "evt.is_open_read",
		"evt.is_open_write", "evt.is_open_exec", "evt.arg", "proc.name", "proc.exe", "proc.exepath", "proc.cmdline",
		"proc.args", "proc.pid", "proc.ppid", "proc.vpid", "proc.pname", "proc.pexe", "proc.pexepath", "proc.pcmdline",
		"proc.aname", "proc.aexepath", "proc.apid", "proc.cwd", "proc.tty", "proc.sid", "proc.is_exe_from_memfd",
		"proc.is_exe_writable", "proc.is_exe_upper_layer", "proc.stdin_type", "proc.stdout_type",
		"proc.is_container_healthcheck", "proc.is_container_liveness_probe", "thread.tid", "user.uid", "user.name",
		"user.loginuid", "group.gid", "fd.name", "fd.directory", "fd.filename", "fd.typechar", "fd.type", "fd.num",
		"fd.sip", "fd.sport", "fd.cip", "fd.cport", "fd.rip", "fd.rport", "fd.lip", "fd.lport", "fd.l4proto",
		"fd.sip.name", "fd.snet", "fd.cnet", "fd.sockfamily", "fd.nameraw", "container.id", "container.name",
		"container.image", "container.image.repository", "container.image.tag", "container.image.digest",
		"container.privileged", "k8s.ns.name", "k8s.pod.name", "k8s.pod.uid", "k8s.pod.label", "k8s.pod.labels"}
	for _, r := range required {
		if !seen[r] {
			t.Errorf("required field %s is missing", r)
		}
	}
	for _, a := range []string{"flags", "mode", "uid", "gid", "request", "name"} {
		if !knownArg(a) {
			t.Errorf("evt.arg.%s is not provided", a)
		}
	}
}

func TestFieldArgumentErrors(t *testing.T) {
	tests := []struct{ cond, want string }{
		{"proc.aname[x] = bash", "argument \"x\" is not an ancestor level"},
		{"k8s.pod.label = x", "needs a label name"},
		{"proc.name[1] = x", "takes no argument"},
		{"proc.pid contains 1", "operator contains is not supported on numeric fields"},
		{"fd.sip startswith 10", "operator startswith is not supported on address fields"},
		{"fd.snet in (10.0.0.0/33)", "is not a network"},
		{"proc.pid = abc", "\"abc\" is not a number"},
		{"container.privileged = maybe", "is not a boolean"},
		{`proc.name regex "("`, "invalid regex"},
		{"evt.buffer bcontains zz", "fields not provided"},
		{"proc.name bcontains zz", "needs a hexadecimal string"},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			_, rep := Load([]File{ruleFile(tt.cond, "o")}, Config{})
			got := ""
			if len(rep.Errors) > 0 {
				got = rep.Errors[0].Msg
			} else if len(rep.Rules) == 1 {
				got = rep.Rules[0].Detail
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to mention %q", got, tt.want)
			}
		})
	}
}

func TestEventArgsTable(t *testing.T) {
	args := EventArgs()
	if diff := cmp.Diff([]string{"fd", "name", "flags", "mode"}, args["openat"]); diff != "" {
		t.Errorf("openat args (-want +got):\n%s", diff)
	}
	for _, st := range SensorTypes {
		if _, ok := args[string(st)]; !ok {
			t.Errorf("no evt.arg table for sensor event type %s", st)
		}
	}
}
