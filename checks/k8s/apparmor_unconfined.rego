# METADATA
# title: AppArmor profile is unconfined
# description: |
#   The pod or a container runs without AppArmor confinement: its
#   securityContext.appArmorProfile.type is Unconfined, or the legacy
#   container.apparmor.security.beta.kubernetes.io/<container> annotation is
#   set to something other than runtime/default or localhost/<profile>
#   (typically unconfined). The runtime's default profile blocks writes to
#   /proc and /sys and mounting file systems.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://kubernetes.io/docs/tutorials/security/apparmor/
# custom:
#   id: WARD-K8S-0011
#   severity: MEDIUM
#   remediation: "Remove the Unconfined AppArmor setting, or set securityContext.appArmorProfile.type to RuntimeDefault (or Localhost with a reviewed profile)."
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/hardening"]
#     pss: ["baseline/apparmor"]
package ward.k8s.apparmor_unconfined

import data.ward.lib.k8s
import rego.v1

allowed_types := {"RuntimeDefault", "Localhost"}

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

deny contains k8s.result_evidence(
	sprintf("%s sets the pod AppArmor profile to %s", [k8s.object_label, t]),
	array.concat(k8s.pod_sc_path, ["appArmorProfile", "type"]),
	sprintf("appArmorProfile.type: %s", [t]),
) if {
	t := k8s.pod_sc.appArmorProfile.type
	not t in allowed_types
}

deny contains k8s.result_evidence(
	sprintf("%s of %s sets its AppArmor profile to %s", [k8s.container_label(x), k8s.object_label, t]),
	array.concat(k8s.sc_path(x), ["appArmorProfile", "type"]),
	sprintf("appArmorProfile.type: %s", [t]),
) if {
	some x in k8s.containers
	t := x.container.securityContext.appArmorProfile.type
	not t in allowed_types
}

deny contains k8s.result_evidence(
	sprintf("%s runs container %q with AppArmor profile %q", [k8s.object_label, trim_prefix(key, annotation_prefix), value]),
	array.concat(k8s.pod_meta_path, ["annotations", key]),
	sprintf("%s: %s", [key, value]),
) if {
	some key, value in k8s.pod_annotations
	startswith(key, annotation_prefix)
	not allowed_annotation(value)
}

allowed_annotation(v) if v == "runtime/default"

allowed_annotation(v) if {
	startswith(v, "localhost/")
	v != "localhost/"
}
