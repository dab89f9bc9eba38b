# METADATA
# title: "GKE cluster is not VPC-native"
# description: |
#   Routes-based clusters do not use alias IP ranges: pod addresses are not
#   known to the VPC, firewall rules and anti-spoofing checks cannot apply to
#   pods, and private features are unavailable.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/concepts/alias-ips
# custom:
#   id: WARD-GCP-0068
#   severity: LOW
#   remediation: "Add an ip_allocation_policy block (or networking_mode = \"VPC_NATIVE\")."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["1.2.1", "1.3.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.22"]
package ward.gcp.gke_ip_aliasing

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s is not VPC-native (no IP aliasing)", [cloud.label]), ["ip_aliasing"]) if {
	input.ip_aliasing == false
	input.enable_autopilot == false
}
