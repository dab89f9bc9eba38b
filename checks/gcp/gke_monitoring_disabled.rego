# METADATA
# title: "GKE cluster Cloud Monitoring is disabled or legacy"
# description: |
#   monitoring_service is none (no cloud monitoring) or the decommissioned
#   legacy service monitoring.googleapis.com; cluster and workload telemetry
#   is then not collected.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/concepts/observability
# custom:
#   id: WARD-GCP-0064
#   severity: MEDIUM
#   remediation: "Set monitoring_service = \"monitoring.googleapis.com/kubernetes\" (the default)."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.gke_monitoring_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s has cloud monitoring disabled", [cloud.label]), ["monitoring_service"]) if {
	input.monitoring_service == "none"
}

deny contains cloud.result(sprintf("GKE cluster %s uses the legacy cloud monitoring service", [cloud.label]), ["monitoring_service"]) if {
	input.monitoring_service == "monitoring.googleapis.com"
}
