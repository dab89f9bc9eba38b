# METADATA
# title: S3 public access block does not set block_public_acls
# description: |
#   The bucket's public access block has block_public_acls (BlockPublicAcls)
#   false: new public ACLs are not rejected.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options
# custom:
#   id: WARD-AWS-0004
#   severity: MEDIUM
#   remediation: "Set block_public_acls = true (CloudFormation BlockPublicAcls: true) so that PUT requests that grant public ACLs are rejected."
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_pab_block_public_acls

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s: public access block has block_public_acls false", [cloud.label]), ["public_access_block", "block_public_acls"]) if {
	input.public_access_block.block_public_acls == false
}
