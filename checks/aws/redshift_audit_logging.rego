# METADATA
# title: Redshift audit logging is disabled
# description: |
#   Audit logging records connections, user changes and (with enable_user_activity_logging) queries; without
#   it there is no trail of who accessed the warehouse.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html
# custom:
#   id: WARD-AWS-0133
#   severity: MEDIUM
#   remediation: "Enable audit logging to S3 or CloudWatch: aws_redshift_logging (or the logging block), LoggingProperties in CloudFormation."
#   input:
#     type: cloud
#     kinds: [aws.redshift.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.redshift_audit_logging

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Redshift cluster %s has audit logging disabled", [cloud.label]), ["logging_enabled"]) if {
	input.logging_enabled == false
}
