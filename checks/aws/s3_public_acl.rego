# METADATA
# title: S3 bucket ACL grants public access
# description: |
#   A canned ACL of public-read, public-read-write or authenticated-read lets
#   anyone (or any AWS account) list or write the bucket's objects.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
# custom:
#   id: WARD-AWS-0001
#   severity: HIGH
#   remediation: Use the private ACL (or none) and grant access with bucket policies to named principals.
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_public_acl

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s has the public ACL %q", [cloud.label, input.acl]), ["acl"]) if {
	input.acl in {"public-read", "public-read-write", "authenticated-read"}
}
