package aws

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
	return policyFromValue(constNode(v, r))
}

// policyFromValue reads a policy document given as an object (a
// CloudFormation PolicyDocument, a decoded JSON document).
func policyFromValue(n node) (cloudaws.PolicyDocument, error) {
	doc := cloudaws.PolicyDocument{Range: n.rng()}
	if ref, ok := n.unknown(); ok {
		doc.Unknown, doc.Ref = true, ref
		return doc, nil
	}
	if _, ok := n.v.(map[string]any); !ok {
		return doc, fmt.Errorf("parse policy: document is %s, not an object", kindOf(n.v))
	}
	st := n.get("Statement")
	if ref, ok := st.unknown(); ok {
		doc.Unknown, doc.Ref = true, ref
		return doc, nil
	}
	for _, s := range st.list() {
		if _, ok := s.v.(map[string]any); !ok {
			if ref, ok := s.unknown(); ok {
				doc.Unknown, doc.Ref = true, ref
				continue
			}
			return doc, fmt.Errorf("parse policy: statement is %s, not an object", kindOf(s.v))
		}
		doc.Statements = append(doc.Statements, cloudaws.Statement{
			Range:         s.rng(),
			Sid:           s.get("Sid").String(""),
			Effect:        s.get("Effect").String("Allow"),
			Actions:       s.get("Action").Strings(),
			NotActions:    s.get("NotAction").Strings(),
			Resources:     s.get("Resource").Strings(),
			NotResources:  s.get("NotResource").Strings(),
			Principals:    principals(s.get("Principal")),
			NotPrincipals: principals(s.get("NotPrincipal")),
			Conditions:    conditions(s.get("Condition")),
		})
	}
	return doc, nil
}

// principals flattens Principal: "*" stays "*", {"AWS": ["a", "b"]}
// becomes ["AWS:a", "AWS:b"] (types in sorted order).
func principals(n node) cloud.Strings {
	if !n.ok {
		return cloud.DefaultStrings(nil, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownStrings(ref, nil, n.rng())
	}
	if s, ok := n.str(); ok {
		return cloud.ExplicitStrings([]string{s}, n.rng())
	}
	m, ok := n.v.(map[string]any)
	if !ok {
		return cloud.UnknownStrings("principal is "+kindOf(n.v), nil, n.rng())
	}
	out := []string{}
	var unk string
	for _, typ := range sortedKeys(m) {
		ids := n.get(typ).Strings()
		for _, id := range ids.V {
			out = append(out, typ+":"+id)
		}
		if ids.IsUnknown() && unk == "" {
			unk = ids.Ref
		}
	}
	if unk != "" {
		return cloud.UnknownStrings(unk, out, n.rng())
	}
	return cloud.ExplicitStrings(out, n.rng())
}

func conditions(n node) cloud.Bool {
	if !n.ok {
		return cloud.DefaultBool(false, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownBool(ref, n.rng())
	}
	switch v := n.v.(type) {
	case map[string]any:
		return cloud.ExplicitBool(len(v) > 0, n.rng())
	case []any:
		return cloud.ExplicitBool(len(v) > 0, n.rng())
	}
	return cloud.ExplicitBool(true, n.rng())
}

// policyFromTFDocument reads a Terraform aws_iam_policy_document data
// source; ranges are its blocks' lines.
func policyFromTFDocument(r *state.IaCResource) cloudaws.PolicyDocument {
	root := resourceNode(r)
	doc := cloudaws.PolicyDocument{Range: root.rng()}
	for _, s := range root.get("statement").list() {
		doc.Statements = append(doc.Statements, cloudaws.Statement{
			Range:         s.rng(),
			Sid:           s.get("sid").String(""),
			Effect:        s.get("effect").String("Allow"),
			Actions:       s.get("actions").Strings(),
			NotActions:    s.get("not_actions").Strings(),
			Resources:     s.get("resources").Strings(),
			NotResources:  s.get("not_resources").Strings(),
			Principals:    tfPrincipals(s.get("principals")),
			NotPrincipals: tfPrincipals(s.get("not_principals")),
			Conditions:    conditions(s.get("condition")),
		})
	}
	return doc
}

// tfPrincipals flattens principals blocks; type "*" with identifier "*" is
// the "*" principal, as the data source renders it.
func tfPrincipals(n node) cloud.Strings {
	if !n.ok {
		return cloud.DefaultStrings(nil, n.rng())
	}
	if ref, ok := n.unknown(); ok {
		return cloud.UnknownStrings(ref, nil, n.rng())
	}
	out := []string{}
	var unk string
	for _, b := range n.list() {
		typ := b.get("type").String("")
		ids := b.get("identifiers").Strings()
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
		return cloud.UnknownStrings(unk, out, n.rng())
	}
	return cloud.ExplicitStrings(out, n.rng())
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
