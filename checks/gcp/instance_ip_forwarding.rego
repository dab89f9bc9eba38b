# METADATA
# title: "Compute instance can forward IP packets"
# description: |
#   With can_ip_forward the instance may send and receive packets for
#   addresses other than its own, which lets it route or spoof traffic inside
#   the VPC.
# related_resources:
#   - https://cloud.google.com/compute/docs/instances/create-start-instance#ip-forwarding
# custom:
#   id: WARD-GCP-0015
#   severity: MEDIUM
#   remediation: "Set can_ip_forward = false unless the instance is a NAT or routing appliance."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.6"]
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.instance_ip_forwarding

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s can forward IP packets", [cloud.label]), ["can_ip_forward"]) if {
	input.can_ip_forward == true
}
