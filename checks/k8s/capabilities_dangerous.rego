# METADATA
# title: Container adds a dangerous capability
# description: |
#   The container adds a capability that is close to root on the node:
#   SYS_ADMIN (mount, namespaces, many escape paths), NET_ADMIN (network
#   reconfiguration), SYS_PTRACE (read and inject into processes), SYS_MODULE
#   (load kernel modules), NET_RAW (packet spoofing and sniffing), BPF and
#   PERFMON (kernel tracing), SYS_RAWIO, DAC_READ_SEARCH (file handle escape),
#   SYS_BOOT, MAC_ADMIN, MAC_OVERRIDE, or ALL.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: WARD-K8S-0009
#   severity: HIGH
#   remediation: Remove the capability from securityContext.capabilities.add. Move work that needs it (network setup, tracing) to a dedicated, audited component such as a CNI plugin or node agent.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.2.8", "5.2.9"]
#     nsa-cisa: ["pod-security/non-privileged"]
#     pss: ["baseline/capabilities"]
package ward.k8s.capabilities_dangerous

import data.ward.lib.k8s
import rego.v1

dangerous := {
	"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_RAW",
	"BPF", "PERFMON", "SYS_RAWIO", "DAC_READ_SEARCH", "SYS_BOOT",
	"MAC_ADMIN", "MAC_OVERRIDE",
}

deny contains k8s.result_evidence(
	sprintf("%s of %s adds dangerous capability %s", [k8s.container_label(x), k8s.object_label, cap.raw]),
	cap.path,
	sprintf("capabilities.add: %s", [cap.raw]),
) if {
	some x in k8s.containers
	some cap in k8s.added_capabilities(x)
	cap.name in dangerous
}
