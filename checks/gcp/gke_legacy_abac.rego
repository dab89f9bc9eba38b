# METADATA
# title: "GKE cluster enables legacy ABAC"
# description: |
#   Legacy attribute-based access control grants broad, static permissions
#   that RBAC cannot restrict.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/role-based-access-control
# custom:
#   id: WARD-GCP-0061
#   severity: HIGH
#   remediation: "Set enable_legacy_abac = false and use Kubernetes RBAC."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
package ward.gcp.gke_legacy_abac

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s enables legacy ABAC", [cloud.label]), ["enable_legacy_abac"]) if {
	input.enable_legacy_abac == true
}
