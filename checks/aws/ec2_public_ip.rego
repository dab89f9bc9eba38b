# METADATA
# title: EC2 instance or launch configuration gets a public IP
# description: |
#   associate_public_ip_address gives the instance a public IPv4 address,
#   making it reachable from the internet wherever its security groups allow.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses
# custom:
#   id: WARD-AWS-0031
#   severity: MEDIUM
#   remediation: Set associate_public_ip_address = false and reach the instance through a load balancer, a bastion or Session Manager.
#   input:
#     type: cloud
#     kinds: [aws.ec2.instance, aws.ec2.launch_configuration, aws.ec2.launch_template]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.ec2_public_ip

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("%s associates a public IP address", [cloud.label]), ["associate_public_ip_address"]) if {
	input.associate_public_ip_address == true
}
