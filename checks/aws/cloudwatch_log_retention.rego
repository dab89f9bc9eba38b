# METADATA
# title: CloudWatch log group keeps logs for less than a year
# description: |
#   Audit logs kept for less than 365 days may be gone before an incident is
#   investigated; PCI DSS asks for twelve months.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
# custom:
#   id: WARD-AWS-0207
#   severity: LOW
#   remediation: Set retention_in_days (RetentionInDays) to 365 or more, or leave it unset to keep logs forever.
#   input:
#     type: cloud
#     kinds: [aws.cloudwatch.log_group]
#   controls:
#     pci-dss-4.0: ["10.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudwatch_log_retention

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudWatch log group %s keeps logs for only %d days", [cloud.label, input.retention_in_days]), ["retention_in_days"]) if {
	is_number(input.retention_in_days)
	input.retention_in_days > 0
	input.retention_in_days < 365
}
