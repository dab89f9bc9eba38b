# METADATA
# title: EC2 instance allows IMDSv1
# description: |
#   With http_tokens optional (the default), the instance metadata service
#   answers IMDSv1 requests without a session token, so an SSRF in the
#   workload can read the instance role's credentials.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# custom:
#   id: WARD-AWS-0025
#   severity: HIGH
#   remediation: Set metadata_options { http_tokens = "required" } (or launch from a launch template that requires tokens).
#   input:
#     type: cloud
#     kinds: [aws.ec2.instance]
#   controls:
#     cis-aws: ["5.6"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.9"]
package ward.aws.ec2_instance_imdsv1

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s allows IMDSv1 (http_tokens %q)", [cloud.label, input.http_tokens]), ["http_tokens"]) if {
	input.http_tokens == "optional"
	input.http_endpoint == "enabled"
	not inherits_template
}

# An instance launched from a template without its own metadata options
# takes the template's (checked on the template).
inherits_template if {
	input.launch_template == true
	input.metadata_options_set == false
}
