package aws

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// TypeCloud is the document type of the cloud model.
const TypeCloud = state.TypeCloud

// Document kinds.
const (
	KindS3Bucket      = "aws.s3.bucket"
	KindSecurityGroup = "aws.ec2.security_group"
	KindIAMPolicy     = "aws.iam.policy"
)

// Documents returns the Rego input documents of st, one per resource, in
// the order buckets, security groups, IAM policies.
func Documents(st *cloudaws.State) []*state.Document {
	if st == nil {
		return nil
	}
	var out []*state.Document
	for _, b := range st.S3Buckets {
		out = append(out, bucketDocument(b))
	}
	for _, g := range st.SecurityGroups {
		out = append(out, sgDocument(g))
	}
	for _, p := range st.IAMPolicies {
		out = append(out, policyDocument(p))
	}
	return out
}

type builder struct{ *spec.Builder }

func newBuilder(kind, address string, name cloud.String, r state.Range) builder {
	return builder{spec.NewBuilder(kind, address, name, r)}
}

var join = spec.Join

func (b builder) policy(p []any, d cloudaws.PolicyDocument) any {
	b.At(p, d.Range)
	if d.Unknown {
		b.MarkUnknown(p, d.Ref)
		return nil
	}
	sts := make([]any, len(d.Statements))
	for i, s := range d.Statements {
		sp := join(p, "statements", i)
		b.At(sp, s.Range)
		sts[i] = map[string]any{
			"sid":            b.Str(join(sp, "sid"), s.Sid),
			"effect":         b.Str(join(sp, "effect"), s.Effect),
			"actions":        b.Strs(join(sp, "actions"), s.Actions),
			"not_actions":    b.Strs(join(sp, "not_actions"), s.NotActions),
			"resources":      b.Strs(join(sp, "resources"), s.Resources),
			"not_resources":  b.Strs(join(sp, "not_resources"), s.NotResources),
			"principals":     b.Strs(join(sp, "principals"), s.Principals),
			"not_principals": b.Strs(join(sp, "not_principals"), s.NotPrincipals),
			"conditions":     b.Bool(join(sp, "conditions"), s.Conditions),
		}
	}
	return map[string]any{"statements": sts}
}

func bucketDocument(v cloudaws.S3Bucket) *state.Document {
	b := newBuilder(KindS3Bucket, v.Address, v.Name, v.Range)
	m := map[string]any{
		"address": v.Address,
		"name":    b.Str([]any{"name"}, v.Name),
		"acl":     b.Str([]any{"acl"}, v.ACL),
		"encryption": map[string]any{
			"enabled":    b.Bool([]any{"encryption", "enabled"}, v.Encryption.Enabled),
			"algorithm":  b.Str([]any{"encryption", "algorithm"}, v.Encryption.Algorithm),
			"kms_key_id": b.Str([]any{"encryption", "kms_key_id"}, v.Encryption.KMSKeyID),
		},
		"versioning": map[string]any{
			"enabled":    b.Bool([]any{"versioning", "enabled"}, v.Versioning.Enabled),
			"mfa_delete": b.Bool([]any{"versioning", "mfa_delete"}, v.Versioning.MFADelete),
		},
		"logging": map[string]any{
			"enabled":       b.Bool([]any{"logging", "enabled"}, v.Logging.Enabled),
			"target_bucket": b.Str([]any{"logging", "target_bucket"}, v.Logging.TargetBucket),
		},
		"public_access_block": nil,
		"policy":              nil,
	}
	if pab := v.PublicAccessBlock; pab != nil {
		p := []any{"public_access_block"}
		b.At(p, pab.Range)
		m["public_access_block"] = map[string]any{
			"block_public_acls":       b.Bool(join(p, "block_public_acls"), pab.BlockPublicACLs),
			"block_public_policy":     b.Bool(join(p, "block_public_policy"), pab.BlockPublicPolicy),
			"ignore_public_acls":      b.Bool(join(p, "ignore_public_acls"), pab.IgnorePublicACLs),
			"restrict_public_buckets": b.Bool(join(p, "restrict_public_buckets"), pab.RestrictPublicBuckets),
		}
	}
	if v.Policy != nil {
		m["policy"] = b.policy([]any{"policy"}, *v.Policy)
	}
	return b.Document(m)
}

func sgDocument(g cloudaws.SecurityGroup) *state.Document {
	b := newBuilder(KindSecurityGroup, g.Address, g.Name, g.Range)
	rules := func(key string, rs []cloudaws.SGRule) []any {
		out := make([]any, len(rs))
		for i, r := range rs {
			p := []any{key, i}
			b.At(p, r.Range)
			out[i] = map[string]any{
				"implicit":    r.Implicit,
				"description": b.Str(join(p, "description"), r.Description),
				"protocol":    b.Str(join(p, "protocol"), r.Protocol),
				"from_port":   b.Int(join(p, "from_port"), r.FromPort),
				"to_port":     b.Int(join(p, "to_port"), r.ToPort),
				"cidrs":       b.Strs(join(p, "cidrs"), r.CIDRs),
				"ipv6_cidrs":  b.Strs(join(p, "ipv6_cidrs"), r.IPv6CIDRs),
			}
		}
		return out
	}
	return b.Document(map[string]any{
		"address":     g.Address,
		"name":        b.Str([]any{"name"}, g.Name),
		"description": b.Str([]any{"description"}, g.Description),
		"ingress":     rules("ingress", g.Ingress),
		"egress":      rules("egress", g.Egress),
	})
}

func policyDocument(p cloudaws.IAMPolicy) *state.Document {
	b := newBuilder(KindIAMPolicy, p.Address, p.Name, p.Range)
	return b.Document(map[string]any{
		"address":  p.Address,
		"name":     b.Str([]any{"name"}, p.Name),
		"document": b.policy([]any{"document"}, p.Document),
	})
}
