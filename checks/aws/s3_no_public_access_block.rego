# METADATA
# title: S3 bucket has no public access block
# description: |
#   Without a bucket-level public access block, nothing stops a later ACL or
#   bucket policy from making the bucket public (the account-level block is
#   not in the scan).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: WARD-AWS-0003
#   severity: MEDIUM
#   remediation: Add an aws_s3_bucket_public_access_block (CloudFormation PublicAccessBlockConfiguration) with all four settings true.
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_no_public_access_block

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s has no public access block", [cloud.label]), ["public_access_block"]) if {
	input.public_access_block == null
}
