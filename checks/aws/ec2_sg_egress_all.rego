# METADATA
# title: Security group allows egress to the internet on all ports
# description: |
#   An egress rule with every protocol or port open to 0.0.0.0/0 or ::/0 lets
#   a compromised instance reach any host (exfiltration, command and control).
#   AWS adds such a rule to a new group unless the template lists its own
#   egress rules.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: WARD-AWS-0017
#   severity: LOW
#   remediation: List the egress the workload needs (ports and destinations) instead of allowing everything.
#   input:
#     type: cloud
#     kinds: [aws.ec2.security_group]
#   controls:
#     pci-dss-4.0: ["1.3.2"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.ec2_sg_egress_all

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security group %s allows egress on every port to %s", [cloud.label, awsnet.at(r, src)]), array.concat(["egress", i], src)) if {
	some i, r in input.egress
	awsnet.all_ports(r)
	some src in awsnet.sg_public_sources(r)
}
