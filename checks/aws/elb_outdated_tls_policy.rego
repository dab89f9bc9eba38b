# METADATA
# title: Load balancer listener uses an outdated TLS policy
# description: |
#   Security policies other than the TLS 1.2+ families (ELBSecurityPolicy-
#   TLS13-1-2-*, -TLS-1-2-*, -FS-1-2-*, TLS13-1-3) accept TLS 1.0 or 1.1 and
#   weak ciphers.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# custom:
#   id: WARD-AWS-0209
#   severity: HIGH
#   remediation: Set ssl_policy (SslPolicy) to ELBSecurityPolicy-TLS13-1-2-2021-06 or a newer TLS 1.2+ policy.
#   input:
#     type: cloud
#     kinds: [aws.elb.listener]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.elb_outdated_tls_policy

import data.ward.lib.cloud
import rego.v1

modern(p) if regex.match(`(TLS13-1-[23]|TLS-1-2|FS-1-2)`, p)

deny contains cloud.result(sprintf("Listener %s uses the outdated TLS policy %s", [cloud.label, input.ssl_policy]), ["ssl_policy"]) if {
	is_string(input.ssl_policy)
	input.ssl_policy != ""
	not modern(input.ssl_policy)
}
