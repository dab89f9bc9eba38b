# METADATA
# title: Default VPC in use
# description: |
#   The default VPC is created with public subnets that assign public IPs, an
#   internet gateway and permissive defaults; workloads should run in VPCs
#   designed for them.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
# custom:
#   id: WARD-AWS-0022
#   severity: MEDIUM
#   remediation: Create a dedicated VPC with private subnets instead of managing the default VPC (aws_default_vpc).
#   input:
#     type: cloud
#     kinds: [aws.ec2.vpc]
#   controls:
#     pci-dss-4.0: ["1.2.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.vpc_default_vpc

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s manages the account's default VPC", [cloud.label]), ["default"]) if {
	input.default == true
}
