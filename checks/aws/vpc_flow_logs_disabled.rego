# METADATA
# title: VPC without flow logs
# description: |
#   Without a flow log, the VPC's accepted and rejected traffic is not
#   recorded for investigation.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
# custom:
#   id: WARD-AWS-0023
#   severity: MEDIUM
#   remediation: Add a flow log (aws_flow_log vpc_id, CloudFormation AWS::EC2::FlowLog ResourceId) capturing at least REJECT traffic.
#   input:
#     type: cloud
#     kinds: [aws.ec2.vpc]
#   controls:
#     cis-aws: ["3.7"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15", "A.8.16"]
package ward.aws.vpc_flow_logs_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("VPC %s has no flow log", [cloud.label]), ["flow_logs_enabled"]) if {
	input.flow_logs_enabled == false
}
