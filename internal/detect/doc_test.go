package detect

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/runtime-rules.md")

const docIntro = `# Runtime detection rules

Ward's runtime agent evaluates detection rules written in the
[Falco rule format](https://falco.org/docs/concepts/rules/): YAML files of
` + "`rule`, `macro` and `list`" + ` items whose conditions use Falco's filter
language and fields, so the community's rules (falcosecurity/rules) load
unchanged. This page is generated from the engine by
` + "`go test ./internal/detect -run Doc -update`" + `.

## How rules load

- Files load in order with Falco's semantics: a later definition of a rule,
  macro or list replaces the earlier one in place; ` + "`append: true`" + ` (legacy)
  and ` + "`override: {key: append|replace}`" + ` extend or replace parts of an earlier
  item; ` + "`- rule: X` with only `enabled:`" + ` switches a rule on or off. Lists
  and macros may be used before they are defined.
- ` + "`required_engine_version`" + ` is checked against Ward's engine version
  **%s** (same major version, at least the required one; a bare integer N
  means 0.N.0). ` + "`required_plugin_versions`" + ` are recorded: Ward provides the
  container and Kubernetes fields itself.
- ` + "`exceptions`" + ` (fields, comps, values — tuples, lists inside tuples, and
  values naming lists) become ` + "`and not (...)`" + ` clauses, as in Falco.
- A rule is **skipped**, named with its reason, when it needs what Ward
  cannot give: a field Ward's events do not carry, a plugin event source
  (` + "`source:`" + ` other than syscall), or only event types Ward's sensor never
  emits, or a field Ward never has a value for in a way that makes the
  condition always false. A malformed item is an **error** with its file and line. Neither
  stops the load. ` + "`ward rules lint`" + ` also reports appends and overrides that
  target nothing or are shadowed, items defined twice, and unused macros
  and lists.
- Each rule is indexed by the event types its condition admits (as Falco
  does, pushing negations down), so an event meets only the rules that can
  match it.
- Priorities map to finding severities: EMERGENCY, ALERT, CRITICAL →
  CRITICAL; ERROR → HIGH; WARNING → MEDIUM; NOTICE, INFORMATIONAL → LOW;
  DEBUG → UNKNOWN (Ward's finding model has no level below LOW).
- The check ID of a finding is the rule's ` + "`WARD-RT-NNNN`" + ` tag when it has one,
  else the rule name; the output string, with ` + "`%%field`" + ` substituted
  (` + "`<NA>`" + ` for no value), is the message; the fields it references are the
  evidence; MITRE technique tags (` + "`T1059`" + `) become controls.

## Operators

| Operator | Meaning |
|---|---|
| ` + "`and`, `or`, `not`, `( )`" + ` | Boolean logic; ` + "`not(`" + ` and ` + "`and(`" + ` need no blank |
| ` + "`=`, `==`, `!=`" + ` | Equality; on an IP or network field the value may be an address or a CIDR |
| ` + "`<`, `<=`, `>`, `>=`" + ` | Numeric comparison (the value must be a number; decimal or 0x hex) |
| ` + "`contains`, `icontains`" + ` | Substring, case-sensitive or not |
| ` + "`bcontains`, `bstartswith`" + ` | Substring / prefix given as hex bytes (` + "`bcontains 7f454c46`" + `) |
| ` + "`startswith`, `endswith`" + ` | Prefix / suffix |
| ` + "`glob`, `iglob`" + ` | fnmatch(3) without flags: ` + "`*`" + ` also matches ` + "`/`" + `; ` + "`iglob`" + ` ignores case |
| ` + "`regex`" + ` | RE2 regular expression matching the whole value |
| ` + "`in`, `intersects`" + ` | Membership in a list ` + "`(a, b, \"c d\")`" + `; unquoted items naming a list expand to its items, recursively; on IP fields the items may be CIDRs (` + "`fd.snet in (10.0.0.0/8)`" + `) |
| ` + "`pmatch`" + ` | Path prefix by components: ` + "`/etc`" + ` matches ` + "`/etc`" + ` and ` + "`/etc/x`" + `, not ` + "`/etcd`" + `; components may be globs |
| ` + "`exists`" + ` | The field has a value for this event |

A field the event does not carry (` + "`fd.name`" + ` on an exec, ` + "`proc.aname[5]`" + ` of a
shallow process tree) makes every comparison on it false, so its negation
is true — Falco's semantics. Field transformers ` + "`tolower()`, `toupper()`,\n`basename()`, `b64()`" + ` and right-hand ` + "`val(field)`" + ` are supported.
`

func buildDoc(t *testing.T) string {
	var b strings.Builder
	fmt.Fprintf(&b, docIntro, EngineVersion)

	fields := Fields()
	fmt.Fprintf(&b, "\n## Fields (%d)\n\nThe fields Ward provides. Anything else makes a rule skipped (in its condition) or print `<NA>` (in its output).\n\n| Field | Type | Argument | Meaning |\n|---|---|---|---|\n", len(fields))
	for _, f := range fields {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Name, f.Type, f.Arg, strings.ReplaceAll(f.Doc, "|", "\\|"))
	}

	b.WriteString("\n### Event arguments\n\n`evt.arg.NAME` (or `evt.arg[NAME]`) is an argument by name, `evt.arg[N]` by position, rendered as Falco prints them: open flags as `O_RDONLY|O_CLOEXEC`, modes as `S_IRUSR|S_IXUSR`, ptrace requests as `PTRACE_ATTACH`, mount flags as `MS_BIND`, execve flags as `EXE_WRITABLE|EXE_UPPER_LAYER|EXE_FROM_MEMFD`, errors as numbers.\n\n| Event types | Arguments, in position order |\n|---|---|\n")
	// One row per distinct argument list, in the sensor's event order.
	args := EventArgs()
	var rows []string
	byArgs := map[string][]string{}
	for _, st := range SensorTypes {
		k := strings.Join(args[string(st)], ", ")
		if _, ok := byArgs[k]; !ok {
			rows = append(rows, k)
		}
		byArgs[k] = append(byArgs[k], string(st))
	}
	for _, k := range rows {
		fmt.Fprintf(&b, "| %s | %s |\n", strings.Join(byArgs[k], ", "), k)
	}

	def, rep, err := LoadDefault(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 {
		t.Fatalf("default rules: %v", rep.Errors)
	}
	fmt.Fprintf(&b, "\n## Ward's default rules (%d)\n\n`checks/runtime/ward_rules.yaml`, embedded in the binary. IDs WARD-RT-0001 to 0099 are these rules and never change meaning; WARD-RT-0100 and above belong to behaviour-profile anomalies and file integrity monitoring. Tune them with `override:` items in a later file (the lists and macros are prefixed `ward_`).\n\n| ID | Rule | Priority | Severity | Event types | MITRE ATT&CK |\n|---|---|---|---|---|---|\n", len(def.Rules()))
	for _, r := range def.Rules() {
		var mitre []string
		for _, tag := range r.Tags {
			if strings.HasPrefix(tag, "mitre_") || mitreTechnique.MatchString(tag) {
				mitre = append(mitre, tag)
			}
		}
		var types []string
		for _, et := range r.EventTypes {
			types = append(types, string(et))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.CheckID, r.Name, r.Priority, r.Severity, strings.Join(types, ", "), strings.Join(mitre, ", "))
	}

	files := corpusFiles(t)
	_, crep := Load(files, Config{})
	fmt.Fprintf(&b, "\n## The falcosecurity rules\n\n`falco_rules.yaml`, `falco-incubating_rules.yaml` and `falco-sandbox_rules.yaml` of falcosecurity/rules (the copy in `../shared/corpora/falco-rules`, loaded in that order, unchanged): **%d rules, %d active, %d disabled by the rules themselves (`enabled: false`; they compile and can be enabled), %d skipped, %d errors.**\n",
		len(crep.Rules), crep.Count(StatusActive), crep.Count(StatusDisabled), crep.Count(StatusSkipped), crep.Count(StatusError))
	reasons := map[string]int{}
	for _, r := range crep.Rules {
		if r.Status == StatusSkipped {
			reasons[r.Reason]++
		}
	}
	fmt.Fprintf(&b, "\nSkipped: %d need fields Ward's events do not carry (capabilities, environment, container mounts, process groups, I/O buffers, arguments of calls Ward does not trace), %d need only event types Ward's sensor does not emit (link, dup, setns, mkdir, userfaultfd, …), %d can never match because they need a domain name of an IP (Ward resolves none), %d use a plugin event source.\n",
		reasons[ReasonField], reasons[ReasonEventType], reasons[ReasonNever], reasons[ReasonSource])
	for _, f := range files {
		fmt.Fprintf(&b, "\n### %s\n\n| Rule | Status | Why |\n|---|---|---|\n", f.Path)
		for _, r := range crep.Rules {
			if r.Path != f.Path {
				continue
			}
			why := r.Detail
			if r.Status == StatusDisabled {
				why = "enabled: false in the rules file"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", r.Name, r.Status, strings.ReplaceAll(why, "|", "\\|"))
		}
	}
	b.WriteString(`
## Differences from Falco

- Ward reports each syscall once, on exit: ` + "`evt.dir`" + ` is always ` + "`<`" + `.
- ` + "`evt.num`" + ` is a sequence number the engine assigns on first use, not a capture position.
- ` + "`proc.pexe`" + ` and ` + "`proc.aexe[n]`" + ` (n ≥ 1) give the ancestor's executable path:
  Ward's process tree does not keep ancestors' argv[0].
- ` + "`fd.*`" + ` fields exist for opens, fchmod, connect, accept and listen — as in
  Falco, not for path-based calls (unlink, rename, chmod: use ` + "`evt.arg.*`" + ` or
  ` + "`fs.path.*`" + `) nor for exec.
- Domain-name fields (` + "`fd.sip.name`" + ` …) have no value: Ward resolves no names.
- Output fields Ward does not provide print ` + "`<NA>`" + ` with a load warning
  instead of failing the rule.
- ` + "`proc.is_container_healthcheck`" + ` and the probe fields are always false.
- A rule using a field Ward does not provide is skipped (and reported) whether
  or not it sets ` + "`skip-if-unknown-filter`" + `; Falco fails the load without it.
- An incompatible ` + "`required_engine_version`" + ` is reported as an error and the
  rest of the file still loads; Falco stops at the first error of a file.
`)
	return b.String()
}

// TestDocUpToDate keeps docs/runtime-rules.md in step with the engine,
// the default rules and the falcosecurity corpus.
func TestDocUpToDate(t *testing.T) {
	got := buildDoc(t)
	for _, fact := range []string{"WARD-RT-0001", "WARD-RT-0012", "| `fd.snet` | IPNET |", "Terminal shell in container | active",
		"| `pmatch` |", "0.57.0"} {
		if !strings.Contains(got, fact) {
			t.Errorf("the document lacks %q", fact)
		}
	}
	path := filepath.Join(repoRoot(t), "docs", "runtime-rules.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != got {
		t.Fatalf("%s is out of date: run `go test ./internal/detect -run Doc -update` and review the diff", path)
	}
}
