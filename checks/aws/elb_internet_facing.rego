# METADATA
# title: Load balancer is internet-facing
# description: |
#   An internet-facing load balancer exposes its targets to the whole
#   internet; make sure that is intended (informational).
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#load-balancer-scheme
# custom:
#   id: WARD-AWS-0212
#   severity: LOW
#   remediation: Set internal (Scheme internal) for load balancers that serve only your network.
#   input:
#     type: cloud
#     kinds: [aws.elb.load_balancer, aws.elb.classic]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.elb_internet_facing

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Load balancer %s is internet-facing", [cloud.label]), ["internal"]) if {
	input.internal == false
	not input.type == "gateway"
}
