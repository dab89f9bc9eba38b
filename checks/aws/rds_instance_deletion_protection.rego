# METADATA
# title: RDS instance deletion protection is disabled
# description: |
#   Without deletion protection, a DB instance can be deleted by a single API call or an unintended
#   infrastructure change.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
# custom:
#   id: WARD-AWS-0104
#   severity: MEDIUM
#   remediation: Set deletion_protection (DeletionProtection) to true.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.rds_instance_deletion_protection

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s has deletion protection disabled", [cloud.label]), ["deletion_protection"]) if {
	input.deletion_protection == false
	input.cluster_member == false
}
