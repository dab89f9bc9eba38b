package aws

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

var r0 = state.Range{}

const bucketPolicyJSON = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyInsecure",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::logs-bucket/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
  }]
}`

var bucketPolicyObject = M{
	"Version": "2012-10-17",
	"Statement": L{M{
		"Sid": "DenyInsecure", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
		"Resource":  L{"arn:aws:s3:::logs-bucket/*"},
		"Condition": M{"Bool": M{"aws:SecureTransport": "false"}},
	}},
}

const kmsKey = "arn:aws:kms:eu-west-1:111122223333:key/1"

// wantBucket is the one bucket every source below describes.
var wantBucket = cloudaws.S3Bucket{
	Name: cloud.ExplicitString("logs-bucket", r0),
	ACL:  cloud.ExplicitString("private", r0),
	PublicAccessBlock: &cloudaws.PublicAccessBlock{
		BlockPublicACLs: cloud.ExplicitBool(true, r0), BlockPublicPolicy: cloud.ExplicitBool(true, r0),
		IgnorePublicACLs: cloud.ExplicitBool(true, r0), RestrictPublicBuckets: cloud.ExplicitBool(true, r0),
	},
	Encryption: cloudaws.Encryption{
		Enabled:   cloud.ExplicitBool(true, r0),
		Algorithm: cloud.ExplicitString("aws:kms", r0),
		KMSKeyID:  cloud.ExplicitString(kmsKey, r0),
	},
	Versioning: cloudaws.Versioning{Enabled: cloud.ExplicitBool(true, r0), MFADelete: cloud.DefaultBool(false, r0)},
	Logging:    cloudaws.Logging{Enabled: cloud.ExplicitBool(true, r0), TargetBucket: cloud.ExplicitString("audit-logs", r0)},
	Policy: &cloudaws.PolicyDocument{Statements: []cloudaws.Statement{{
		Sid:           cloud.ExplicitString("DenyInsecure", r0),
		Effect:        cloud.ExplicitString("Deny", r0),
		Actions:       cloud.ExplicitStrings([]string{"s3:*"}, r0),
		NotActions:    cloud.DefaultStrings(nil, r0),
		Resources:     cloud.ExplicitStrings([]string{"arn:aws:s3:::logs-bucket/*"}, r0),
		NotResources:  cloud.DefaultStrings(nil, r0),
		Principals:    cloud.ExplicitStrings([]string{"*"}, r0),
		NotPrincipals: cloud.DefaultStrings(nil, r0),
		Conditions:    cloud.ExplicitBool(true, r0),
	}}},
}

func pabTF(bucket any, refs ...string) state.IaCResource {
	return mk("s3.tf", "aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.logs", M{
		"bucket": bucket, "block_public_acls": true, "block_public_policy": true,
		"ignore_public_acls": true, "restrict_public_buckets": true,
	}, refs...)
}

var byRef = unk("aws_s3_bucket.logs.id")

func TestS3SameModelFromEverySource(t *testing.T) {
	tests := []struct {
		name string
		in   []state.IaCResource
	}{
		{
			name: "terraform_separate_resources",
			in: []state.IaCResource{
				// Separate resources first: order must not matter.
				mk("s3.tf", "aws_s3_bucket_acl", "aws_s3_bucket_acl.logs", M{"bucket": byRef, "acl": "private"}, "aws_s3_bucket.logs"),
				pabTF("logs-bucket"), // linked by literal name
				mk("s3.tf", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_server_side_encryption_configuration.logs", M{
					"bucket": byRef,
					"rule": L{M{"apply_server_side_encryption_by_default": L{M{
						"sse_algorithm": "aws:kms", "kms_master_key_id": kmsKey,
					}}}},
				}, "aws_s3_bucket.logs"),
				mk("s3.tf", "aws_s3_bucket_versioning", "aws_s3_bucket_versioning.logs", M{
					"bucket": byRef, "versioning_configuration": L{M{"status": "Enabled"}},
				}, "aws_s3_bucket.logs"),
				mk("s3.tf", "aws_s3_bucket_logging", "aws_s3_bucket_logging.logs", M{
					"bucket": byRef, "target_bucket": "audit-logs", "target_prefix": "logs/",
				}, "aws_s3_bucket.logs"),
				mk("s3.tf", "aws_s3_bucket_policy", "aws_s3_bucket_policy.logs", M{
					// Linked only through References.
					"bucket": unk("something opaque"), "policy": bucketPolicyJSON,
				}, "aws_s3_bucket.logs"),
				mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.logs", M{"bucket": "logs-bucket"}),
				mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.other", M{"bucket": "other-bucket"}),
			},
		},
		{
			name: "terraform_legacy_inline_blocks",
			in: []state.IaCResource{
				mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.logs", M{
					"bucket": "logs-bucket",
					"acl":    "private",
					"server_side_encryption_configuration": L{M{"rule": L{M{
						"apply_server_side_encryption_by_default": L{M{"sse_algorithm": "aws:kms", "kms_master_key_id": kmsKey}},
					}}}},
					"versioning": L{M{"enabled": true}},
					"logging":    L{M{"target_bucket": "audit-logs"}},
					"policy":     bucketPolicyJSON,
				}),
				pabTF(byRef, "aws_s3_bucket.logs"),
			},
		},
		{
			name: "cloudformation",
			in: []state.IaCResource{
				mk("s3.yaml", "AWS::S3::Bucket", "Logs", M{
					"BucketName":    "logs-bucket",
					"AccessControl": "Private",
					"PublicAccessBlockConfiguration": M{
						"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
					},
					"BucketEncryption": M{"ServerSideEncryptionConfiguration": L{M{
						"ServerSideEncryptionByDefault": M{"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": kmsKey},
					}}},
					"VersioningConfiguration": M{"Status": "Enabled"},
					"LoggingConfiguration":    M{"DestinationBucketName": "audit-logs"},
				}),
				mk("s3.yaml", "AWS::S3::BucketPolicy", "LogsPolicy", M{
					"Bucket": unk("Ref Logs"), "PolicyDocument": bucketPolicyObject,
				}, "Logs"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := Adapt(tt.in)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			var got *cloudaws.S3Bucket
			for i := range st.S3Buckets {
				if st.S3Buckets[i].Name.V == "logs-bucket" {
					got = &st.S3Buckets[i]
				}
			}
			if got == nil {
				t.Fatalf("no logs-bucket in %+v", st.S3Buckets)
			}
			if diff := cmp.Diff(wantBucket, *got, sameModel...); diff != "" {
				t.Errorf("bucket (-want +got):\n%s", diff)
			}
			if got.Range.Path == "" || got.Encryption.Algorithm.Range.Path == "" {
				t.Errorf("ranges not carried: bucket %v, algorithm %v", got.Range, got.Encryption.Algorithm.Range)
			}
		})
	}
}

func TestS3Ranges(t *testing.T) {
	bucket := mk("main.tf", "aws_s3_bucket", "aws_s3_bucket.logs", M{"bucket": "logs-bucket"})
	ver := mk("versioning.tf", "aws_s3_bucket_versioning", "aws_s3_bucket_versioning.logs", M{
		"bucket": byRef, "versioning_configuration": L{M{"status": "Suspended"}},
	})
	st, _ := Adapt([]state.IaCResource{bucket, ver})
	b := st.S3Buckets[0]
	if want := ver.Source[state.Key(L{"versioning_configuration", 0, "status"})]; b.Versioning.Enabled.Range != want || b.Versioning.Enabled.V {
		t.Errorf("versioning.enabled = %+v, want false at %v", b.Versioning.Enabled, want)
	}
	if want := bucket.Source[""]; b.Encryption.Enabled.Range != want {
		t.Errorf("default encryption range = %v, want the bucket's %v", b.Encryption.Enabled.Range, want)
	}
	if want := bucket.Source[state.Key(L{"bucket"})]; b.Name.Range != want {
		t.Errorf("name range = %v, want %v", b.Name.Range, want)
	}
}

func TestS3DefaultsAndUnknowns(t *testing.T) {
	opts := []cmp.Option{cmpopts.IgnoreTypes(state.Range{}), cmpopts.EquateEmpty()}
	tests := []struct {
		name string
		in   []state.IaCResource
		want cloudaws.S3Bucket
	}{
		{
			name: "bare_terraform_bucket_gets_defaults",
			in:   []state.IaCResource{mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.b", M{"bucket": "b"})},
			want: cloudaws.S3Bucket{
				Address: "aws_s3_bucket.b",
				Name:    cloud.ExplicitString("b", r0),
				ACL:     cloud.DefaultString("private", r0),
				Encryption: cloudaws.Encryption{
					Enabled: cloud.DefaultBool(true, r0), Algorithm: cloud.DefaultString("AES256", r0), KMSKeyID: cloud.DefaultString("", r0),
				},
				Versioning: cloudaws.Versioning{Enabled: cloud.DefaultBool(false, r0), MFADelete: cloud.DefaultBool(false, r0)},
				Logging:    cloudaws.Logging{Enabled: cloud.DefaultBool(false, r0), TargetBucket: cloud.DefaultString("", r0)},
			},
		},
		{
			name: "name_from_data_source_is_unknown_and_still_linked_by_reference",
			in: []state.IaCResource{
				mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.b", M{"bucket": unk("data.aws_ssm_parameter.name.value"), "acl": "public-read"}),
				mk("s3.tf", "aws_s3_bucket_public_access_block", "aws_s3_bucket_public_access_block.b", M{
					"bucket": unk("aws_s3_bucket.b.id"), "block_public_acls": unk("var.remote"), "block_public_policy": true,
				}, "aws_s3_bucket.b"),
				mk("s3.tf", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_server_side_encryption_configuration.b", M{
					"bucket": unk("aws_s3_bucket.b.id"),
					"rule":   L{M{"apply_server_side_encryption_by_default": L{unk("module.kms.config")}}},
				}),
			},
			want: cloudaws.S3Bucket{
				Address: "aws_s3_bucket.b",
				Name:    cloud.UnknownString("data.aws_ssm_parameter.name.value", r0),
				ACL:     cloud.ExplicitString("public-read", r0),
				PublicAccessBlock: &cloudaws.PublicAccessBlock{
					BlockPublicACLs: cloud.UnknownBool("var.remote", r0), BlockPublicPolicy: cloud.ExplicitBool(true, r0),
					IgnorePublicACLs: cloud.DefaultBool(false, r0), RestrictPublicBuckets: cloud.DefaultBool(false, r0),
				},
				Encryption: cloudaws.Encryption{
					Enabled:   cloud.UnknownBool("module.kms.config", r0),
					Algorithm: cloud.UnknownString("module.kms.config", r0),
					KMSKeyID:  cloud.UnknownString("module.kms.config", r0),
				},
				Versioning: cloudaws.Versioning{Enabled: cloud.DefaultBool(false, r0), MFADelete: cloud.DefaultBool(false, r0)},
				Logging:    cloudaws.Logging{Enabled: cloud.DefaultBool(false, r0), TargetBucket: cloud.DefaultString("", r0)},
			},
		},
		{
			name: "cloudformation_generated_name_and_unknown_policy",
			in: []state.IaCResource{
				mk("s3.yaml", "AWS::S3::Bucket", "B", M{"AccessControl": "PublicReadWrite"}),
				mk("s3.yaml", "AWS::S3::BucketPolicy", "P", M{"Bucket": unk("Ref B"), "PolicyDocument": unk("Fn::ImportValue Shared")}),
			},
			want: cloudaws.S3Bucket{
				Address: "B",
				Name:    cloud.UnknownString("Ref B", r0),
				ACL:     cloud.ExplicitString("public-read-write", r0),
				Encryption: cloudaws.Encryption{
					Enabled: cloud.DefaultBool(true, r0), Algorithm: cloud.DefaultString("AES256", r0), KMSKeyID: cloud.DefaultString("", r0),
				},
				Versioning: cloudaws.Versioning{Enabled: cloud.DefaultBool(false, r0), MFADelete: cloud.DefaultBool(false, r0)},
				Logging:    cloudaws.Logging{Enabled: cloud.DefaultBool(false, r0), TargetBucket: cloud.DefaultString("", r0)},
				Policy:     &cloudaws.PolicyDocument{Unknown: true, Ref: "Fn::ImportValue Shared"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := Adapt(tt.in)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(st.S3Buckets) != 1 {
				t.Fatalf("got %d buckets, want 1", len(st.S3Buckets))
			}
			if diff := cmp.Diff(tt.want, st.S3Buckets[0], opts...); diff != "" {
				t.Errorf("bucket (-want +got):\n%s", diff)
			}
		})
	}
}

func TestS3Linking(t *testing.T) {
	tests := []struct {
		name   string
		bucket any
		refs   []string
		want   string // address of the bucket that gets the block, "" for none
	}{
		{name: "literal_name", bucket: "b-two", want: "aws_s3_bucket.two"},
		{name: "unknown_reason", bucket: unk("aws_s3_bucket.two.id"), want: "aws_s3_bucket.two"},
		{name: "indexed_address", bucket: unk(`aws_s3_bucket.many["x"].bucket`), want: `aws_s3_bucket.many["x"]`},
		{name: "reference_only", bucket: unk("local.x"), refs: []string{"aws_s3_bucket.one"}, want: "aws_s3_bucket.one"},
		{name: "no_prefix_confusion", bucket: unk("aws_s3_bucket.twofold.id"), want: ""},
		{name: "unknown_name_never_matches_literal", bucket: "", want: ""},
		{name: "bucket_elsewhere", bucket: "not-in-scan", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []state.IaCResource{
				mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.one", M{"bucket": "b-one"}),
				mk("s3.tf", "aws_s3_bucket", "aws_s3_bucket.two", M{"bucket": "b-two"}),
				mk("s3.tf", "aws_s3_bucket", `aws_s3_bucket.many["x"]`, M{"bucket": unk("var.name")}),
				pabTF(tt.bucket, tt.refs...),
			}
			st, _ := Adapt(in)
			got := ""
			for _, b := range st.S3Buckets {
				if b.PublicAccessBlock != nil {
					if got != "" {
						t.Fatalf("linked to %s and %s", got, b.Address)
					}
					got = b.Address
				}
			}
			if got != tt.want {
				t.Errorf("linked to %q, want %q", got, tt.want)
			}
		})
	}
}
