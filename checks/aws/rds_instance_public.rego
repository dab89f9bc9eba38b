# METADATA
# title: RDS instance is publicly accessible
# description: |
#   A publicly accessible DB instance gets a DNS name that resolves to a public IP address, so the database
#   is reachable from the internet wherever its security groups allow.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
# custom:
#   id: WARD-AWS-0101
#   severity: HIGH
#   remediation: Set publicly_accessible (PubliclyAccessible) to false and reach the database from inside the VPC.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance, aws.rds.cluster_instance]
#   controls:
#     cis-aws: ["2.3.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.rds_instance_public

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s is publicly accessible", [cloud.label]), ["publicly_accessible"]) if {
	input.publicly_accessible == true
}
