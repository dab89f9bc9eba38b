package respond

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"
	"k8s.io/client-go/kubernetes"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/limits"
	"github.com/wardsec/ward/internal/parse/yamlnode"
)

// Action is one automated response.
type Action string

// The actions. Their exact effects are in docs/runtime-response.md.
const (
	// Kill sends SIGKILL to the event's process.
	Kill Action = "kill"
	// Isolate labels the event's pod ward.dev/quarantine=true and makes
	// sure the deny-all NetworkPolicy ward-quarantine exists in its
	// namespace.
	Isolate Action = "isolate"
	// Webhook POSTs the finding as JSON to Config.WebhookURL.
	Webhook Action = "webhook"
)

// Actions lists every action, in the order the documentation gives them.
var Actions = []Action{Kill, Isolate, Webhook}

func (a Action) valid() bool {
	switch a {
	case Kill, Isolate, Webhook:
		return true
	}
	return false
}

// MatchAll is the rule key that applies to every finding.
const MatchAll = "*"

// Config says which actions run for which findings and how. The zero value
// responds to nothing.
type Config struct {
	// Rules maps a check ID (WARD-RT-0001), a Falco rule name (the
	// finding's Title) or MatchAll to the actions to run. Loaded from YAML
	// by LoadConfig.
	Rules map[string][]Action
	// MinSeverity: actions run only for findings at or above it. The zero
	// value (SeverityUnknown) means every finding.
	MinSeverity finding.Severity
	// Kube is the client isolate uses; nil makes every isolate a refusal
	// with an audit record saying so.
	Kube kubernetes.Interface
	// WebhookURL receives the webhook action's POSTs (http or https).
	// Required when a rule uses the webhook action.
	WebhookURL string
	// HTTPClient posts webhooks; nil means a client with a 5 s timeout.
	HTTPClient *http.Client
	// Audit receives one JSON line per action; nil discards them
	// (Respond still returns the records).
	Audit io.Writer
	// Kill sends SIGKILL to pid; nil means unix.Kill(pid, SIGKILL). Tests
	// inject their own.
	Kill func(pid int) error
	// DryRun decides and audits every action (refusals included) without
	// killing, patching or posting anything.
	DryRun bool
}

// Limits of LoadConfig. A response config is a short hand-written file.
const (
	MaxConfigSize  = 1 << 20 // bytes
	MaxConfigNodes = 100_000 // YAML nodes
	MaxConfigDepth = 16      // nesting; the format needs 4
	MaxRules       = 10_000
	MaxMatchLen    = 1024 // bytes of one match
)

// configName is the path given in parse errors: LoadConfig reads a
// reader, so callers add the file name when they wrap the error.
const configName = "response config"

// LoadConfig reads a response config:
//
//	rules:
//	  - match: WARD-RT-0001        # check ID, Falco rule name, or "*"
//	    actions: [kill, isolate]
//	minSeverity: high              # optional; default every severity
//	webhook: https://hooks.example/ward   # needed by the webhook action
//
// Errors are *limits.ParseError (with the line) or *limits.LimitError.
// Kube, HTTPClient, Audit and Kill are not part of the file; the caller
// sets them on the returned Config.
func LoadConfig(r io.Reader) (Config, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxConfigSize+1))
	if err != nil {
		return Config{}, fmt.Errorf("read %s: %w", configName, err)
	}
	return parseConfig(data)
}

func parseConfig(data []byte) (Config, error) {
	if len(data) > MaxConfigSize {
		return Config{}, &limits.LimitError{What: "size of " + configName, Limit: MaxConfigSize}
	}
	if !yamlnode.IsText(data) {
		return Config{}, &limits.ParseError{Path: configName, Msg: "binary content, not YAML"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Config{}, nil // an empty file responds to nothing
		}
		return Config{}, yamlnode.Error(configName, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return Config{}, yamlnode.Error(configName, err)
		}
		return Config{}, errAt(&extra, "more than one YAML document")
	}
	if err := checkShape(&doc); err != nil {
		return Config{}, err
	}
	return decodeConfig(&doc)
}

// checkShape bounds the tree before it is read: node count, depth, and no
// aliases (a config has no use for them, and they are how YAML bombs
// multiply).
func checkShape(doc *yaml.Node) error {
	nodes := 0
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		nodes++
		if nodes > MaxConfigNodes {
			return &limits.LimitError{What: "YAML nodes in " + configName, Limit: MaxConfigNodes}
		}
		if depth > MaxConfigDepth {
			return &limits.LimitError{What: "nesting depth of " + configName, Limit: MaxConfigDepth}
		}
		if n.Kind == yaml.AliasNode {
			return errAt(n, "YAML aliases are not allowed in a response config")
		}
		for _, c := range n.Content {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(doc, 0)
}

func decodeConfig(doc *yaml.Node) (Config, error) {
	var cfg Config
	root := doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return cfg, nil
		}
		root = root.Content[0]
	}
	if isNull(root) {
		return cfg, nil
	}
	if root.Kind != yaml.MappingNode {
		return cfg, errAt(root, "a response config is a mapping with rules, minSeverity and webhook")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return cfg, errAt(k, "key is not a string")
		}
		if seen[k.Value] {
			return cfg, errAt(k, "duplicate key %q", k.Value)
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "rules":
			cfg.Rules, err = decodeRules(v)
		case "minSeverity":
			var s string
			if s, err = scalarString(v, "minSeverity"); err == nil {
				if cfg.MinSeverity, err = finding.ParseSeverity(s); err != nil {
					err = errAt(v, "minSeverity: %v", err)
				}
			}
		case "webhook":
			var s string
			if s, err = scalarString(v, "webhook"); err == nil {
				if err = checkWebhookURL(s); err != nil {
					err = errAt(v, "webhook: %v", err)
				}
				cfg.WebhookURL = s
			}
		default:
			err = errAt(k, "unknown key %q (want rules, minSeverity or webhook)", k.Value)
		}
		if err != nil {
			return Config{}, err
		}
	}
	if err := cfg.validate(); err != nil {
		return Config{}, &limits.ParseError{Path: configName, Line: root.Line, Col: root.Column, Msg: err.Error()}
	}
	return cfg, nil
}

func decodeRules(n *yaml.Node) (map[string][]Action, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "rules must be a list of {match, actions}")
	}
	if len(n.Content) > MaxRules {
		return nil, &limits.LimitError{What: "rules in " + configName, Limit: MaxRules}
	}
	rules := make(map[string][]Action, len(n.Content))
	firstLine := map[string]int{}
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			return nil, errAt(item, "a rule must be a mapping with match and actions")
		}
		var (
			match      string
			actions    []Action
			hasMatch   bool
			hasActions bool
		)
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "match":
				if hasMatch {
					return nil, errAt(k, "duplicate key %q", k.Value)
				}
				s, err := scalarString(v, "match")
				if err != nil {
					return nil, err
				}
				s = strings.TrimSpace(s)
				if s == "" {
					return nil, errAt(v, "match is empty (use %q for every finding)", MatchAll)
				}
				if len(s) > MaxMatchLen {
					return nil, &limits.LimitError{What: "length of a match in " + configName, Limit: MaxMatchLen}
				}
				match, hasMatch = s, true
			case "actions":
				if hasActions {
					return nil, errAt(k, "duplicate key %q", k.Value)
				}
				var err error
				if actions, err = decodeActions(v); err != nil {
					return nil, err
				}
				hasActions = true
			default:
				return nil, errAt(k, "unknown rule key %q (want match and actions)", k.Value)
			}
		}
		if !hasMatch {
			return nil, errAt(item, "rule has no match")
		}
		if len(actions) == 0 {
			return nil, errAt(item, "rule %q has no actions", match)
		}
		if line, dup := firstLine[match]; dup {
			return nil, errAt(item, "rule %q is already defined at line %d", match, line)
		}
		firstLine[match] = item.Line
		rules[match] = actions
	}
	return rules, nil
}

func decodeActions(n *yaml.Node) ([]Action, error) {
	var items []*yaml.Node
	switch n.Kind {
	case yaml.SequenceNode:
		items = n.Content
	case yaml.ScalarNode:
		items = []*yaml.Node{n} // "actions: kill"
	default:
		return nil, errAt(n, "actions must be a list of %s", actionNames())
	}
	var out []Action
	for _, it := range items {
		s, err := scalarString(it, "action")
		if err != nil {
			return nil, err
		}
		a := Action(strings.ToLower(strings.TrimSpace(s)))
		if !a.valid() {
			return nil, errAt(it, "unknown action %q (want one of %s)", s, actionNames())
		}
		if !containsAction(out, a) {
			out = append(out, a)
		}
	}
	return out, nil
}

func actionNames() string {
	names := make([]string, len(Actions))
	for i, a := range Actions {
		names[i] = string(a)
	}
	return strings.Join(names, ", ")
}

func containsAction(as []Action, a Action) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

func scalarString(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", errAt(n, "%s must be a string", what)
	}
	return n.Value, nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func errAt(n *yaml.Node, format string, args ...any) error {
	return &limits.ParseError{Path: configName, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// validate checks what LoadConfig and New both require of a Config.
func (c *Config) validate() error {
	usesWebhook := false
	for match, actions := range c.Rules {
		if strings.TrimSpace(match) == "" {
			return fmt.Errorf("rule with an empty match (use %q for every finding)", MatchAll)
		}
		for _, a := range actions {
			if !a.valid() {
				return fmt.Errorf("rule %q: unknown action %q (want one of %s)", match, a, actionNames())
			}
			if a == Webhook {
				usesWebhook = true
			}
		}
	}
	if c.MinSeverity < finding.SeverityUnknown || c.MinSeverity > finding.SeverityCritical {
		return fmt.Errorf("minimum severity %d out of range", c.MinSeverity)
	}
	if c.WebhookURL != "" {
		if err := checkWebhookURL(c.WebhookURL); err != nil {
			return fmt.Errorf("webhook: %w", err)
		}
	} else if usesWebhook {
		return errors.New("a rule uses the webhook action but no webhook URL is set")
	}
	return nil
}

func checkWebhookURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("invalid URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("URL %q must be http or https", u.Redacted())
	}
	if u.Host == "" {
		return fmt.Errorf("URL %q has no host", u.Redacted())
	}
	return nil
}
