package aws

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/wardsec/ward/internal/adapt/spec"
	"strings"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// MaxPolicyBytes bounds a policy JSON document; AWS's own limits are far
// lower (20 KiB for bucket policies).
const MaxPolicyBytes = 1 << 20

// ErrPolicyTooLarge is returned for policy documents over MaxPolicyBytes.
var ErrPolicyTooLarge = errors.New("policy document too large")

// ParsePolicy parses an IAM policy JSON document (a literal, a heredoc or
// the result of jsonencode()). Line positions inside the JSON are not
// tracked: every value gets range r, the attribute that held the string.
func ParsePolicy(data []byte, r state.Range) (cloudaws.PolicyDocument, error) {
	if len(data) > MaxPolicyBytes {
		return cloudaws.PolicyDocument{Range: r}, fmt.Errorf("parse policy: %w (%d bytes)", ErrPolicyTooLarge, len(data))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return cloudaws.PolicyDocument{Range: r}, fmt.Errorf("parse policy: %w", err)
	}
	if dec.More() {
		return cloudaws.PolicyDocument{Range: r}, errors.New("parse policy: trailing data after the document")
	}
	return policyFromValue(spec.ConstNode(v, r))
}

// policyFromValue reads a policy document given as an object (a
// CloudFormation PolicyDocument, a decoded JSON document).
func policyFromValue(n spec.Node) (cloudaws.PolicyDocument, error) {
	doc := cloudaws.PolicyDocument{Range: n.Rng()}
	if ref, ok := n.Unknown(); ok {
		doc.Unknown, doc.Ref = true, ref
		return doc, nil
	}
	if _, ok := n.V.(map[string]any); !ok {
		return doc, fmt.Errorf("parse policy: document is %s, not an object", kindOf(n.V))
	}
	st := n.Get("Statement")
	if ref, ok := st.Unknown(); ok {
		doc.Unknown, doc.Ref = true, ref
		return doc, nil
	}
	for _, s := range st.List() {
		if _, ok := s.V.(map[string]any); !ok {
			if ref, ok := s.Unknown(); ok {
				doc.Unknown, doc.Ref = true, ref
				continue
			}
			return doc, fmt.Errorf("parse policy: statement is %s, not an object", kindOf(s.V))
		}
		doc.Statements = append(doc.Statements, cloudaws.Statement{
			Range:         s.Rng(),
			Sid:           s.Get("Sid").String(""),
			Effect:        s.Get("Effect").String("Allow"),
			Actions:       s.Get("Action").Strings(),
			NotActions:    s.Get("NotAction").Strings(),
			Resources:     s.Get("Resource").Strings(),
			NotResources:  s.Get("NotResource").Strings(),
			Principals:    principals(s.Get("Principal")),
			NotPrincipals: principals(s.Get("NotPrincipal")),
			Conditions:    conditions(s.Get("Condition")),
		})
	}
	return doc, nil
}

// principals flattens Principal: "*" stays "*", {"AWS": ["a", "b"]}
// becomes ["AWS:a", "AWS:b"] (types in sorted order).
func principals(n spec.Node) cloud.Strings {
	if !n.OK {
		return cloud.DefaultStrings(nil, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownStrings(ref, nil, n.Rng())
	}
	if s, ok := n.Str(); ok {
		return cloud.ExplicitStrings([]string{s}, n.Rng())
	}
	m, ok := n.V.(map[string]any)
	if !ok {
		return cloud.UnknownStrings("principal is "+kindOf(n.V), nil, n.Rng())
	}
	out := []string{}
	var unk string
	for _, typ := range spec.SortedKeys(m) {
		ids := n.Get(typ).Strings()
		for _, id := range ids.V {
			out = append(out, typ+":"+id)
		}
		if ids.IsUnknown() && unk == "" {
			unk = ids.Ref
		}
	}
	if unk != "" {
		return cloud.UnknownStrings(unk, out, n.Rng())
	}
	return cloud.ExplicitStrings(out, n.Rng())
}

func conditions(n spec.Node) cloud.Bool {
	if !n.OK {
		return cloud.DefaultBool(false, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownBool(ref, n.Rng())
	}
	switch v := n.V.(type) {
	case map[string]any:
		return cloud.ExplicitBool(len(v) > 0, n.Rng())
	case []any:
		return cloud.ExplicitBool(len(v) > 0, n.Rng())
	}
	return cloud.ExplicitBool(true, n.Rng())
}

// policyFromTFDocument reads a Terraform aws_iam_policy_document data
// source; ranges are its blocks' lines.
func policyFromTFDocument(r *state.IaCResource) cloudaws.PolicyDocument {
	root := spec.ResourceNode(r)
	doc := cloudaws.PolicyDocument{Range: root.Rng()}
	for _, s := range root.Get("statement").List() {
		doc.Statements = append(doc.Statements, cloudaws.Statement{
			Range:         s.Rng(),
			Sid:           s.Get("sid").String(""),
			Effect:        s.Get("effect").String("Allow"),
			Actions:       s.Get("actions").Strings(),
			NotActions:    s.Get("not_actions").Strings(),
			Resources:     s.Get("resources").Strings(),
			NotResources:  s.Get("not_resources").Strings(),
			Principals:    tfPrincipals(s.Get("principals")),
			NotPrincipals: tfPrincipals(s.Get("not_principals")),
			Conditions:    conditions(s.Get("condition")),
		})
	}
	return doc
}

// tfPrincipals flattens principals blocks; type "*" with identifier "*" is
// the "*" principal, as the data source renders it.
func tfPrincipals(n spec.Node) cloud.Strings {
	if !n.OK {
		return cloud.DefaultStrings(nil, n.Rng())
	}
	if ref, ok := n.Unknown(); ok {
		return cloud.UnknownStrings(ref, nil, n.Rng())
	}
	out := []string{}
	var unk string
	for _, b := range n.List() {
		typ := b.Get("type").String("")
		ids := b.Get("identifiers").Strings()
		if typ.IsUnknown() && unk == "" {
			unk = typ.Ref
		}
		if ids.IsUnknown() && unk == "" {
			unk = ids.Ref
		}
		for _, id := range ids.V {
			if typ.V == "*" && id == "*" {
				out = append(out, "*")
				continue
			}
			out = append(out, typ.V+":"+id)
		}
	}
	if unk != "" {
		return cloud.UnknownStrings(unk, out, n.Rng())
	}
	return cloud.ExplicitStrings(out, n.Rng())
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "a bool"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", v), "json.")
}
