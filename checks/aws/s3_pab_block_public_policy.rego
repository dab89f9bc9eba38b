# METADATA
# title: S3 public access block does not set block_public_policy
# description: |
#   The bucket's public access block has block_public_policy
#   (BlockPublicPolicy) false: public bucket policies are not rejected.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options
# custom:
#   id: WARD-AWS-0005
#   severity: MEDIUM
#   remediation: "Set block_public_policy = true (CloudFormation BlockPublicPolicy: true) so that bucket policies that grant public access are rejected."
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_pab_block_public_policy

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s: public access block has block_public_policy false", [cloud.label]), ["public_access_block", "block_public_policy"]) if {
	input.public_access_block.block_public_policy == false
}
