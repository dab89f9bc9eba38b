# METADATA
# title: "Compute instance enables the interactive serial console"
# description: |
#   serial-port-enable allows interactive serial console connections, which
#   are not subject to firewall rules and can be reached from any IP address.
# related_resources:
#   - https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console
# custom:
#   id: WARD-GCP-0017
#   severity: MEDIUM
#   remediation: "Remove serial-port-enable from the metadata or set it to false."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.5"]
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.instance_serial_port

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s enables the interactive serial console", [cloud.label]), ["metadata", "serial_port_enable"]) if {
	input.metadata.serial_port_enable == true
}
