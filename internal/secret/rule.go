// Package secret finds hardcoded credentials in text. Rules (Ward YAML,
// gitleaks TOML or the embedded built-ins) are compiled once by New into a
// Scanner; Scan streams one reader through a keyword pre-filter
// (Aho–Corasick over every rule's keywords) and runs a rule's regex only in
// windows around its keyword hits. The format and the engine are described
// in docs/secrets/rules.md.
//
// The raw secret never leaves the package: a Match carries its position,
// a redacted form and a SHA-256 hash.
package secret

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/checks"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

// MaxRuleFileSize caps one rule file (YAML or TOML).
const MaxRuleFileSize = 4 << 20

// SecretGroupFirst selects the first capture group that matched, or the
// whole match when none did (the gitleaks default for secretGroup = 0).
const SecretGroupFirst = -1

// Rule is one secret detector.
type Rule struct {
	ID, Title, Description, Remediation string
	Severity                            finding.Severity
	// Keywords are lower-case; the regex runs only near a keyword hit
	// (case-insensitive). Empty: the regex runs on all content.
	Keywords []string
	// Regex is Go RE2 syntax. Empty with Path set: a path-only rule that
	// reports the file itself.
	Regex string
	// SecretGroup is the capture group holding the secret: 0 the whole
	// match, SecretGroupFirst the first group that matched.
	SecretGroup int
	// Entropy is the minimum Shannon entropy (bits per byte) of the secret.
	Entropy float64
	// Path restricts the rule to files whose path matches this regex.
	Path      string
	Allowlist Allowlist
	// Allowlists are further allowlists (gitleaks [[rules.allowlists]] and
	// global allowlists of a gitleaks config); a match dropped by any of
	// Allowlist or Allowlists is dropped.
	Allowlists []Allowlist
	References []string
	Tests      RuleTests
	// Source is the file the rule came from.
	Source string
	// Generic marks a catch-all rule (a password assignment, a secret in a
	// .env file): when its secret overlaps one that a specific rule found,
	// only the specific rule reports it.
	Generic bool
}

// Allowlist drops matches that are known not to be secrets.
type Allowlist struct {
	// Regexes are matched against RegexTarget: "secret" (default), "match"
	// (the whole regex match) or "line" (the line holding the secret).
	Regexes []string
	// Stopwords drop a secret that contains one, case-insensitively. The
	// entry "@placeholders" expands to Ward's list of placeholder words
	// (PlaceholderStopwords).
	Stopwords []string
	// Paths skip files whose path matches one of these regexes.
	Paths       []string
	RegexTarget string
	// Condition is "OR" (default: any criterion drops the match) or "AND"
	// (every criterion that is set must hold).
	Condition string
}

func (a Allowlist) empty() bool {
	return len(a.Regexes) == 0 && len(a.Stopwords) == 0 && len(a.Paths) == 0
}

// RuleTests are a rule's own samples: each positive must produce exactly one
// match of the rule, each negative none.
type RuleTests struct {
	Positive, Negative []string
	// Path is a file path the rule's path filter accepts, used where tests
	// plant a sample in a file (rules with a path filter must have one).
	Path string
}

var (
	builtinIDRe = regexp.MustCompile(`^WARD-SECRET-[0-9]{4}$`)
	customIDRe  = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)
	lineRe      = regexp.MustCompile(`line (\d+)`)
)

// IsBuiltinID reports whether id has the form of a built-in rule ID.
func IsBuiltinID(id string) bool { return builtinIDRe.MatchString(id) }

type yamlFile struct {
	Rules []yamlRule `yaml:"rules"`
}

type yamlRule struct {
	ID          string        `yaml:"id"`
	Title       string        `yaml:"title"`
	Description string        `yaml:"description"`
	Severity    string        `yaml:"severity"`
	Keywords    []string      `yaml:"keywords"`
	Regex       string        `yaml:"regex"`
	SecretGroup int           `yaml:"secretGroup"`
	Entropy     float64       `yaml:"entropy"`
	Path        string        `yaml:"path"`
	Allowlist   yamlAllowlist `yaml:"allowlist"`
	Remediation string        `yaml:"remediation"`
	References  []string      `yaml:"references"`
	Tests       struct {
		Positive []string `yaml:"positive"`
		Negative []string `yaml:"negative"`
	} `yaml:"tests"`
	TestPath string `yaml:"testPath"`
	Generic  bool   `yaml:"generic"`
}

type yamlAllowlist struct {
	Regexes     []string `yaml:"regexes"`
	Stopwords   []string `yaml:"stopwords"`
	Paths       []string `yaml:"paths"`
	RegexTarget string   `yaml:"regexTarget"`
	Condition   string   `yaml:"condition"`
}

// LoadYAML reads rules in Ward's YAML format. Syntax and validation errors
// are *limits.ParseError with the line; an oversized file is a
// *limits.LimitError. An empty file holds no rules.
func LoadYAML(path string, data []byte) ([]Rule, error) {
	if len(data) > MaxRuleFileSize {
		return nil, fmt.Errorf("%s: %w", path, &limits.LimitError{What: "secret rule file", Limit: MaxRuleFileSize})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErr(path, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	var f yamlFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, yamlErr(path, err)
	}
	items := ruleNodes(root.Content[0])
	rules := make([]Rule, 0, len(f.Rules))
	for i, y := range f.Rules {
		var item *yaml.Node
		if i < len(items) {
			item = items[i]
		}
		r, err := fromYAML(path, y, item)
		if err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	seen := map[string]int{}
	for i, r := range rules {
		if j, ok := seen[r.ID]; ok {
			return nil, &limits.ParseError{Path: path, Line: nodeLine(items, i, "id"),
				Msg: fmt.Sprintf("rule %q: duplicate ID (first at rule %d)", r.ID, j+1)}
		}
		seen[r.ID] = i
	}
	return rules, nil
}

func yamlErr(path string, err error) error {
	return withLine(&limits.ParseError{Path: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")})
}

// withLine moves a "line N" in the message into Line.
func withLine(pe *limits.ParseError) *limits.ParseError {
	if m := lineRe.FindStringSubmatchIndex(pe.Msg); m != nil && pe.Line == 0 {
		pe.Line, _ = strconv.Atoi(pe.Msg[m[2]:m[3]])
		pe.Msg = strings.TrimLeft(pe.Msg[:m[0]]+pe.Msg[m[1]:], ": ")
	}
	return pe
}

// ruleNodes returns the sequence items under the top-level "rules" key.
func ruleNodes(doc *yaml.Node) []*yaml.Node {
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "rules" && doc.Content[i+1].Kind == yaml.SequenceNode {
			return doc.Content[i+1].Content
		}
	}
	return nil
}

// nodeLine is the line of key in rule item i, else of the item itself.
func nodeLine(items []*yaml.Node, i int, key string) int {
	if i >= len(items) || items[i] == nil {
		return 0
	}
	return fieldLine(items[i], key)
}

func fieldLine(item *yaml.Node, key string) int {
	if item == nil {
		return 0
	}
	if item.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(item.Content); j += 2 {
			if item.Content[j].Value == key {
				return item.Content[j+1].Line
			}
		}
	}
	return item.Line
}

func fromYAML(path string, y yamlRule, item *yaml.Node) (Rule, error) {
	fail := func(key, format string, args ...any) error {
		id := y.ID
		if id == "" {
			id = "?"
		}
		return &limits.ParseError{Path: path, Line: fieldLine(item, key),
			Msg: fmt.Sprintf("rule %q: ", id) + fmt.Sprintf(format, args...)}
	}
	r := Rule{
		ID: y.ID, Title: strings.TrimSpace(y.Title), Description: strings.TrimSpace(y.Description),
		Remediation: strings.TrimSpace(y.Remediation), Keywords: y.Keywords, Regex: y.Regex,
		SecretGroup: y.SecretGroup, Entropy: y.Entropy, Path: y.Path, References: y.References,
		Allowlist: Allowlist{Regexes: y.Allowlist.Regexes, Stopwords: y.Allowlist.Stopwords,
			Paths: y.Allowlist.Paths, RegexTarget: y.Allowlist.RegexTarget, Condition: y.Allowlist.Condition},
		Tests:   RuleTests{Positive: y.Tests.Positive, Negative: y.Tests.Negative, Path: y.TestPath},
		Generic: y.Generic,
		Source:  path,
	}
	switch {
	case r.ID == "":
		return r, fail("id", "missing id")
	case !builtinIDRe.MatchString(r.ID) && !customIDRe.MatchString(r.ID):
		return r, fail("id", "id must be upper-case words and digits joined by '-' (WARD-SECRET-0001, ACME-TOKEN-1)")
	case r.Title == "":
		return r, fail("title", "missing title")
	case y.Severity == "":
		return r, fail("severity", "missing severity")
	}
	sev, err := finding.ParseSeverity(y.Severity)
	if err != nil || sev == finding.SeverityUnknown {
		return r, fail("severity", "severity %q must be LOW, MEDIUM, HIGH or CRITICAL", y.Severity)
	}
	r.Severity = sev
	for _, k := range r.Keywords {
		if k == "" || k != strings.ToLower(k) {
			return r, fail("keywords", "keyword %q must be non-empty and lower-case", k)
		}
	}
	if len(r.Keywords) == 0 && r.Path == "" {
		return r, fail("keywords", "no keywords: the regex would run on every file; add keywords or a path")
	}
	if r.SecretGroup < 0 {
		return r, fail("secretGroup", "secretGroup must be >= 0")
	}
	if err := validate(&r); err != nil {
		key := "regex"
		var ve *validationError
		if errors.As(err, &ve) {
			key = ve.key
		}
		return r, fail(key, "%v", err)
	}
	return r, nil
}

// validationError names the rule field at fault.
type validationError struct {
	key string
	err error
}

func (e *validationError) Error() string { return e.key + ": " + e.err.Error() }
func (e *validationError) Unwrap() error { return e.err }

// validate checks what New needs: regexes that compile, a group that
// exists, sane numbers. It normalises the allowlist target and condition.
func validate(r *Rule) error {
	if r.Regex == "" && r.Path == "" {
		return &validationError{"regex", errors.New("missing regex (a rule needs a regex, a path or both)")}
	}
	if r.Regex != "" {
		re, err := regexp.Compile(r.Regex)
		if err != nil {
			return &validationError{"regex", err}
		}
		if r.SecretGroup > re.NumSubexp() {
			return &validationError{"secretGroup", fmt.Errorf("secretGroup %d but the regex has %d groups", r.SecretGroup, re.NumSubexp())}
		}
	}
	if r.SecretGroup < SecretGroupFirst {
		return &validationError{"secretGroup", fmt.Errorf("invalid secretGroup %d", r.SecretGroup)}
	}
	if r.Entropy < 0 || r.Entropy > 8 {
		return &validationError{"entropy", fmt.Errorf("entropy %v outside 0..8 bits per byte", r.Entropy)}
	}
	if r.Path != "" {
		if _, err := regexp.Compile(r.Path); err != nil {
			return &validationError{"path", err}
		}
	}
	for i := range r.Allowlists {
		if err := validateAllowlist(&r.Allowlists[i]); err != nil {
			return err
		}
	}
	return validateAllowlist(&r.Allowlist)
}

func validateAllowlist(a *Allowlist) error {
	switch strings.ToLower(a.RegexTarget) {
	case "", "secret":
		a.RegexTarget = "secret"
	case "match":
		a.RegexTarget = "match"
	case "line":
		a.RegexTarget = "line"
	default:
		return &validationError{"allowlist", fmt.Errorf("regexTarget %q must be secret, match or line", a.RegexTarget)}
	}
	switch strings.ToUpper(a.Condition) {
	case "", "OR":
		a.Condition = "OR"
	case "AND":
		a.Condition = "AND"
	default:
		return &validationError{"allowlist", fmt.Errorf("condition %q must be OR or AND", a.Condition)}
	}
	for _, list := range [][]string{a.Regexes, a.Paths} {
		for _, s := range list {
			if _, err := regexp.Compile(s); err != nil {
				return &validationError{"allowlist", err}
			}
		}
	}
	for _, s := range a.Stopwords {
		if s == "" {
			return &validationError{"allowlist", errors.New("empty stopword")}
		}
	}
	return nil
}

// BuiltinRules loads every embedded rule file (checks/secret/*.yaml) in
// name order and checks that rule IDs are built-in IDs and unique.
func BuiltinRules() ([]Rule, error) {
	names, err := fs.Glob(checks.SecretRules, "secret/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list built-in secret rules: %w", err)
	}
	sort.Strings(names)
	var all []Rule
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(checks.SecretRules, name)
		if err != nil {
			return nil, fmt.Errorf("read built-in secret rules: %w", err)
		}
		src := path.Join("checks", name)
		rules, err := LoadYAML(src, data)
		if err != nil {
			return nil, fmt.Errorf("built-in secret rules: %w", err)
		}
		for _, r := range rules {
			if !builtinIDRe.MatchString(r.ID) {
				return nil, fmt.Errorf("built-in secret rules: %s: rule %q: built-in IDs are WARD-SECRET-NNNN", src, r.ID)
			}
			if prev, ok := seen[r.ID]; ok {
				return nil, fmt.Errorf("built-in secret rules: rule %q in both %s and %s", r.ID, prev, src)
			}
			seen[r.ID] = src
		}
		all = append(all, rules...)
	}
	return all, nil
}
