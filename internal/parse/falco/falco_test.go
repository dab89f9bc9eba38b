package falco

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/limits"
)

func ptr[T any](v T) *T { return &v }

func readTestdata(t *testing.T, name string) *File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(name, data, Config{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return f
}

func TestParseBasic(t *testing.T) {
	f := readTestdata(t, "basic.yaml")
	want := []Item{
		{Kind: KindEngineVersion, Line: 2, Col: 3, EngineVersion: "0.57.0"},
		{Kind: KindPluginVersions, Line: 4, Col: 3, Plugins: []PluginRequirement{{Name: "container", Version: "0.4.0",
			Alternatives: []PluginRequirement{{Name: "k8smeta", Version: "0.1.0"}}}}},
		{Kind: KindList, Line: 11, Col: 3, List: &List{Name: "shell_binaries", Items: []string{"bash", "sh", "zsh", `"(systemd)"`, "22"}, Line: 11}},
		{Kind: KindMacro, Line: 14, Col: 3, Macro: &Macro{Name: "spawned_process", Condition: "evt.type in (execve, execveat)", Line: 14, ConditionLine: 15}},
		{Kind: KindMacro, Line: 17, Col: 3, Macro: &Macro{Name: "container", Condition: "container.id != host\n", Line: 17, ConditionLine: 19}},
		{Kind: KindRule, Line: 21, Col: 3, Rule: &Rule{
			Name:      "Shell in container",
			Desc:      "A shell was spawned in a container.",
			Condition: "spawned_process and container\nand proc.name in (shell_binaries)\n",
			Output:    "Shell (user=%user.name command=%proc.cmdline container=%container.id)",
			Priority:  PriorityWarning,
			Tags:      []string{"container", "shell", "mitre_execution", "T1059"},
			Exceptions: []Exception{
				{Name: "known_parents", Fields: []string{"proc.pname", "proc.aname[2]"}, FieldsList: true,
					Comps: []string{"=", "in"}, CompsList: true, Line: 30,
					Values: []Entry{{IsList: true, Line: 34, List: []Entry{
						{Value: "containerd-shim", Line: 34},
						{IsList: true, Line: 34, List: []Entry{{Value: "runc", Line: 34}, {Value: "my runtime", Line: 34}}}}}}},
				{Name: "names", Fields: []string{"proc.name"}, Line: 35,
					Values: []Entry{{Value: "ash", Line: 37}, {Value: "dash", Line: 37}}},
			},
			Keys:          map[string]int{"rule": 21, "desc": 22, "condition": 23, "output": 26, "priority": 27, "tags": 28, "exceptions": 29},
			ConditionLine: 24,
			OutputLine:    26,
		}},
		{Kind: KindRule, Line: 39, Col: 3, Rule: &Rule{
			Name: "Disabled one", Desc: "d", Condition: "evt.type = open", Output: "o %fd.name", Priority: PriorityDebug,
			Enabled: ptr(false), Source: "syscall", WarnEvttypes: ptr(false), SkipIfUnknownFilter: ptr(true),
			Keys:          map[string]int{"rule": 39, "desc": 40, "condition": 41, "output": 42, "priority": 43, "enabled": 44, "source": 45, "warn_evttypes": 46, "skip-if-unknown-filter": 47},
			ConditionLine: 41, OutputLine: 42,
		}},
	}
	if diff := cmp.Diff(want, f.Items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if len(f.Errors) != 0 || len(f.Warnings) != 0 {
		t.Errorf("errors %v warnings %v, want none", f.Errors, f.Warnings)
	}
}

func TestParseOverrides(t *testing.T) {
	f := readTestdata(t, "overrides.yaml")
	if len(f.Errors) != 0 {
		t.Fatalf("errors: %v", f.Errors)
	}
	type summary struct {
		Kind     Kind
		Name     string
		Append   bool
		Override map[string]string
		Enable   bool
	}
	var got []summary
	for _, it := range f.Items {
		s := summary{Kind: it.Kind, Name: it.Name()}
		switch {
		case it.List != nil:
			s.Append, s.Override = it.List.Append, it.List.Override
		case it.Macro != nil:
			s.Append, s.Override = it.Macro.Append, it.Macro.Override
		case it.Rule != nil:
			s.Append, s.Override, s.Enable = it.Rule.Append, it.Rule.Override, it.Rule.IsEnableOnly()
		}
		got = append(got, s)
	}
	want := []summary{
		{KindList, "shell_binaries", false, map[string]string{"items": "append"}, false},
		{KindMacro, "container", false, map[string]string{"condition": "append"}, false},
		{KindRule, "Shell in container", false, map[string]string{"condition": "append", "output": "append"}, false},
		{KindRule, "Shell in container", false, map[string]string{"priority": "replace", "enabled": "replace"}, false},
		{KindRule, "Shell in container", true, nil, false},
		{KindRule, "Disabled one", false, nil, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ex := f.Items[4].Rule.Exceptions
	if len(ex) != 1 || ex[0].Name != "names" || len(ex[0].Fields) != 0 || len(ex[0].Values) != 1 {
		t.Errorf("appended exception carries values only: %+v", ex)
	}
}

func TestParseItemErrors(t *testing.T) {
	f := readTestdata(t, "errors.yaml")
	type problem struct {
		Line int
		Msg  string
	}
	var got []problem
	for _, e := range f.Errors {
		got = append(got, problem{e.Line, e.Msg})
	}
	want := []problem{
		{1, `rule "No condition" has no "condition"`},
		{10, `rule "Bad priority": invalid priority "loud"`},
		{12, `expected a mapping, found a scalar`},
		{14, `invalid macro name "bad name"`},
		{18, `"items" entries must be scalars, found a list`},
		{33, `rule "Bad exception": exception "e": fields and values lists must have equal length (value at line 36)`},
		{40, `an append override for "condition" was given but the item has no "condition"`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var warns []problem
	for _, w := range f.Warnings {
		warns = append(warns, problem{w.Line, w.Msg})
	}
	wantWarns := []problem{{25, `unknown key "frobnicate" in rule ignored`}, {42, `unknown top-level item "foo" ignored`}}
	if diff := cmp.Diff(wantWarns, warns); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if len(f.Items) != 1 || f.Items[0].Name() != "Ok rule" {
		t.Errorf("the good item is kept beside the bad ones: %+v", f.Items)
	}
	for _, e := range f.Errors {
		if e.Path != "errors.yaml" || !strings.HasPrefix(e.Error(), "errors.yaml:") {
			t.Errorf("error does not name its file: %v", e)
		}
	}
}

func TestParseItemShapes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // "" = no item error
	}{
		{"enable_only", "- rule: r\n  enabled: false\n", ""},
		{"enable_only_without_enabled", "- rule: r\n  tags: [a]\n", `rule "r" has no condition, output, desc or priority: it must set enabled`},
		{"append_and_override", "- rule: r\n  condition: a\n  append: true\n  override:\n    condition: append\n", `rule "r" uses both append and override`},
		{"override_missing_entry", "- rule: r\n  condition: a\n  output: o\n  override:\n    condition: append\n", `rule "r" has key "output" but no override for it`},
		{"override_bad_op", "- rule: r\n  condition: a\n  override:\n    condition: merge\n", `invalid override operation "merge" for key "condition" (want append or replace)`},
		{"override_priority_append", "- rule: r\n  priority: INFO\n  override:\n    priority: append\n", `key "priority" cannot be appended to, use replace`},
		{"empty_condition", "- macro: m\n  condition: \"\"\n", `value of "condition" is empty`},
		{"condition_not_string", "- macro: m\n  condition: [a]\n", `value of "condition" must be a string, found a list`},
		{"list_without_items", "- list: l\n", `list "l" has no items`},
		{"list_null_items", "- list: l\n  items:\n", ""},
		{"bad_enabled", "- rule: r\n  enabled: maybe\n", `value of "enabled" must be true or false`},
		{"duplicate_key", "- rule: r\n  enabled: true\n  enabled: false\n", `key "enabled" repeated`},
		{"exception_comp_unknown", "- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n  exceptions:\n  - name: e\n    fields: [proc.name]\n    comps: [like]\n    values: [[a]]\n", `rule "r": exception "e": "like" is not a comparison operator`},
		{"exception_single_field_eq", "- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n  exceptions:\n  - name: e\n    fields: proc.name\n    comps: =\n    values: [a]\n", `rule "r": exception "e": when fields is a single value, comps must be one of in, pmatch, intersects`},
		{"exception_twice", "- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n  exceptions:\n  - name: e\n    fields: proc.name\n  - name: e\n    fields: proc.name\n", `rule "r": exception "e" defined twice`},
		{"exception_no_fields", "- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n  exceptions:\n  - name: e\n    values: [a]\n", `rule "r": exception "e" has no fields`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("t.yaml", []byte(tt.src), Config{})
			if err != nil {
				t.Fatalf("whole-file error: %v", err)
			}
			got := ""
			if len(f.Errors) > 0 {
				got = f.Errors[0].Msg
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.want == "" && len(f.Items) != 1 {
				t.Errorf("want one item, got %d", len(f.Items))
			}
		})
	}
}

// exceptionBomb builds rules whose exception values alias the values of
// the rule before, ten times per level: levels of 10^n nodes once expanded.
func exceptionBomb(levels int) string {
	var b strings.Builder
	rule := func(i int, values string) {
		fmt.Fprintf(&b, "- rule: r%d\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [f.a, f.b]\n      values: &v%d %s\n", i, i, values)
	}
	rule(0, "[[x, y], [x, y], [x, y], [x, y], [x, y], [x, y], [x, y], [x, y], [x, y], [x, y]]")
	for i := 1; i < levels; i++ {
		rule(i, "["+strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*v%d, ", i-1), 10), ", ")+"]")
	}
	return b.String()
}

const ruleHead = "- rule: r\n  desc: d\n  condition: a\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [f.a]\n      values: "

func TestParseHostile(t *testing.T) {
	many := strings.Repeat("- list: l\n  items: [a]\n", 200)
	tests := []struct {
		name string
		src  string
		cfg  Config
		want func(error) bool
	}{
		{"alias_bomb", exceptionBomb(8), Config{}, isLimit},
		{"deep_nesting", ruleHead + strings.Repeat("[", 5000) + strings.Repeat("]", 5000), Config{}, isTyped},
		{"too_many_items", many, Config{MaxItems: 100}, isLimit},
		{"too_big", many, Config{MaxFileSize: 1000}, isLimit},
		{"binary", "\x00\x01- rule: r", Config{}, isParse},
		{"invalid_yaml", "- rule: [a\n- b", Config{}, func(err error) bool {
			var pe *limits.ParseError
			return errors.As(err, &pe) && pe.Line > 0
		}},
		{"not_a_list", "rule: r\n", Config{}, isParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("h.yaml", []byte(tt.src), tt.cfg)
			if err == nil || !tt.want(err) {
				t.Fatalf("got %T %v, want a typed error", err, err)
			}
		})
	}
}

// TestHostileFixturesAreHostile proves the fixtures of TestParseHostile are
// stopped by the limits and not by something else: smaller or shallower
// versions of the same inputs parse.
func TestHostileFixturesAreHostile(t *testing.T) {
	src := exceptionBomb(3) // 10 + 100 + 1,000 tuples
	if _, err := Parse("b.yaml", []byte(src), Config{MaxNodes: 1000}); !isLimit(err) {
		t.Fatalf("a 3,000+ node expansion under a 1,000-node limit: %v", err)
	}
	f, err := Parse("b.yaml", []byte(src), Config{})
	if err != nil {
		t.Fatalf("same input under the default limit: %v", err)
	}
	if len(f.Items) != 1 || len(f.Errors) != 2 {
		t.Fatalf("the first rule is valid and the aliased levels have the wrong shape: %d items, errors %v", len(f.Items), f.Errors)
	}
	shallow := ruleHead + "[[" + strings.Repeat("[", 10) + "x" + strings.Repeat("]", 10) + "]]"
	if _, err := Parse("d.yaml", []byte(shallow), Config{}); err != nil {
		t.Fatalf("nesting of 12 under the default depth: %v", err)
	}
	many := strings.Repeat("- list: l\n  items: [a]\n", 200)
	if f, err := Parse("m.yaml", []byte(many), Config{}); err != nil || len(f.Items) != 200 {
		t.Fatalf("200 items under default limits: %v", err)
	}
}

func isLimit(err error) bool { var le *limits.LimitError; return errors.As(err, &le) }
func isParse(err error) bool { var pe *limits.ParseError; return errors.As(err, &pe) }
func isTyped(err error) bool { return isLimit(err) || isParse(err) }

func TestPriority(t *testing.T) {
	for in, want := range map[string]Priority{"emergency": PriorityEmergency, "Alert": PriorityAlert, "CRITICAL": PriorityCritical,
		"error": PriorityError, "WARNING": PriorityWarning, "notice": PriorityNotice, "informational": PriorityInformational,
		"INFO": PriorityInformational, "debug": PriorityDebug} {
		if got, ok := ParsePriority(in); !ok || got != want {
			t.Errorf("ParsePriority(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := ParsePriority("loud"); ok {
		t.Error("unknown priority accepted")
	}
}

// repoRoot walks up to the directory holding the main go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/wardsec/ward\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root (go.mod) not found")
		}
		dir = parent
	}
}

func corpusFiles(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpora", "falco-rules")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) == 0 {
		t.Fatalf("no Falco rule files in %s: the shared corpus (falcosecurity/rules) must be present beside the repository", dir)
	}
	return files
}

// TestParseCorpus reads the community rules: every item parses, and every
// condition of every rule and macro parses.
func TestParseCorpus(t *testing.T) {
	counts := map[Kind]int{}
	for _, path := range corpusFiles(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(filepath.Base(path), data, Config{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, e := range f.Errors {
			t.Errorf("item error: %v", e)
		}
		for _, w := range f.Warnings {
			t.Errorf("warning: %v", w)
		}
		for _, it := range f.Items {
			counts[it.Kind]++
			cond := ""
			switch {
			case it.Rule != nil:
				cond = it.Rule.Condition
			case it.Macro != nil:
				cond = it.Macro.Condition
			}
			if cond == "" {
				continue
			}
			e, err := ParseCondition(cond, Config{})
			if err != nil {
				t.Errorf("%s:%d %s: %v", f.Path, it.Line, it.Name(), err)
				continue
			}
			assertRoundTrip(t, cond, e)
		}
	}
	t.Logf("items: %v", counts)
	if counts[KindRule] < 90 || counts[KindMacro] < 100 || counts[KindList] < 80 {
		t.Errorf("corpus counts dropped: %v", counts)
	}
}

func TestReadMultiDocument(t *testing.T) {
	src := "- list: a\n  items: [x]\n---\n- list: b\n  items: [y]\n---\n"
	f, err := Read("m.yaml", strings.NewReader(src), Config{})
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Name string
		Line int
	}
	var items []got
	for _, it := range f.Items {
		items = append(items, got{it.Name(), it.Line})
	}
	if diff := cmp.Diff([]got{{"a", 1}, {"b", 4}}, items); diff != "" {
		t.Errorf("items of both documents (-want +got):\n%s", diff)
	}
	if _, err := Read("big.yaml", strings.NewReader(strings.Repeat("#", 2000)), Config{MaxFileSize: 1000}); !isLimit(err) {
		t.Errorf("reading past MaxFileSize: got %v, want a LimitError", err)
	}
}
