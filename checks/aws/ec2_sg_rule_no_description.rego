# METADATA
# title: Security group rule without a description
# description: |
#   A rule without a description does not say why the traffic is allowed, so
#   reviews cannot tell whether it is still needed. The allow-all egress rule
#   AWS adds by default is not reported.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: WARD-AWS-0019
#   severity: LOW
#   remediation: Give every ingress and egress rule a description.
#   input:
#     type: cloud
#     kinds: [aws.ec2.security_group]
#   controls:
#     pci-dss-4.0: ["1.2.5"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.ec2_sg_rule_no_description

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security group %s has an %s rule without a description", [cloud.label, dir]), [dir, i, "description"]) if {
	some dir in ["ingress", "egress"]
	some i, r in input[dir]
	r.description == ""
	not default_egress(dir, r)
}

default_egress(dir, r) if {
	dir == "egress"
	awsnet.sg_default_egress(r)
}
