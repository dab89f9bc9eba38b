# METADATA
# title: Security group allows ingress from the internet to all ports
# description: |
#   An ingress rule with protocol -1 (all) or a full TCP/UDP port range open
#   to 0.0.0.0/0 or ::/0 exposes every service of the instances.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: WARD-AWS-0013
#   severity: CRITICAL
#   remediation: Restrict the rule's sources to the addresses that need access (a VPN, a bastion, a load balancer's security group) instead of 0.0.0.0/0 or ::/0.
#   input:
#     type: cloud
#     kinds: [aws.ec2.security_group]
#   controls:
#     cis-aws: ["5.2", "5.3"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.ec2_sg_ingress_all_ports

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security group %s allows every port from %s", [cloud.label, awsnet.at(r, src)]), array.concat(["ingress", i], src)) if {
	some i, r in input.ingress
	awsnet.all_ports(r)
	some src in awsnet.sg_public_sources(r)
}
