# METADATA
# title: "GKE cluster Cloud Logging is disabled or legacy"
# description: |
#   logging_service is none (no cloud logging) or the decommissioned legacy
#   service logging.googleapis.com; cluster and workload telemetry is then not
#   collected.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/concepts/observability
# custom:
#   id: WARD-GCP-0063
#   severity: MEDIUM
#   remediation: "Set logging_service = \"logging.googleapis.com/kubernetes\" (the default)."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.gke_logging_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s has cloud logging disabled", [cloud.label]), ["logging_service"]) if {
	input.logging_service == "none"
}

deny contains cloud.result(sprintf("GKE cluster %s uses the legacy cloud logging service", [cloud.label]), ["logging_service"]) if {
	input.logging_service == "logging.googleapis.com"
}
