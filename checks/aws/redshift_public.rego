# METADATA
# title: Redshift cluster is publicly accessible
# description: |
#   A publicly accessible cluster gets a public IP address, so it is reachable from the internet wherever its
#   security groups allow.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
# custom:
#   id: WARD-AWS-0132
#   severity: HIGH
#   remediation: Set publicly_accessible (PubliclyAccessible) to false.
#   input:
#     type: cloud
#     kinds: [aws.redshift.cluster]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.redshift_public

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Redshift cluster %s is publicly accessible", [cloud.label]), ["publicly_accessible"]) if {
	input.publicly_accessible == true
}
