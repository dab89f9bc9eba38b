# METADATA
# title: S3 public access block does not set ignore_public_acls
# description: |
#   The bucket's public access block has ignore_public_acls (IgnorePublicAcls)
#   false: existing public ACLs are not ignored.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options
# custom:
#   id: WARD-AWS-0006
#   severity: MEDIUM
#   remediation: "Set ignore_public_acls = true (CloudFormation IgnorePublicAcls: true) so that public ACLs on the bucket and its objects are ignored."
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.s3_pab_ignore_public_acls

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s: public access block has ignore_public_acls false", [cloud.label]), ["public_access_block", "ignore_public_acls"]) if {
	input.public_access_block.ignore_public_acls == false
}
