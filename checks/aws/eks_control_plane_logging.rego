# METADATA
# title: EKS control plane logging is incomplete
# description: |
#   Control plane logs (api, audit, authenticator, controllerManager,
#   scheduler) are off by default; without them API calls and authentications
#   to the cluster are not recorded.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: WARD-AWS-0221
#   severity: MEDIUM
#   remediation: Set enabled_cluster_log_types (Logging.ClusterLogging.EnabledTypes) to all five log types.
#   input:
#     type: cloud
#     kinds: [aws.eks.cluster]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.eks_control_plane_logging

import data.ward.lib.cloud
import rego.v1

required := {"api", "audit", "authenticator", "controllerManager", "scheduler"}

deny contains cloud.result(sprintf("EKS cluster %s does not log %s", [cloud.label, concat(", ", sort(missing))]), ["enabled_log_types"]) if {
	enabled := {t.type | some t in input.enabled_log_types}
	missing := required - enabled
	count(missing) > 0
}
