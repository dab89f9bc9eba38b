package secret

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
)

// GitleaksSeverity is the severity of rules loaded from a gitleaks config,
// which has no severities.
const GitleaksSeverity = finding.SeverityMedium

const gitleaksRemediation = "Revoke and rotate the credential, remove it from the file and its history, and load it from the environment or a secrets manager."

type glConfig struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Extend      struct {
		UseDefault    bool     `toml:"useDefault"`
		Path          string   `toml:"path"`
		URL           string   `toml:"url"`
		DisabledRules []string `toml:"disabledRules"`
	} `toml:"extend"`
	Rules      []glRule      `toml:"rules"`
	Allowlist  *glAllowlist  `toml:"allowlist"`
	Allowlists []glAllowlist `toml:"allowlists"`
}

type glRule struct {
	ID          string        `toml:"id"`
	Description string        `toml:"description"`
	Regex       string        `toml:"regex"`
	SecretGroup int           `toml:"secretGroup"`
	Entropy     float64       `toml:"entropy"`
	Keywords    []string      `toml:"keywords"`
	Path        string        `toml:"path"`
	Tags        []string      `toml:"tags"`
	Allowlist   *glAllowlist  `toml:"allowlist"`
	Allowlists  []glAllowlist `toml:"allowlists"`
}

type glAllowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"`
	Commits     []string `toml:"commits"`
	Paths       []string `toml:"paths"`
	RegexTarget string   `toml:"regexTarget"`
	Regexes     []string `toml:"regexes"`
	Stopwords   []string `toml:"stopwords"`
	TargetRules []string `toml:"targetRules"`
}

func (g glAllowlist) toAllowlist() (Allowlist, bool) {
	a := Allowlist{Regexes: g.Regexes, Stopwords: g.Stopwords, Paths: g.Paths,
		RegexTarget: g.RegexTarget, Condition: g.Condition}
	// An allowlist with only commits cannot act on file content (see
	// docs/secrets/rules.md); drop it rather than let AND or OR misfire.
	return a, !a.empty()
}

// LoadGitleaksTOML reads a gitleaks v8 configuration unchanged. Rule IDs
// are kept; severity is GitleaksSeverity; secretGroup 0 means the first
// capture group that matched (gitleaks' default). [extend] useDefault adds
// Ward's built-in rules; disabledRules removes rules by ID. Global
// allowlists are appended to every rule they target (built-ins included).
// Commit allowlists and extend.path/url are not supported.
func LoadGitleaksTOML(path string, data []byte) ([]Rule, error) {
	if len(data) > MaxRuleFileSize {
		return nil, fmt.Errorf("%s: %w", path, &limits.LimitError{What: "gitleaks config", Limit: MaxRuleFileSize})
	}
	var c glConfig
	if _, err := toml.Decode(string(data), &c); err != nil {
		pe := &limits.ParseError{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
		var te toml.ParseError
		if errors.As(err, &te) {
			pe.Line, pe.Col, pe.Msg = te.Position.Line, te.Position.Col, te.Message
		}
		return nil, withLine(pe)
	}
	if c.Extend.Path != "" || c.Extend.URL != "" {
		return nil, &limits.ParseError{Path: path, Msg: "[extend] path and url are not supported; merge the configs or use useDefault"}
	}
	var rules []Rule
	if c.Extend.UseDefault {
		b, err := BuiltinRules()
		if err != nil {
			return nil, err
		}
		rules = b
	}
	nDefault := len(rules)
	seen := map[string]int{}
	for i, r := range rules {
		seen[r.ID] = i
	}
	for i, g := range c.Rules {
		r, err := fromGitleaks(path, i, g)
		if err != nil {
			return nil, err
		}
		if j, ok := seen[r.ID]; ok {
			if j >= nDefault {
				return nil, &limits.ParseError{Path: path, Msg: fmt.Sprintf("rule %q: duplicate id", r.ID)}
			}
			rules[j] = r // a config rule replaces a default of the same ID
			continue
		}
		seen[r.ID] = len(rules)
		rules = append(rules, r)
	}
	if len(c.Extend.DisabledRules) > 0 {
		rules = slices.DeleteFunc(rules, func(r Rule) bool { return slices.Contains(c.Extend.DisabledRules, r.ID) })
	}
	globals := c.Allowlists
	if c.Allowlist != nil {
		globals = append([]glAllowlist{*c.Allowlist}, globals...)
	}
	for gi, g := range globals {
		a, ok := g.toAllowlist()
		if !ok {
			continue
		}
		if err := validateAllowlist(&a); err != nil {
			return nil, &limits.ParseError{Path: path, Msg: fmt.Sprintf("global allowlist %d: %v", gi+1, err)}
		}
		for i := range rules {
			if len(g.TargetRules) == 0 || slices.Contains(g.TargetRules, rules[i].ID) {
				rules[i].Allowlists = append(slices.Clip(rules[i].Allowlists), a)
			}
		}
	}
	return rules, nil
}

func fromGitleaks(path string, i int, g glRule) (Rule, error) {
	id := g.ID
	if id == "" {
		return Rule{}, &limits.ParseError{Path: path, Msg: fmt.Sprintf("rule %d: missing id", i+1)}
	}
	title := strings.TrimSpace(g.Description)
	if title == "" {
		title = id
	}
	r := Rule{
		ID: id, Title: title, Description: strings.TrimSpace(g.Description),
		Remediation: gitleaksRemediation, Severity: GitleaksSeverity,
		Regex: g.Regex, SecretGroup: g.SecretGroup, Entropy: g.Entropy, Path: g.Path,
		Source: path,
	}
	if g.SecretGroup == 0 {
		r.SecretGroup = SecretGroupFirst
	}
	if g.SecretGroup < 0 {
		return r, &limits.ParseError{Path: path, Msg: fmt.Sprintf("rule %q: secretGroup must be >= 0", id)}
	}
	for _, k := range g.Keywords {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			r.Keywords = append(r.Keywords, k)
		}
	}
	if g.Allowlist != nil {
		if a, ok := g.Allowlist.toAllowlist(); ok {
			r.Allowlist = a
		}
	}
	for _, ga := range g.Allowlists {
		if a, ok := ga.toAllowlist(); ok {
			r.Allowlists = append(r.Allowlists, a)
		}
	}
	if err := validate(&r); err != nil {
		return r, &limits.ParseError{Path: path, Msg: fmt.Sprintf("rule %q: %v", id, err)}
	}
	return r, nil
}
