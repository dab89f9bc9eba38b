# METADATA
# title: Security group without a description
# description: |
#   A security group whose description is empty or Terraform's default
#   "Managed by Terraform" does not tell reviewers what it is for.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html
# custom:
#   id: WARD-AWS-0018
#   severity: LOW
#   remediation: Describe the group's purpose in its description (GroupDescription).
#   input:
#     type: cloud
#     kinds: [aws.ec2.security_group]
#   controls:
#     pci-dss-4.0: ["1.2.5"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.ec2_sg_no_description

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security group %s has no description", [cloud.label]), ["description"]) if {
	input.description in {"", "Managed by Terraform"}
}
