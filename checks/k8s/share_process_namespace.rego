# METADATA
# title: Pod shares one process namespace between containers
# description: |
#   With shareProcessNamespace every container of the pod sees the others'
#   processes and, running as the same UID, can read their environment and
#   memory and reach their file systems through /proc/<pid>/root, so a
#   compromise of one container (such as a sidecar) exposes the secrets of
#   all of them.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
# custom:
#   id: WARD-K8S-0026
#   severity: MEDIUM
#   remediation: Remove spec.shareProcessNamespace or set it to false; use an ephemeral debug container with a target container for debugging instead.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
package ward.k8s.share_process_namespace

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s shares one process namespace between its containers", [k8s.object_label]),
	array.concat(k8s.pod_path, ["shareProcessNamespace"]),
	"shareProcessNamespace: true",
) if {
	k8s.pod_spec.shareProcessNamespace == true
}
