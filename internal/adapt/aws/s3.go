package aws

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	"strings"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// Defaults for a bucket whose source says nothing (docs/cloud-model.md).
const (
	// DefaultSSEAlgorithm: since January 2023 S3 encrypts every new object
	// with SSE-S3 when the bucket has no encryption configuration.
	DefaultSSEAlgorithm = "AES256"
	// DefaultACL is the canned ACL of a bucket created without one.
	DefaultACL = "private"
)

// cfnACLs maps CloudFormation AccessControl values to canned ACL names.
var cfnACLs = map[string]string{
	"private":                "private",
	"publicread":             "public-read",
	"publicreadwrite":        "public-read-write",
	"authenticatedread":      "authenticated-read",
	"logdeliverywrite":       "log-delivery-write",
	"bucketownerread":        "bucket-owner-read",
	"bucketownerfullcontrol": "bucket-owner-full-control",
	"awsexecread":            "aws-exec-read",
}

func newBucket(r *state.IaCResource) cloudaws.S3Bucket {
	root := spec.ResourceNode(r)
	rr := root.Rng()
	return cloudaws.S3Bucket{
		Address: r.Address,
		Range:   rr,
		ACL:     cloud.DefaultString(DefaultACL, rr),
		Encryption: cloudaws.Encryption{
			Enabled:   cloud.DefaultBool(true, rr),
			Algorithm: cloud.DefaultString(DefaultSSEAlgorithm, rr),
			KMSKeyID:  cloud.DefaultString("", rr),
		},
		Versioning: cloudaws.Versioning{
			Enabled:   cloud.DefaultBool(false, rr),
			MFADelete: cloud.DefaultBool(false, rr),
		},
		Logging: cloudaws.Logging{
			Enabled:      cloud.DefaultBool(false, rr),
			TargetBucket: cloud.DefaultString("", rr),
		},
	}
}

func (a *adapter) s3() []cloudaws.S3Bucket {
	var buckets []cloudaws.S3Bucket
	for _, r := range a.of("aws_s3_bucket") {
		buckets = append(buckets, a.tfBucket(r))
	}
	for _, r := range a.of("AWS::S3::Bucket") {
		buckets = append(buckets, a.cfnBucket(r))
	}
	if len(buckets) == 0 {
		return nil
	}
	targets := make([]spec.Target, len(buckets))
	for i, b := range buckets {
		targets[i] = spec.Target{Address: b.Address}
		if b.Name.IsExplicit() {
			targets[i].Name = b.Name.V
		}
	}
	find := func(r *state.IaCResource, attr string) *cloudaws.S3Bucket {
		if i := spec.Designated(spec.ResourceNode(r).Get(attr), r, targets); i >= 0 {
			return &buckets[i]
		}
		return nil
	}

	for _, r := range a.of("aws_s3_bucket_public_access_block") {
		if b := find(r, "bucket"); b != nil {
			b.PublicAccessBlock = publicAccessBlock(spec.ResourceNode(r), "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
		}
	}
	for _, r := range a.of("aws_s3_bucket_server_side_encryption_configuration") {
		if b := find(r, "bucket"); b != nil {
			b.Encryption = tfEncryptionRule(spec.ResourceNode(r).Get("rule"))
		}
	}
	for _, r := range a.of("aws_s3_bucket_versioning") {
		if b := find(r, "bucket"); b != nil {
			vc := spec.ResourceNode(r).Get("versioning_configuration").First()
			b.Versioning = cloudaws.Versioning{
				Enabled:   status(vc.Get("status"), "Enabled"),
				MFADelete: status(vc.Get("mfa_delete"), "Enabled"),
			}
		}
	}
	for _, r := range a.of("aws_s3_bucket_logging") {
		if b := find(r, "bucket"); b != nil {
			n := spec.ResourceNode(r)
			b.Logging = cloudaws.Logging{
				Enabled:      cloud.ExplicitBool(true, n.Rng()),
				TargetBucket: n.Get("target_bucket").String(""),
			}
		}
	}
	for _, r := range a.of("aws_s3_bucket_acl") {
		if b := find(r, "bucket"); b != nil {
			if acl := spec.ResourceNode(r).Get("acl"); acl.OK {
				b.ACL = acl.String(DefaultACL)
			}
		}
	}
	for _, r := range a.of("aws_s3_bucket_policy") {
		if b := find(r, "bucket"); b != nil {
			b.Policy = a.policy(spec.ResourceNode(r).Get("policy"), r)
		}
	}
	for _, r := range a.of("AWS::S3::BucketPolicy") {
		if b := find(r, "Bucket"); b != nil {
			b.Policy = a.policy(spec.ResourceNode(r).Get("PolicyDocument"), r)
		}
	}
	return buckets
}

func (a *adapter) tfBucket(r *state.IaCResource) cloudaws.S3Bucket {
	b := newBucket(r)
	n := spec.ResourceNode(r)
	if name := n.Get("bucket"); name.OK {
		b.Name = name.String("")
	} else {
		b.Name = cloud.UnknownString(r.Address+".bucket", b.Range)
	}
	if acl := n.Get("acl"); acl.OK {
		b.ACL = acl.String(DefaultACL)
	}
	if sse := n.Get("server_side_encryption_configuration"); sse.OK {
		b.Encryption = tfEncryptionRule(sse.First().Get("rule"))
	}
	if v := n.Get("versioning"); v.OK {
		v = v.First()
		b.Versioning = cloudaws.Versioning{
			Enabled:   v.Get("enabled").Bool(false),
			MFADelete: v.Get("mfa_delete").Bool(false),
		}
	}
	if l := n.Get("logging"); l.OK {
		l = l.First()
		b.Logging = cloudaws.Logging{
			Enabled:      cloud.ExplicitBool(true, l.Rng()),
			TargetBucket: l.Get("target_bucket").String(""),
		}
		if ref, ok := l.Unknown(); ok {
			b.Logging.Enabled = cloud.UnknownBool(ref, l.Rng())
		}
	}
	b.Policy = a.policy(n.Get("policy"), r)
	return b
}

// tfEncryptionRule reads the rule block of a Terraform encryption
// configuration (inline or separate).
func tfEncryptionRule(rule spec.Node) cloudaws.Encryption {
	rule = rule.First()
	if ref, ok := rule.Unknown(); ok {
		return unknownEncryption(ref, rule.Rng())
	}
	def := rule.Get("apply_server_side_encryption_by_default").First()
	if ref, ok := def.Unknown(); ok {
		return unknownEncryption(ref, def.Rng())
	}
	return encryption(def, def.Get("sse_algorithm"), def.Get("kms_master_key_id"))
}

func encryption(block, algo, key spec.Node) cloudaws.Encryption {
	if !block.OK {
		// A configuration without a default rule: S3 still applies SSE-S3.
		rr := block.Rng()
		return cloudaws.Encryption{
			Enabled:   cloud.DefaultBool(true, rr),
			Algorithm: cloud.DefaultString(DefaultSSEAlgorithm, rr),
			KMSKeyID:  cloud.DefaultString("", rr),
		}
	}
	return cloudaws.Encryption{
		Enabled:   cloud.ExplicitBool(true, block.Rng()),
		Algorithm: algo.String(DefaultSSEAlgorithm),
		KMSKeyID:  key.String(""),
	}
}

func unknownEncryption(ref string, r state.Range) cloudaws.Encryption {
	return cloudaws.Encryption{
		Enabled:   cloud.UnknownBool(ref, r),
		Algorithm: cloud.UnknownString(ref, r),
		KMSKeyID:  cloud.UnknownString(ref, r),
	}
}

// status reads an "Enabled"/"Suspended"/"Disabled" string as a bool.
func status(n spec.Node, on string) cloud.Bool {
	s := n.String("")
	if s.IsUnknown() {
		return cloud.UnknownBool(s.Ref, s.Range)
	}
	return cloud.Bool{V: strings.EqualFold(s.V, on), Meta: s.Meta}
}

func publicAccessBlock(n spec.Node, acls, policy, ignore, restrict string) *cloudaws.PublicAccessBlock {
	if ref, ok := n.Unknown(); ok {
		u := cloud.UnknownBool(ref, n.Rng())
		return &cloudaws.PublicAccessBlock{Range: n.Rng(), BlockPublicACLs: u, BlockPublicPolicy: u, IgnorePublicACLs: u, RestrictPublicBuckets: u}
	}
	return &cloudaws.PublicAccessBlock{
		Range:                 n.Rng(),
		BlockPublicACLs:       n.Get(acls).Bool(false),
		BlockPublicPolicy:     n.Get(policy).Bool(false),
		IgnorePublicACLs:      n.Get(ignore).Bool(false),
		RestrictPublicBuckets: n.Get(restrict).Bool(false),
	}
}

func (a *adapter) cfnBucket(r *state.IaCResource) cloudaws.S3Bucket {
	b := newBucket(r)
	n := spec.ResourceNode(r)
	if name := n.Get("BucketName"); name.OK {
		b.Name = name.String("")
	} else {
		b.Name = cloud.UnknownString("Ref "+r.Address, b.Range)
	}
	if acl := n.Get("AccessControl"); acl.OK {
		b.ACL = acl.String(DefaultACL)
		if b.ACL.IsExplicit() {
			if canned, ok := cfnACLs[strings.ToLower(b.ACL.V)]; ok {
				b.ACL.V = canned
			}
		}
	}
	if pab := n.Get("PublicAccessBlockConfiguration"); pab.OK {
		b.PublicAccessBlock = publicAccessBlock(pab, "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
	}
	if enc := n.Get("BucketEncryption"); enc.OK {
		rule := enc.Get("ServerSideEncryptionConfiguration").First()
		if ref, ok := enc.Unknown(); ok {
			b.Encryption = unknownEncryption(ref, enc.Rng())
		} else if ref, ok := rule.Unknown(); ok {
			b.Encryption = unknownEncryption(ref, rule.Rng())
		} else {
			def := rule.Get("ServerSideEncryptionByDefault")
			if ref, ok := def.Unknown(); ok {
				b.Encryption = unknownEncryption(ref, def.Rng())
			} else {
				b.Encryption = encryption(def, def.Get("SSEAlgorithm"), def.Get("KMSMasterKeyID"))
			}
		}
	}
	if v := n.Get("VersioningConfiguration"); v.OK {
		b.Versioning.Enabled = status(v.Get("Status"), "Enabled")
	}
	if l := n.Get("LoggingConfiguration"); l.OK {
		b.Logging = cloudaws.Logging{
			Enabled: cloud.ExplicitBool(true, l.Rng()),
			// Without a destination, logs go to the bucket itself.
			TargetBucket: l.Get("DestinationBucketName").String(""),
		}
		if ref, ok := l.Unknown(); ok {
			b.Logging.Enabled = cloud.UnknownBool(ref, l.Rng())
		}
	}
	return b
}
