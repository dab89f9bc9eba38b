# METADATA
# title: Activity log profile keeps logs less than a year
# description: |
#   A log profile whose enabled retention policy keeps activity logs fewer
#   than 365 days (0 means forever) loses the control-plane audit trail before
#   a year-long investigation window.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log
# custom:
#   id: WARD-AZURE-0071
#   severity: MEDIUM
#   remediation: Set retention_policy { enabled = true days = 365 } (or disable the policy, or use 0 to keep logs forever).
#   input:
#     type: cloud
#     kinds: [azure.monitor.log_profile]
#   controls:
#     pci-dss-4.0: ["10.5.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.monitor_log_profile_retention

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Log profile %s keeps activity logs %d days, less than 365", [cloud.label, input.retention_days]), ["retention_days"]) if {
	input.retention_enabled == true
	input.retention_days > 0
	input.retention_days < 365
}
