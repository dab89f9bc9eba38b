# METADATA
# title: S3 bucket versioning without MFA delete
# description: |
#   With versioning but without MFA delete, anyone holding the bucket owner's
#   credentials can permanently delete object versions or suspend versioning.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
# custom:
#   id: WARD-AWS-0012
#   severity: LOW
#   remediation: Enable MFA delete on the versioning configuration (aws_s3_bucket_versioning mfa_delete = "Enabled", set with the root account's MFA device).
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.2"]
#     pci-dss-4.0: ["8.4.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.aws.s3_mfa_delete_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s has versioning without MFA delete", [cloud.label]), ["versioning", "mfa_delete"]) if {
	input.versioning.enabled == true
	input.versioning.mfa_delete == false
}
