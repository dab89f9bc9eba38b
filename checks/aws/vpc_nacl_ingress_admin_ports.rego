# METADATA
# title: Network ACL allows SSH or RDP from the internet
# description: |
#   An inbound allow rule opening TCP port 22 or 3389 to 0.0.0.0/0 or ::/0.
#   Network ACLs are the subnet-wide line of defence; remote administration
#   should not be reachable from everywhere. (Rules opening every port are
#   reported by WARD-AWS-0021; a lower-numbered inline deny of the port from
#   the same source is honoured.)
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
# custom:
#   id: WARD-AWS-0020
#   severity: MEDIUM
#   remediation: Restrict the rule to the administration network's CIDR, or deny ports 22 and 3389 from 0.0.0.0/0 and ::/0.
#   input:
#     type: cloud
#     kinds: [aws.ec2.network_acl, aws.ec2.network_acl_rule]
#   controls:
#     cis-aws: ["5.1"]
#     pci-dss-4.0: ["1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.vpc_nacl_ingress_admin_ports

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("Network ACL %s allows port %d from %s", [cloud.label, port, awsnet.at(r, src)]), array.concat(base, src)) if {
	some [r, base] in awsnet.acl_inbound_allow
	not awsnet.all_ports(r)
	some port in [22, 3389]
	awsnet.opens_port(r, port)
	some src in awsnet.acl_public_sources(r)
	not awsnet.acl_denied_before(r, port, src)
}
