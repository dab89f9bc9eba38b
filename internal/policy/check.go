// Package policy is Ward's policy engine: Rego (OPA v1) checks compiled once,
// queries prepared once per input kind, evaluated concurrently on documents,
// results turned into findings.
package policy

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
)

// Check is one Rego package with its metadata.
type Check struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Severity    finding.Severity  `json:"severity"`
	Description string            `json:"description,omitempty"`
	Remediation string            `json:"remediation,omitempty"`
	References  []string          `json:"references,omitempty"`
	Controls    []finding.Control `json:"controls,omitempty"`
	Domain      string            `json:"domain"`
	Types       []state.Type      `json:"inputTypes"`
	Kinds       []string          `json:"kinds,omitempty"`
	Package     string            `json:"package"`
	Rules       []string          `json:"rules"`
	File        string            `json:"file"`
	Custom      bool              `json:"custom"`
	ruleSev     map[string]finding.Severity
}

// idRe is the form of built-in check IDs.
var idRe = regexp.MustCompile(`^WARD-[A-Z0-9]+-[0-9]{4}$`)

// customIDRe is what a custom check may use as its ID.
var customIDRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]*(-[A-Z0-9_]+)+$`)

// resultRules are the rule names whose values are findings (conftest's
// deny/violation/warn convention).
var resultRules = []string{"deny", "violation", "warn"}

// workloadKinds expands the "workload" kind alias.
var workloadKinds = []string{"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "CronJob", "PodTemplate"}

// checkFromModule reads a module's package-scoped METADATA. It returns nil
// (no error) for modules that define none of the result rules (libraries,
// tests).
func checkFromModule(file string, m *ast.Module, custom bool) (*Check, error) {
	pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
	rules := map[string]bool{}
	for _, r := range m.Rules {
		name := r.Head.Name.String()
		if len(r.Head.Reference) > 0 {
			name = r.Head.Reference[0].String()
		}
		for _, rr := range resultRules {
			if name == rr {
				rules[rr] = true
			}
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	c := &Check{Package: pkg, File: file, Custom: custom, ruleSev: map[string]finding.Severity{}}
	for _, rr := range resultRules {
		if rules[rr] {
			c.Rules = append(c.Rules, rr)
		}
	}
	var ann *ast.Annotations
	for _, a := range m.Annotations {
		if a.Scope == "package" || a.Scope == "subpackages" {
			ann = a
			break
		}
	}
	loc := func() string {
		if ann != nil && ann.Location != nil {
			return fmt.Sprintf("%s:%d", file, ann.Location.Row)
		}
		return fmt.Sprintf("%s:%d", file, m.Package.Location.Row)
	}
	custom_ := map[string]any{}
	if ann != nil {
		c.Title = ann.Title
		c.Description = strings.TrimSpace(ann.Description)
		for _, r := range ann.RelatedResources {
			if r.Ref.String() != "" {
				c.References = append(c.References, r.Ref.String())
			}
		}
		if ann.Custom != nil {
			custom_ = ann.Custom
		}
	}
	c.ID, _ = custom_["id"].(string)
	if c.ID == "" {
		if !custom {
			return nil, fmt.Errorf("%s: built-in check package %s has no custom.id in its METADATA", loc(), pkg)
		}
		c.ID = "CUSTOM-" + strings.ToUpper(strings.NewReplacer(".", "-", "_", "-").Replace(pkg))
	}
	if !custom && !idRe.MatchString(c.ID) {
		return nil, fmt.Errorf("%s: check ID %q does not match WARD-<DOMAIN>-<NNNN>", loc(), c.ID)
	}
	if custom && !customIDRe.MatchString(c.ID) {
		return nil, fmt.Errorf("%s: check ID %q must be upper-case words joined by '-' (e.g. ACME-K8S-0001)", loc(), c.ID)
	}
	if c.Title == "" {
		if !custom {
			return nil, fmt.Errorf("%s: check %s has no title", loc(), c.ID)
		}
		c.Title = pkg
	}
	sev := finding.SeverityMedium
	if s, ok := custom_["severity"].(string); ok {
		v, err := finding.ParseSeverity(s)
		if err != nil {
			return nil, fmt.Errorf("%s: check %s: %w", loc(), c.ID, err)
		}
		sev = v
	} else if !custom {
		return nil, fmt.Errorf("%s: check %s has no custom.severity", loc(), c.ID)
	}
	c.Severity = sev
	for _, rr := range c.Rules {
		c.ruleSev[rr] = sev
	}
	if _, ok := custom_["severity"]; !ok && rules["warn"] {
		c.ruleSev["warn"] = finding.SeverityLow
	}
	c.Remediation, _ = custom_["remediation"].(string)
	c.Domain, _ = custom_["domain"].(string)
	if in, ok := custom_["input"].(map[string]any); ok {
		for _, t := range toStrings(in["types"]) {
			c.Types = append(c.Types, state.Type(t))
		}
		if t, ok := in["type"].(string); ok {
			c.Types = append(c.Types, state.Type(t))
		}
		for _, k := range toStrings(in["kinds"]) {
			if k == "workload" {
				c.Kinds = append(c.Kinds, workloadKinds...)
			} else {
				c.Kinds = append(c.Kinds, k)
			}
		}
	}
	if len(c.Types) == 0 {
		if !custom {
			return nil, fmt.Errorf("%s: check %s has no custom.input.type", loc(), c.ID)
		}
		c.Types = []state.Type{state.TypeKubernetes, state.TypeDockerfile}
	}
	for _, t := range c.Types {
		switch t {
		case state.TypeKubernetes, state.TypeDockerfile, state.TypeKubernetesSet, state.TypeCloud, state.TypeImage:
		default:
			return nil, fmt.Errorf("%s: check %s: unknown input type %q", loc(), c.ID, t)
		}
	}
	if c.Domain == "" {
		c.Domain = domainOf(c.ID, c.Types)
	}
	if ctl, ok := custom_["controls"].(map[string]any); ok {
		fws := make([]string, 0, len(ctl))
		for fw := range ctl {
			fws = append(fws, fw)
		}
		sort.Strings(fws)
		for _, fw := range fws {
			for _, id := range toStrings(ctl[fw]) {
				c.Controls = append(c.Controls, finding.Control{Framework: fw, ID: id})
			}
		}
	}
	return c, nil
}

func domainOf(id string, types []state.Type) string {
	parts := strings.Split(id, "-")
	if len(parts) >= 3 && parts[0] == "WARD" {
		return strings.ToLower(parts[1])
	}
	if len(types) == 1 {
		switch types[0] {
		case state.TypeDockerfile:
			return "docker"
		default:
			return "k8s"
		}
	}
	return "custom"
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

// appliesTo reports whether the check evaluates documents of type t and kind k.
func (c *Check) appliesTo(t state.Type, kind string) bool {
	ok := false
	for _, ct := range c.Types {
		if ct == t {
			ok = true
		}
	}
	if !ok {
		return false
	}
	if len(c.Kinds) == 0 || !kinded(t) {
		return true
	}
	for _, k := range c.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// kinded reports whether documents of type t are dispatched by kind.
func kinded(t state.Type) bool { return t == state.TypeKubernetes || t == state.TypeCloud }
