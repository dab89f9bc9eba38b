# METADATA
# title: Application load balancer access logs are disabled
# description: |
#   Without access logs there is no record of the requests the load balancer
#   served, for incident investigation or attack detection.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
# custom:
#   id: WARD-AWS-0211
#   severity: MEDIUM
#   remediation: Enable access_logs with an S3 bucket (attribute access_logs.s3.enabled).
#   input:
#     type: cloud
#     kinds: [aws.elb.load_balancer]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.elb_access_logs

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

deny contains cloud.result(sprintf("Application load balancer %s does not write access logs", [cloud.label]), s[1]) if {
	input.type == "application"
	s := setting("access_logs.s3.enabled", "access_logs_enabled")
	s[0] == "false"
}
