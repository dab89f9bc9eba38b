# METADATA
# title: Athena workgroup does not enforce its configuration
# description: |
#   Unless the workgroup enforces its configuration, each client may override the result location and turn
#   result encryption off.
# related_resources:
#   - https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html
# custom:
#   id: WARD-AWS-0181
#   severity: MEDIUM
#   remediation: Set enforce_workgroup_configuration (EnforceWorkGroupConfiguration) to true.
#   input:
#     type: cloud
#     kinds: [aws.athena.workgroup]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.athena_workgroup_not_enforced

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Athena workgroup %s lets clients override its configuration", [cloud.label]), ["enforce_configuration"]) if {
	input.enforce_configuration == false
}
