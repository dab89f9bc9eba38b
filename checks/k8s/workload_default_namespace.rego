# METADATA
# title: Workload in the default namespace
# description: |
#   Workloads that set no namespace, or the "default" one, share it with
#   everything else deployed carelessly: RBAC, NetworkPolicies, quotas and
#   Pod Security levels cannot be scoped to the application. (Manifests
#   meant to be applied with kubectl -n or kustomize's namespace field also
#   omit it; set it explicitly or ignore this check for them.)
# related_resources:
#   - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: WARD-K8S-0085
#   severity: LOW
#   remediation: Deploy the workload to a dedicated namespace and set metadata.namespace.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.7.1", "5.7.4"]
#     nsa-cisa: ["network-separation/namespaces"]
package ward.k8s.workload_default_namespace

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result(
	sprintf("%s %q is in the default namespace%s", [input.kind, k8s.name, _how]),
	_path,
) if {
	k8s.in_default_namespace
}

_set if {
	is_string(input.metadata.namespace)
	input.metadata.namespace != ""
}

_how := "" if _set
else := " (no metadata.namespace)"

_path := ["metadata", "namespace"] if _set
else := ["metadata"]
