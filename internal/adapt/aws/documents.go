package aws

import (
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// TypeCloud is the document type of the cloud model. It should become a
// constant of internal/state (state.TypeCloud).
const TypeCloud = state.Type("cloud")

// Document kinds.
const (
	KindS3Bucket      = "aws.s3.bucket"
	KindSecurityGroup = "aws.ec2.security_group"
	KindIAMPolicy     = "aws.iam.policy"
)

// Input is a document with the origin of its leaves: the engine reports a
// result whose path reaches an Unknown leaf as not evaluated.
type Input struct {
	Document *state.Document
	// Unknown maps the state.Key of each unknown leaf path to what it would
	// come from. An unknown scalar is null in the document; an unknown list
	// holds its known elements.
	Unknown map[string]string
	// Defaults holds the state.Key of each leaf filled from a default.
	Defaults map[string]bool
}

// Documents returns the Rego input documents of st, one per resource.
func Documents(st *cloudaws.State) []*state.Document {
	in := Inputs(st)
	out := make([]*state.Document, len(in))
	for i, x := range in {
		out[i] = x.Document
	}
	return out
}

// Inputs returns one Input per resource of st, in the order buckets,
// security groups, IAM policies.
func Inputs(st *cloudaws.State) []Input {
	if st == nil {
		return nil
	}
	var out []Input
	for _, b := range st.S3Buckets {
		out = append(out, bucketInput(b))
	}
	for _, g := range st.SecurityGroups {
		out = append(out, sgInput(g))
	}
	for _, p := range st.IAMPolicies {
		out = append(out, policyInput(p))
	}
	return out
}

type builder struct{ in Input }

func newBuilder(kind, address string, name cloud.String, r state.Range) *builder {
	res := finding.Resource{Kind: kind, Address: address}
	if !name.IsUnknown() {
		res.Name = name.V
	}
	return &builder{in: Input{
		Document: &state.Document{
			Type: TypeCloud, Kind: kind, Path: r.Path, Resource: res,
			Source: state.SourceMap{"": r},
		},
		Unknown:  map[string]string{},
		Defaults: map[string]bool{},
	}}
}

func join(p []any, k ...any) []any {
	out := make([]any, 0, len(p)+len(k))
	return append(append(out, p...), k...)
}

func (b *builder) at(p []any, r state.Range) {
	if r.Path != "" || r.Start != 0 {
		b.in.Document.Source[state.Key(p)] = r
	}
}

func (b *builder) meta(p []any, m cloud.Meta) {
	b.at(p, m.Range)
	switch m.Origin {
	case cloud.Unknown:
		b.in.Unknown[state.Key(p)] = m.Ref
	case cloud.Default:
		b.in.Defaults[state.Key(p)] = true
	}
}

func (b *builder) bool(p []any, v cloud.Bool) any {
	b.meta(p, v.Meta)
	if v.IsUnknown() {
		return nil
	}
	return v.V
}

func (b *builder) str(p []any, v cloud.String) any {
	b.meta(p, v.Meta)
	if v.IsUnknown() {
		return nil
	}
	return v.V
}

func (b *builder) int(p []any, v cloud.Int) any {
	b.meta(p, v.Meta)
	if v.IsUnknown() {
		return nil
	}
	return v.V
}

func (b *builder) strs(p []any, v cloud.Strings) any {
	b.meta(p, v.Meta)
	out := make([]any, len(v.V))
	for i, s := range v.V {
		out[i] = s
	}
	return out
}

func (b *builder) policy(p []any, d cloudaws.PolicyDocument) any {
	b.at(p, d.Range)
	if d.Unknown {
		b.in.Unknown[state.Key(p)] = d.Ref
		return nil
	}
	sts := make([]any, len(d.Statements))
	for i, s := range d.Statements {
		sp := join(p, "statements", i)
		b.at(sp, s.Range)
		sts[i] = map[string]any{
			"sid":            b.str(join(sp, "sid"), s.Sid),
			"effect":         b.str(join(sp, "effect"), s.Effect),
			"actions":        b.strs(join(sp, "actions"), s.Actions),
			"not_actions":    b.strs(join(sp, "not_actions"), s.NotActions),
			"resources":      b.strs(join(sp, "resources"), s.Resources),
			"not_resources":  b.strs(join(sp, "not_resources"), s.NotResources),
			"principals":     b.strs(join(sp, "principals"), s.Principals),
			"not_principals": b.strs(join(sp, "not_principals"), s.NotPrincipals),
			"conditions":     b.bool(join(sp, "conditions"), s.Conditions),
		}
	}
	return map[string]any{"statements": sts}
}

func bucketInput(v cloudaws.S3Bucket) Input {
	b := newBuilder(KindS3Bucket, v.Address, v.Name, v.Range)
	m := map[string]any{
		"address": v.Address,
		"name":    b.str([]any{"name"}, v.Name),
		"acl":     b.str([]any{"acl"}, v.ACL),
		"encryption": map[string]any{
			"enabled":    b.bool([]any{"encryption", "enabled"}, v.Encryption.Enabled),
			"algorithm":  b.str([]any{"encryption", "algorithm"}, v.Encryption.Algorithm),
			"kms_key_id": b.str([]any{"encryption", "kms_key_id"}, v.Encryption.KMSKeyID),
		},
		"versioning": map[string]any{
			"enabled":    b.bool([]any{"versioning", "enabled"}, v.Versioning.Enabled),
			"mfa_delete": b.bool([]any{"versioning", "mfa_delete"}, v.Versioning.MFADelete),
		},
		"logging": map[string]any{
			"enabled":       b.bool([]any{"logging", "enabled"}, v.Logging.Enabled),
			"target_bucket": b.str([]any{"logging", "target_bucket"}, v.Logging.TargetBucket),
		},
		"public_access_block": nil,
		"policy":              nil,
	}
	if pab := v.PublicAccessBlock; pab != nil {
		p := []any{"public_access_block"}
		b.at(p, pab.Range)
		m["public_access_block"] = map[string]any{
			"block_public_acls":       b.bool(join(p, "block_public_acls"), pab.BlockPublicACLs),
			"block_public_policy":     b.bool(join(p, "block_public_policy"), pab.BlockPublicPolicy),
			"ignore_public_acls":      b.bool(join(p, "ignore_public_acls"), pab.IgnorePublicACLs),
			"restrict_public_buckets": b.bool(join(p, "restrict_public_buckets"), pab.RestrictPublicBuckets),
		}
	}
	if v.Policy != nil {
		m["policy"] = b.policy([]any{"policy"}, *v.Policy)
	}
	b.in.Document.Value = m
	return b.in
}

func sgInput(g cloudaws.SecurityGroup) Input {
	b := newBuilder(KindSecurityGroup, g.Address, g.Name, g.Range)
	rules := func(key string, rs []cloudaws.SGRule) []any {
		out := make([]any, len(rs))
		for i, r := range rs {
			p := []any{key, i}
			b.at(p, r.Range)
			out[i] = map[string]any{
				"description": b.str(join(p, "description"), r.Description),
				"protocol":    b.str(join(p, "protocol"), r.Protocol),
				"from_port":   b.int(join(p, "from_port"), r.FromPort),
				"to_port":     b.int(join(p, "to_port"), r.ToPort),
				"cidrs":       b.strs(join(p, "cidrs"), r.CIDRs),
				"ipv6_cidrs":  b.strs(join(p, "ipv6_cidrs"), r.IPv6CIDRs),
			}
		}
		return out
	}
	b.in.Document.Value = map[string]any{
		"address":     g.Address,
		"name":        b.str([]any{"name"}, g.Name),
		"description": b.str([]any{"description"}, g.Description),
		"ingress":     rules("ingress", g.Ingress),
		"egress":      rules("egress", g.Egress),
	}
	return b.in
}

func policyInput(p cloudaws.IAMPolicy) Input {
	b := newBuilder(KindIAMPolicy, p.Address, p.Name, p.Range)
	b.in.Document.Value = map[string]any{
		"address":  p.Address,
		"name":     b.str([]any{"name"}, p.Name),
		"document": b.policy([]any{"document"}, p.Document),
	}
	return b.in
}
