# METADATA
# title: OpenSearch domain does not publish audit logs
# description: |
#   Without AUDIT_LOGS publishing, authentication attempts and access to
#   indices are not recorded.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html
# custom:
#   id: WARD-AWS-0244
#   severity: MEDIUM
#   remediation: Add log_publishing_options with log_type AUDIT_LOGS (LogPublishingOptions.AUDIT_LOGS) enabled, and enable fine-grained access control.
#   input:
#     type: cloud
#     kinds: [aws.elasticsearch.domain]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.elasticsearch_audit_logs

import data.ward.lib.cloud
import rego.v1

audit_on if {
	some e in input.log_publishing
	e.log_type == "AUDIT_LOGS"
	e.enabled != false
}

deny contains cloud.result(sprintf("OpenSearch domain %s does not publish audit logs", [cloud.label]), ["log_publishing"]) if {
	not audit_on
}
