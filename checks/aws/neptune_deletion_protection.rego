# METADATA
# title: Neptune cluster deletion protection is disabled
# description: |
#   Without deletion protection, a Neptune cluster and its data can be deleted by a single API call or an
#   unintended infrastructure change.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/manage-console-instances-delete.html
# custom:
#   id: WARD-AWS-0159
#   severity: LOW
#   remediation: Set deletion_protection (DeletionProtection) to true.
#   input:
#     type: cloud
#     kinds: [aws.neptune.cluster]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.neptune_deletion_protection

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Neptune cluster %s has deletion protection disabled", [cloud.label]), ["deletion_protection"]) if {
	input.deletion_protection == false
}
