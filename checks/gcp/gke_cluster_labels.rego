# METADATA
# title: "GKE cluster has no resource labels"
# description: |
#   Labels identify the owner, environment and cost centre of a cluster;
#   unlabelled clusters are hard to inventory and attribute.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/creating-managing-labels
# custom:
#   id: WARD-GCP-0069
#   severity: LOW
#   remediation: "Add resource_labels such as env and team."
#   input:
#     type: cloud
#     kinds: [google.container.cluster]
#   controls:
#     pci-dss-4.0: ["12.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.9"]
package ward.gcp.gke_cluster_labels

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("GKE cluster %s has no resource labels", [cloud.label]), ["labeled"]) if {
	input.labeled == false
}
