# METADATA
# title: Network ACL allows all ports from the internet
# description: |
#   An inbound allow rule for every protocol (or every TCP/UDP port) from
#   0.0.0.0/0 or ::/0, or from no CIDR at all, leaves the subnet's ACL without
#   any filtering.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
# custom:
#   id: WARD-AWS-0021
#   severity: HIGH
#   remediation: Allow only the protocols and ports the subnet serves; leave everything else to the ACL's final deny.
#   input:
#     type: cloud
#     kinds: [aws.ec2.network_acl, aws.ec2.network_acl_rule]
#   controls:
#     cis-aws: ["5.1"]
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.vpc_nacl_ingress_all_ports

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("Network ACL %s allows every port from %s", [cloud.label, awsnet.at(r, src)]), array.concat(base, src)) if {
	some [r, base] in awsnet.acl_inbound_allow
	awsnet.all_ports(r)
	some src in awsnet.acl_public_sources(r)
}

deny contains cloud.result(sprintf("Network ACL %s allows every port from any address (the rule names no CIDR)", [cloud.label]), array.concat(base, ["cidr_block"])) if {
	some [r, base] in awsnet.acl_inbound_allow
	awsnet.all_ports(r)
	r.cidr_block == ""
	r.ipv6_cidr_block == ""
}
