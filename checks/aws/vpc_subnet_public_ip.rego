# METADATA
# title: Subnet assigns public IPs on launch
# description: |
#   Every instance launched in a subnet with map_public_ip_on_launch gets a
#   public IPv4 address, whether or not it should be reachable from the
#   internet (default subnets do this unless told otherwise).
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#subnet-public-ip
# custom:
#   id: WARD-AWS-0024
#   severity: MEDIUM
#   remediation: "Set map_public_ip_on_launch = false (MapPublicIpOnLaunch: false) and give public addresses only to the instances that need them (or use a load balancer)."
#   input:
#     type: cloud
#     kinds: [aws.ec2.subnet]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.vpc_subnet_public_ip

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Subnet %s assigns a public IP to every instance launched in it", [cloud.label]), ["map_public_ip_on_launch"]) if {
	input.map_public_ip_on_launch == true
}
