# METADATA
# title: "Subnetwork has Private Google Access disabled"
# description: |
#   Without Private Google Access, VMs without external IPs cannot reach
#   Google APIs, which pushes teams to give them public IPs.
# related_resources:
#   - https://cloud.google.com/vpc/docs/private-google-access
# custom:
#   id: WARD-GCP-0029
#   severity: LOW
#   remediation: "Set private_ip_google_access = true."
#   input:
#     type: cloud
#     kinds: [google.compute.subnetwork]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
package ward.gcp.subnet_private_google_access

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Subnetwork %s has Private Google Access disabled", [cloud.label]), ["private_ip_google_access"]) if {
	private_subnet
	input.private_ip_google_access == false
}

private_subnet if {
	is_string(input.purpose)
	upper(input.purpose) in {"PRIVATE", "PRIVATE_RFC_1918"}
}
