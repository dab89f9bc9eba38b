# METADATA
# title: Classic load balancer listener uses plain HTTP
# description: |
#   A Classic Load Balancer listener with front-end protocol HTTP carries
#   requests in clear text.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html
# custom:
#   id: WARD-AWS-0213
#   severity: HIGH
#   remediation: Use HTTPS (or SSL) front-end listeners with a certificate, or move to an application load balancer with an HTTP-to-HTTPS redirect.
#   input:
#     type: cloud
#     kinds: [aws.elb.classic]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elb_classic_http_listener

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Classic load balancer %s listens with HTTP on port %v", [cloud.label, l.lb_port]), ["listeners", i, "lb_protocol"]) if {
	some i, l in input.listeners
	is_string(l.lb_protocol)
	upper(l.lb_protocol) == "HTTP"
}
