# METADATA
# title: API Gateway stage access logging is disabled
# description: |
#   Without access logs there is no record of who called the API, from where,
#   and with what result.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
# custom:
#   id: WARD-AWS-0231
#   severity: MEDIUM
#   remediation: Set access_log_settings destination_arn (AccessLogSetting.DestinationArn) to a log group or Firehose stream.
#   input:
#     type: cloud
#     kinds: [aws.apigateway.stage]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.apigateway_access_logs

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("API Gateway stage %s does not write access logs", [cloud.label]), ["access_log_destination"]) if {
	input.access_log_destination == ""
}
