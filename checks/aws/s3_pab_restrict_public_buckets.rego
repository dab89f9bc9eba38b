# METADATA
# title: S3 public access block does not set restrict_public_buckets
# description: |
#   The bucket's public access block has restrict_public_buckets
#   (RestrictPublicBuckets) false: public bucket policies are not restricted.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options
# custom:
#   id: WARD-AWS-0007
#   severity: MEDIUM
#   remediation: "Set restrict_public_buckets = true (CloudFormation RestrictPublicBuckets: true) so that only AWS services and the owner account can use a public policy."
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_pab_restrict_public_buckets

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s: public access block has restrict_public_buckets false", [cloud.label]), ["public_access_block", "restrict_public_buckets"]) if {
	input.public_access_block.restrict_public_buckets == false
}
