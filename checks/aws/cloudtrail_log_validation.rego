# METADATA
# title: CloudTrail log file validation is disabled
# description: |
#   Without log file integrity validation there are no digest files, so
#   deleted or altered log files cannot be detected.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# custom:
#   id: WARD-AWS-0201
#   severity: MEDIUM
#   remediation: Set enable_log_file_validation (EnableLogFileValidation) to true.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.trail]
#   controls:
#     cis-aws: ["3.2"]
#     pci-dss-4.0: ["10.3.4"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudtrail_log_validation

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudTrail trail %s does not validate its log files", [cloud.label]), ["enable_log_file_validation"]) if {
	input.enable_log_file_validation == false
}
