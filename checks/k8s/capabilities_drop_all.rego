# METADATA
# title: Container does not drop all capabilities
# description: |
#   The restricted profile requires every container to drop ALL
#   capabilities (adding back only NET_BIND_SERVICE). Otherwise the runtime's
#   default set applies, which includes NET_RAW, DAC_OVERRIDE, SETUID and
#   others the process rarely needs. Pods with spec.os.name windows are
#   exempt, as in the standard.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: WARD-K8S-0021
#   severity: MEDIUM
#   remediation: "Set securityContext.capabilities.drop: [\"ALL\"] on every container and add back only what is needed (at most NET_BIND_SERVICE under the restricted profile)."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.8", "5.2.10"]
#     nsa-cisa: ["pod-security/non-privileged"]
#     pss: ["restricted/capabilities"]
package ward.k8s.capabilities_drop_all

import data.ward.lib.k8s
import rego.v1

# The drop list exists but lacks ALL: point at it.
deny contains k8s.result_evidence(
	sprintf("%s of %s does not drop ALL capabilities", [k8s.container_label(x), k8s.object_label]),
	array.concat(k8s.sc_path(x), ["capabilities", "drop"]),
	sprintf("capabilities.drop: %v", [x.container.securityContext.capabilities.drop]),
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	_ = x.container.securityContext.capabilities.drop
	not "ALL" in k8s.dropped_capabilities(x)
}

# No drop list at all: point at the container.
deny contains k8s.result(
	sprintf("%s of %s does not drop ALL capabilities (no capabilities.drop)", [k8s.container_label(x), k8s.object_label]),
	x.path,
) if {
	not k8s.is_windows_pod
	some x in k8s.containers
	not has_drop(x)
}

has_drop(x) if _ = x.container.securityContext.capabilities.drop
