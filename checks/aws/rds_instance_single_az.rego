# METADATA
# title: RDS instance is not Multi-AZ
# description: |
#   A Single-AZ DB instance is unavailable during an Availability Zone outage and during much of its
#   maintenance; Multi-AZ keeps a synchronous standby that takes over automatically.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
# custom:
#   id: WARD-AWS-0109
#   severity: LOW
#   remediation: Set multi_az (MultiAZ) to true for production databases.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.14"]
package ward.aws.rds_instance_single_az

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s has no Multi-AZ standby", [cloud.label]), ["multi_az"]) if {
	input.multi_az == false
	input.cluster_member == false
}
