# METADATA
# title: MSK cluster broker logging is disabled
# description: |
#   Without broker logs sent to CloudWatch Logs, Firehose or S3 there is no
#   record of broker activity and errors.
# related_resources:
#   - https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html
# custom:
#   id: WARD-AWS-0247
#   severity: MEDIUM
#   remediation: Enable logging_info broker_logs for cloudwatch_logs, firehose or s3.
#   input:
#     type: cloud
#     kinds: [aws.msk.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.msk_logging

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("MSK cluster %s does not deliver broker logs", [cloud.label]), ["logging"]) if {
	input.logging.cloudwatch == false
	input.logging.firehose == false
	input.logging.s3 == false
}
