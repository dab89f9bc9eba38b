# METADATA
# title: S3 bucket versioning disabled
# description: |
#   Without versioning, an overwritten or deleted object cannot be recovered.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
# custom:
#   id: WARD-AWS-0009
#   severity: MEDIUM
#   remediation: Enable versioning (aws_s3_bucket_versioning status Enabled, CloudFormation VersioningConfiguration Status Enabled).
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.s3_versioning_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s does not have versioning enabled", [cloud.label]), ["versioning", "enabled"]) if {
	input.versioning.enabled == false
}
