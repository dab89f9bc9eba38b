// Package aws is the typed AWS part of the cloud model. Adapters
// (internal/adapt/aws) fill it from Terraform and CloudFormation; live-cloud
// collectors will fill it from the account. See docs/cloud-model.md.
package aws

import (
	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
)

// State is every AWS resource of one scan that the model knows.
type State struct {
	S3Buckets      []S3Bucket
	SecurityGroups []SecurityGroup
	IAMPolicies    []IAMPolicy
}

// S3Bucket is an S3 bucket with the settings of its separate configuration
// resources merged in.
type S3Bucket struct {
	// Address is the IaC address (or ARN for live resources).
	Address string
	Range   state.Range
	Name    cloud.String
	// ACL is the canned ACL in its S3 API spelling ("private",
	// "public-read", "public-read-write", "authenticated-read", ...).
	ACL cloud.String
	// PublicAccessBlock is nil when the bucket has none.
	PublicAccessBlock *PublicAccessBlock
	Encryption        Encryption
	Versioning        Versioning
	Logging           Logging
	// Policy is nil when the bucket has no bucket policy.
	Policy *PolicyDocument
}

// PublicAccessBlock is a bucket-level S3 public access block.
type PublicAccessBlock struct {
	Range                 state.Range
	BlockPublicACLs       cloud.Bool
	BlockPublicPolicy     cloud.Bool
	IgnorePublicACLs      cloud.Bool
	RestrictPublicBuckets cloud.Bool
}

// Encryption is a bucket's default server-side encryption.
type Encryption struct {
	Enabled cloud.Bool
	// Algorithm is "AES256", "aws:kms" or "aws:kms:dsse".
	Algorithm cloud.String
	KMSKeyID  cloud.String
}

// Versioning is a bucket's versioning configuration.
type Versioning struct {
	Enabled   cloud.Bool
	MFADelete cloud.Bool
}

// Logging is a bucket's server access logging.
type Logging struct {
	Enabled      cloud.Bool
	TargetBucket cloud.String
}

// SecurityGroup is an EC2 security group with its separate rule resources
// merged in.
type SecurityGroup struct {
	Address     string
	Range       state.Range
	Name        cloud.String
	Description cloud.String
	Ingress     []SGRule
	Egress      []SGRule
}

// SGRule is one ingress or egress rule.
type SGRule struct {
	Range state.Range
	// Implicit is set on a rule no source wrote: the allow-all egress rule
	// AWS adds to a group created without egress rules (CloudFormation).
	Implicit    bool
	Description cloud.String
	// Protocol is "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a protocol
	// number. With "-1" the ports do not matter: every port is open.
	Protocol  cloud.String
	FromPort  cloud.Int
	ToPort    cloud.Int
	CIDRs     cloud.Strings
	IPv6CIDRs cloud.Strings
}

// IAMPolicy is an identity-based policy: managed, or inline on a role, user
// or group.
type IAMPolicy struct {
	Address  string
	Range    state.Range
	Name     cloud.String
	Document PolicyDocument
}

// PolicyDocument is an IAM policy document (identity- or resource-based).
type PolicyDocument struct {
	Range state.Range
	// Unknown is set when the document itself cannot be known (a policy
	// built from a data source that is not in the scan); Statements is then
	// empty.
	Unknown    bool
	Ref        string
	Statements []Statement
}

// Statement is one policy statement.
type Statement struct {
	Range      state.Range
	Sid        cloud.String
	Effect     cloud.String
	Actions    cloud.Strings
	NotActions cloud.Strings
	Resources  cloud.Strings
	// NotResources is set instead of Resources by NotResource statements.
	NotResources cloud.Strings
	// Principals are flattened: "*" for Principal "*", otherwise
	// "<type>:<identifier>" ("AWS:arn:aws:iam::123:root", "AWS:*",
	// "Service:ec2.amazonaws.com").
	Principals    cloud.Strings
	NotPrincipals cloud.Strings
	// Conditions is true when the statement has any condition.
	Conditions cloud.Bool
}
