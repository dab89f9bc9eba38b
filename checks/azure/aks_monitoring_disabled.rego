# METADATA
# title: AKS cluster does not send logs to Azure Monitor
# description: |
#   Without the Container Insights agent (oms_agent) the cluster sends no
#   container logs and metrics to Log Analytics, leaving incidents
#   uninvestigated.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/monitor-aks
# custom:
#   id: WARD-AZURE-0049
#   severity: MEDIUM
#   remediation: Declare oms_agent { log_analytics_workspace_id = ... }.
#   input:
#     type: cloud
#     kinds: [azure.container.kubernetes_cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.aks_monitoring_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AKS cluster %s does not send logs to Azure Monitor", [cloud.label]), ["oms_agent_enabled"]) if {
	input.oms_agent_enabled == false
}
