package aws

import (
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
	root := resourceNode(r)
	rr := root.rng()
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
	targets := make([]target, len(buckets))
	for i, b := range buckets {
		targets[i] = target{address: b.Address}
		if b.Name.IsExplicit() {
			targets[i].name = b.Name.V
		}
	}
	find := func(r *state.IaCResource, attr string) *cloudaws.S3Bucket {
		if i := link(resourceNode(r).get(attr), r, targets); i >= 0 {
			return &buckets[i]
		}
		return nil
	}

	for _, r := range a.of("aws_s3_bucket_public_access_block") {
		if b := find(r, "bucket"); b != nil {
			b.PublicAccessBlock = publicAccessBlock(resourceNode(r), "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
		}
	}
	for _, r := range a.of("aws_s3_bucket_server_side_encryption_configuration") {
		if b := find(r, "bucket"); b != nil {
			b.Encryption = tfEncryptionRule(resourceNode(r).get("rule"))
		}
	}
	for _, r := range a.of("aws_s3_bucket_versioning") {
		if b := find(r, "bucket"); b != nil {
			vc := resourceNode(r).get("versioning_configuration").first()
			b.Versioning = cloudaws.Versioning{
				Enabled:   status(vc.get("status"), "Enabled"),
				MFADelete: status(vc.get("mfa_delete"), "Enabled"),
			}
		}
	}
	for _, r := range a.of("aws_s3_bucket_logging") {
		if b := find(r, "bucket"); b != nil {
			n := resourceNode(r)
			b.Logging = cloudaws.Logging{
				Enabled:      cloud.ExplicitBool(true, n.rng()),
				TargetBucket: n.get("target_bucket").String(""),
			}
		}
	}
	for _, r := range a.of("aws_s3_bucket_acl") {
		if b := find(r, "bucket"); b != nil {
			if acl := resourceNode(r).get("acl"); acl.ok {
				b.ACL = acl.String(DefaultACL)
			}
		}
	}
	for _, r := range a.of("aws_s3_bucket_policy") {
		if b := find(r, "bucket"); b != nil {
			b.Policy = a.policy(resourceNode(r).get("policy"), r)
		}
	}
	for _, r := range a.of("AWS::S3::BucketPolicy") {
		if b := find(r, "Bucket"); b != nil {
			b.Policy = a.policy(resourceNode(r).get("PolicyDocument"), r)
		}
	}
	return buckets
}

func (a *adapter) tfBucket(r *state.IaCResource) cloudaws.S3Bucket {
	b := newBucket(r)
	n := resourceNode(r)
	if name := n.get("bucket"); name.ok {
		b.Name = name.String("")
	} else {
		b.Name = cloud.UnknownString(r.Address+".bucket", b.Range)
	}
	if acl := n.get("acl"); acl.ok {
		b.ACL = acl.String(DefaultACL)
	}
	if sse := n.get("server_side_encryption_configuration"); sse.ok {
		b.Encryption = tfEncryptionRule(sse.first().get("rule"))
	}
	if v := n.get("versioning"); v.ok {
		v = v.first()
		b.Versioning = cloudaws.Versioning{
			Enabled:   v.get("enabled").Bool(false),
			MFADelete: v.get("mfa_delete").Bool(false),
		}
	}
	if l := n.get("logging"); l.ok {
		l = l.first()
		b.Logging = cloudaws.Logging{
			Enabled:      cloud.ExplicitBool(true, l.rng()),
			TargetBucket: l.get("target_bucket").String(""),
		}
		if ref, ok := l.unknown(); ok {
			b.Logging.Enabled = cloud.UnknownBool(ref, l.rng())
		}
	}
	b.Policy = a.policy(n.get("policy"), r)
	return b
}

// tfEncryptionRule reads the rule block of a Terraform encryption
// configuration (inline or separate).
func tfEncryptionRule(rule node) cloudaws.Encryption {
	rule = rule.first()
	if ref, ok := rule.unknown(); ok {
		return unknownEncryption(ref, rule.rng())
	}
	def := rule.get("apply_server_side_encryption_by_default").first()
	if ref, ok := def.unknown(); ok {
		return unknownEncryption(ref, def.rng())
	}
	return encryption(def, def.get("sse_algorithm"), def.get("kms_master_key_id"))
}

func encryption(block, algo, key node) cloudaws.Encryption {
	if !block.ok {
		// A configuration without a default rule: S3 still applies SSE-S3.
		rr := block.rng()
		return cloudaws.Encryption{
			Enabled:   cloud.DefaultBool(true, rr),
			Algorithm: cloud.DefaultString(DefaultSSEAlgorithm, rr),
			KMSKeyID:  cloud.DefaultString("", rr),
		}
	}
	return cloudaws.Encryption{
		Enabled:   cloud.ExplicitBool(true, block.rng()),
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
func status(n node, on string) cloud.Bool {
	s := n.String("")
	if s.IsUnknown() {
		return cloud.UnknownBool(s.Ref, s.Range)
	}
	return cloud.Bool{V: strings.EqualFold(s.V, on), Meta: s.Meta}
}

func publicAccessBlock(n node, acls, policy, ignore, restrict string) *cloudaws.PublicAccessBlock {
	if ref, ok := n.unknown(); ok {
		u := cloud.UnknownBool(ref, n.rng())
		return &cloudaws.PublicAccessBlock{Range: n.rng(), BlockPublicACLs: u, BlockPublicPolicy: u, IgnorePublicACLs: u, RestrictPublicBuckets: u}
	}
	return &cloudaws.PublicAccessBlock{
		Range:                 n.rng(),
		BlockPublicACLs:       n.get(acls).Bool(false),
		BlockPublicPolicy:     n.get(policy).Bool(false),
		IgnorePublicACLs:      n.get(ignore).Bool(false),
		RestrictPublicBuckets: n.get(restrict).Bool(false),
	}
}

func (a *adapter) cfnBucket(r *state.IaCResource) cloudaws.S3Bucket {
	b := newBucket(r)
	n := resourceNode(r)
	if name := n.get("BucketName"); name.ok {
		b.Name = name.String("")
	} else {
		b.Name = cloud.UnknownString("Ref "+r.Address, b.Range)
	}
	if acl := n.get("AccessControl"); acl.ok {
		b.ACL = acl.String(DefaultACL)
		if b.ACL.IsExplicit() {
			if canned, ok := cfnACLs[strings.ToLower(b.ACL.V)]; ok {
				b.ACL.V = canned
			}
		}
	}
	if pab := n.get("PublicAccessBlockConfiguration"); pab.ok {
		b.PublicAccessBlock = publicAccessBlock(pab, "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
	}
	if enc := n.get("BucketEncryption"); enc.ok {
		rule := enc.get("ServerSideEncryptionConfiguration").first()
		if ref, ok := enc.unknown(); ok {
			b.Encryption = unknownEncryption(ref, enc.rng())
		} else if ref, ok := rule.unknown(); ok {
			b.Encryption = unknownEncryption(ref, rule.rng())
		} else {
			def := rule.get("ServerSideEncryptionByDefault")
			if ref, ok := def.unknown(); ok {
				b.Encryption = unknownEncryption(ref, def.rng())
			} else {
				b.Encryption = encryption(def, def.get("SSEAlgorithm"), def.get("KMSMasterKeyID"))
			}
		}
	}
	if v := n.get("VersioningConfiguration"); v.ok {
		b.Versioning.Enabled = status(v.get("Status"), "Enabled")
	}
	if l := n.get("LoggingConfiguration"); l.ok {
		b.Logging = cloudaws.Logging{
			Enabled: cloud.ExplicitBool(true, l.rng()),
			// Without a destination, logs go to the bucket itself.
			TargetBucket: l.get("DestinationBucketName").String(""),
		}
		if ref, ok := l.unknown(); ok {
			b.Logging.Enabled = cloud.UnknownBool(ref, l.rng())
		}
	}
	return b
}
