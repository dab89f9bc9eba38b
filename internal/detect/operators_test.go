package detect

import (
	"net/netip"
	"testing"

	"github.com/wardsec/ward/internal/event"
)

// TestOperators checks every comparison operator with Falco's semantics,
// including what happens when the field is not available (every
// comparison is false, so its negation is true).
func TestOperators(t *testing.T) {
	cat := execEv(proc("cat", "/etc/shadow"), ancestors("bash", "sshd", "systemd"), func(e *event.Event) {
		e.Proc.ExePath = "/usr/bin/cat"
		e.Proc.Cwd = "/home/alice"
	})
	orphan := execEv(proc("init"))
	shadow := openEv(proc("cat"), "/etc/shadow", 0, 0)
	key := openEv(proc("cat"), "/home/alice/.ssh/id_rsa", 0, 0)
	conn := connectEv(proc("curl"), "10.0.0.5:43210", "93.184.216.34:3333")
	conn6 := connectEv(proc("curl"), "[fd00::5]:43210", "[2001:db8::1]:443")
	bin := execEv(proc("x", "\x7fELF"), func(e *event.Event) { e.Proc.Args = []string{"a\x00b"} })
	tests := []struct {
		name string
		cond string
		ev   *event.Event
		want bool
	}{
		{"eq", "proc.name = cat", cat, true},
		{"eqeq", "proc.name == cat", cat, true},
		{"eq_quoted", `proc.name = "cat"`, cat, true},
		{"eq_mismatch", "proc.name = dog", cat, false},
		{"ne", "proc.name != dog", cat, true},
		{"ne_absent_is_false", "proc.pname != bash", orphan, false},
		{"not_eq_absent_is_true", "not proc.pname = bash", orphan, true},
		{"num_lt", "proc.pid < 5000", cat, true},
		{"num_le", "proc.pid <= 4242", cat, true},
		{"num_gt", "proc.pid > 4242", cat, false},
		{"num_ge_hex", "proc.pid >= 0x1092", cat, true},
		{"num_eq_negative", "user.loginuid = -1", cat, true},
		{"num_in", "fd.sport in (3333, 4444)", conn, true},
		{"bool_eq", "proc.is_exe_from_memfd = false", cat, true},
		{"contains", "proc.cmdline contains shad", cat, true},
		{"contains_absent", "proc.pcmdline contains x", orphan, false},
		{"icontains", "proc.cmdline icontains SHADOW", cat, true},
		{"bcontains", "proc.args bcontains 6100", bin, true},
		{"bstartswith", "proc.args bstartswith 61", bin, true},
		{"bstartswith_no", "proc.args bstartswith 62", bin, false},
		{"startswith", "fd.name startswith /etc/", shadow, true},
		{"startswith_no", "fd.name startswith /usr/", shadow, false},
		{"endswith", "fd.name endswith /.ssh/id_rsa", key, true},
		{"glob_star_crosses_slash", `fd.name glob "/home/*/id_rsa"`, key, true},
		{"glob_question", `fd.name glob "/etc/shado?"`, shadow, true},
		{"glob_class", `fd.name glob "/etc/[rs]hadow"`, shadow, true},
		{"glob_class_negated", `fd.name glob "/etc/[!s]hadow"`, shadow, false},
		{"glob_anchored", `fd.name glob "etc/*"`, shadow, false},
		{"iglob", `proc.name iglob "C?T"`, cat, true},
		{"regex_full_match", `proc.name regex "c.t"`, cat, true},
		{"regex_is_anchored", `proc.name regex "a"`, cat, false},
		{"in", "proc.name in (bash, cat)", cat, true},
		{"in_quoted_space", `proc.cmdline in ("cat /etc/shadow")`, cat, true},
		{"in_empty", "proc.name in ()", cat, false},
		{"intersects_single_value", "proc.name intersects (cat, dog)", cat, true},
		{"pmatch_prefix", "fd.name pmatch (/usr, /etc)", shadow, true},
		{"pmatch_exact", "fd.name pmatch (/etc/shadow)", shadow, true},
		{"pmatch_component_boundary", "fd.name pmatch (/etc/sha)", shadow, false},
		{"pmatch_glob_component", "fd.name pmatch (/home/*/.ssh)", key, true},
		{"pmatch_trailing_slash", "fd.name pmatch (/etc/)", shadow, true},
		{"exists", "proc.pname exists", cat, true},
		{"exists_absent", "proc.pname exists", orphan, false},
		{"not_exists", "not fd.name exists", cat, true},
		{"aname_any_ancestor", "proc.aname = sshd", cat, true},
		{"aname_any_excludes_self", "proc.aname = cat", cat, false},
		{"aname_any_in", "proc.aname in (systemd)", cat, true},
		{"aname_index", "proc.aname[2] = sshd", cat, true},
		{"apid_any", "proc.apid = 3999", cat, true},
		{"cidr_in", "fd.snet in (93.184.0.0/16)", conn, true},
		{"cidr_not_in", "fd.snet in (10.0.0.0/8, 192.168.0.0/16)", conn, false},
		{"cidr_eq", "fd.cnet = 10.0.0.0/8", conn, true},
		{"cidr_ne", "fd.snet != 10.0.0.0/8", conn, true},
		{"ip_eq", "fd.sip = 93.184.216.34", conn, true},
		{"ip_in_cidr", "fd.sip in (93.184.216.0/24)", conn, true},
		{"ipv6_cidr", "fd.snet in (2001:db8::/32)", conn6, true},
		{"ipv6_private", "fd.cnet in (fc00::/7)", conn6, true},
		{"fd_ip_either", "fd.ip = 10.0.0.5", conn, true},
		{"fd_net_either", "fd.net in (93.184.216.0/24)", conn, true},
		{"fd_port_either", "fd.port = 43210", conn, true},
		{"fd_on_exec_absent", "fd.snet in (0.0.0.0/0)", cat, false},
		{"tolower", "tolower(proc.name) = cat", execEv(proc("CAT")), true},
		{"toupper", "toupper(proc.name) = CAT", cat, true},
		{"basename", "basename(proc.exepath) = cat", cat, true},
		{"val_field", "proc.name = val(proc.aname[0])", cat, true},
		{"val_field_mismatch", "proc.name = val(proc.pname)", cat, false},
		{"val_field_ne", "proc.name != val(proc.pname)", cat, true},
		{"val_field_contains", "proc.cmdline contains val(proc.name)", cat, true},
		{"val_numeric", "proc.pid > val(proc.ppid)", cat, true},
		{"val_absent_right", "proc.name != val(proc.pname)", orphan, false},
		{"val_any_left", "proc.aname = val(proc.pname)", cat, true},
		{"list_name_expands", "proc.name in (test_shells)", execEv(proc("zsh")), true},
		{"nested_list_expands", "proc.name in (test_all)", execEv(proc("cat")), true},
		{"bare_list_operand", "proc.name in test_shells", execEv(proc("bash")), true},
		{"quoted_list_name_is_literal", `proc.name in ("test_shells")`, execEv(proc("test_shells")), true},
		{"and_or_not", "(proc.name = cat or proc.name = dog) and not proc.pname = sshd", cat, true},
		{"evt_type_in", "evt.type in (open, openat)", shadow, true},
	}
	lists := File{Path: "lists.yaml", Data: []byte(`
- list: test_shells
  items: [bash, zsh]
- list: test_all
  items: [test_shells, cat, '"quoted item"']
`)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, rep := loadOK(t, lists, ruleFile(tt.cond, "x"))
			if len(rep.Rules) != 1 || rep.Rules[0].Status != StatusActive {
				t.Fatalf("did not load: %+v", rep.Rules)
			}
			if got := len(eng.Match(tt.ev)) == 1; got != tt.want {
				t.Errorf("%s on %s: got %v, want %v", tt.cond, tt.ev.Type, got, tt.want)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "/a/b", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbb", false},
		{"*.txt", "/x/y.txt", true},
		{"?", "é", true},
		{"[a-c]x", "bx", true},
		{"[!a-c]x", "bx", false},
		{"[^a-c]x", "dx", true},
		{"[]]", "]", true},
		{`\*`, "*", true},
		{`\*`, "a", false},
		{"[", "[", true},
		{"a[", "ab", false},
		{"*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestPathSet(t *testing.T) {
	ps, err := newPathSet([]string{"/var/run", "/etc", "/var/*/*.txt", "/"})
	if err != nil {
		t.Fatal(err)
	}
	if !ps.match("/anything") {
		t.Error("/ is a prefix of every absolute path")
	}
	ps, _ = newPathSet([]string{"/var/run", "/etc", "/var/*/*.txt"})
	for p, want := range map[string]bool{
		"/var/run": true, "/var/run/docker.sock": true, "/var/runner": false, "/etc": true, "/etcd": false,
		"/var/lib/a.txt": true, "/var/lib/a.txt/b": true, "/var/lib/a.md": false, "/opt": false, "": false,
	} {
		if got := ps.match(p); got != want {
			t.Errorf("match(%q) = %v, want %v", p, got, want)
		}
	}
	if _, err := newPathSet([]string{""}); err == nil {
		t.Error("an empty path is refused")
	}
}

func TestIPv4MappedAddresses(t *testing.T) {
	e := connectEv(proc("curl"), "[::ffff:10.0.0.5]:1000", "[::ffff:8.8.8.8]:53")
	e.Net.Family = 6
	if !evalCond(t, "fd.snet in (8.8.8.0/24) and fd.cip = 10.0.0.5", e) {
		t.Error("IPv4-mapped IPv6 addresses compare as IPv4")
	}
	if netip.MustParseAddr("::ffff:8.8.8.8").Unmap().String() != render(t, "fd.sip", e) {
		t.Error("fd.sip prints the unmapped address")
	}
}
