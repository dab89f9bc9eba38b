# METADATA
# title: MQ broker audit logging is disabled
# description: |
#   ActiveMQ audit logs record management actions made through JMX and the web console; without them such
#   changes leave no trail. RabbitMQ brokers have no audit log and are not checked.
# related_resources:
#   - https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudwatch.html
# custom:
#   id: WARD-AWS-0186
#   severity: MEDIUM
#   remediation: Set logs.audit (Logs.Audit) to true.
#   input:
#     type: cloud
#     kinds: [aws.mq.broker]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.mq_audit_logs

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("MQ broker %s does not publish audit logs", [cloud.label]), ["audit_logs"]) if {
	input.audit_logs == false
	lower(input.engine_type) != "rabbitmq"
}
