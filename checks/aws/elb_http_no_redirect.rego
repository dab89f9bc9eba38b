# METADATA
# title: Load balancer listener serves plain HTTP
# description: |
#   An HTTP listener that forwards requests instead of redirecting them to
#   HTTPS carries credentials and data in clear text.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
# custom:
#   id: WARD-AWS-0208
#   severity: HIGH
#   remediation: Use an HTTPS listener, or make the HTTP listener's default action a redirect with protocol HTTPS.
#   input:
#     type: cloud
#     kinds: [aws.elb.listener]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elb_http_no_redirect

import data.ward.lib.cloud
import rego.v1

redirects_to_https if {
	count(input.default_actions) > 0
	every a in input.default_actions {
		a.type == "redirect"
		upper(a.redirect_protocol) == "HTTPS"
	}
}

deny contains cloud.result(sprintf("Listener %s serves HTTP without redirecting to HTTPS", [cloud.label]), ["default_actions"]) if {
	is_string(input.protocol)
	upper(input.protocol) == "HTTP"
	not redirects_to_https
}
