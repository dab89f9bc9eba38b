# METADATA
# title: CloudTrail trail is not logging
# description: |
#   A trail with logging turned off records nothing.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html
# custom:
#   id: WARD-AWS-0205
#   severity: HIGH
#   remediation: Set enable_logging (IsLogging) to true.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.trail]
#   controls:
#     cis-aws: ["3.1"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudtrail_logging_off

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudTrail trail %s has logging turned off", [cloud.label]), ["is_logging"]) if {
	input.is_logging == false
}
