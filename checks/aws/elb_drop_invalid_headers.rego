# METADATA
# title: Application load balancer does not drop invalid HTTP headers
# description: |
#   An application load balancer that passes header fields with invalid
#   characters to targets enables HTTP request smuggling and header injection
#   against them.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
# custom:
#   id: WARD-AWS-0210
#   severity: HIGH
#   remediation: Set drop_invalid_header_fields to true (attribute routing.http.drop_invalid_header_fields.enabled).
#   input:
#     type: cloud
#     kinds: [aws.elb.load_balancer]
#   controls:
#     pci-dss-4.0: ["6.2.4"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.26"]
package ward.aws.elb_drop_invalid_headers

import data.ward.lib.cloud
import rego.v1

# setting is the value of a load balancer attribute: a CloudFormation
# LoadBalancerAttributes entry when there is one, else the typed field.
setting(key, _) := [lower(sprintf("%v", [a.value])), ["attributes", i, "value"]] if {
	some i, a in input.attributes
	a.key == key
}

setting(key, field) := [sprintf("%v", [input[field]]), [field]] if {
	not key in {a.key | some a in input.attributes}
	is_boolean(input[field])
}

deny contains cloud.result(sprintf("Application load balancer %s does not drop invalid header fields", [cloud.label]), s[1]) if {
	input.type == "application"
	s := setting("routing.http.drop_invalid_header_fields.enabled", "drop_invalid_header_fields")
	s[0] == "false"
}
