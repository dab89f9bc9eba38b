# METADATA
# title: CodeBuild project artifacts are not encrypted
# description: |
#   With encryption_disabled the build output is stored in S3 unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html
# custom:
#   id: WARD-AWS-0251
#   severity: HIGH
#   remediation: Remove encryption_disabled (EncryptionDisabled) from artifacts and secondary_artifacts, or set it to false.
#   input:
#     type: cloud
#     kinds: [aws.codebuild.project]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.codebuild_artifacts_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CodeBuild project %s does not encrypt its artifacts", [cloud.label]), ["artifacts_encryption_disabled"]) if {
	input.artifacts_encryption_disabled == true
}

deny contains cloud.result(sprintf("CodeBuild project %s does not encrypt secondary artifacts %s", [cloud.label, a.identifier]), ["secondary_artifacts", i, "encryption_disabled"]) if {
	some i, a in input.secondary_artifacts
	a.encryption_disabled == true
}
