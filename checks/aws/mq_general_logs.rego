# METADATA
# title: MQ broker general logging is disabled
# description: |
#   General logs record the broker's activity and errors; without them incidents are hard to investigate.
# related_resources:
#   - https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html
# custom:
#   id: WARD-AWS-0187
#   severity: LOW
#   remediation: Set logs.general (Logs.General) to true.
#   input:
#     type: cloud
#     kinds: [aws.mq.broker]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.mq_general_logs

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("MQ broker %s does not publish general logs", [cloud.label]), ["general_logs"]) if {
	input.general_logs == false
}
