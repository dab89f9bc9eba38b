# METADATA
# title: Launch template or configuration allows IMDSv1
# description: |
#   Instances launched from a template or launch configuration whose metadata
#   options leave http_tokens optional (the default) answer IMDSv1 requests,
#   so an SSRF in the workload can read the instance role's credentials.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# custom:
#   id: WARD-AWS-0026
#   severity: HIGH
#   remediation: "Set metadata_options http_tokens = \"required\" (CloudFormation MetadataOptions HttpTokens: required)."
#   input:
#     type: cloud
#     kinds: [aws.ec2.launch_template, aws.ec2.launch_configuration]
#   controls:
#     cis-aws: ["5.6"]
#     pci-dss-4.0: ["2.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.9"]
package ward.aws.ec2_launch_template_imdsv1

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s allows IMDSv1 (http_tokens %q)", [cloud.label, input.http_tokens]), ["http_tokens"]) if {
	input.http_tokens == "optional"
	input.http_endpoint == "enabled"
}
