# METADATA
# title: Removed Kubernetes API version
# description: |
#   The object uses an API version that current Kubernetes releases no
#   longer serve: the manifest fails to apply after an upgrade, or pins the
#   cluster to an old, unpatched release.
# related_resources:
#   - https://kubernetes.io/docs/reference/using-api/deprecation-guide/
# custom:
#   id: WARD-K8S-0086
#   severity: LOW
#   remediation: Migrate the manifest to the replacement API version (kubectl convert or the deprecation guide lists field changes).
#   input:
#     type: kubernetes
#   controls:
#     nsa-cisa: ["upgrading-application-security"]
package ward.k8s.deprecated_api_version

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s %q uses apiVersion %s, removed in Kubernetes %s; use %s", [input.kind, k8s.name, input.apiVersion, r.removed, r.use]),
	["apiVersion"],
	sprintf("apiVersion: %s", [input.apiVersion]),
) if {
	r := _removal
}

# Removals that depend on the kind; checked first.
_by_kind := {
	"extensions/v1beta1": {
		"Deployment": ["1.16", "apps/v1"],
		"DaemonSet": ["1.16", "apps/v1"],
		"ReplicaSet": ["1.16", "apps/v1"],
		"NetworkPolicy": ["1.16", "networking.k8s.io/v1"],
		"PodSecurityPolicy": ["1.16", "Pod Security Admission"],
		"Ingress": ["1.22", "networking.k8s.io/v1"],
	},
	"storage.k8s.io/v1beta1": {
		"CSIStorageCapacity": ["1.27", "storage.k8s.io/v1"],
		"CSIDriver": ["1.22", "storage.k8s.io/v1"],
		"CSINode": ["1.22", "storage.k8s.io/v1"],
		"StorageClass": ["1.22", "storage.k8s.io/v1"],
		"VolumeAttachment": ["1.22", "storage.k8s.io/v1"],
	},
	"policy/v1beta1": {
		"PodDisruptionBudget": ["1.25", "policy/v1"],
		"PodSecurityPolicy": ["1.25", "Pod Security Admission"],
	},
}

# Whole group-versions that are no longer served.
_by_version := {
	"apps/v1beta1": ["1.16", "apps/v1"],
	"apps/v1beta2": ["1.16", "apps/v1"],
	"networking.k8s.io/v1beta1": ["1.22", "networking.k8s.io/v1"],
	"rbac.authorization.k8s.io/v1beta1": ["1.22", "rbac.authorization.k8s.io/v1"],
	"rbac.authorization.k8s.io/v1alpha1": ["1.22", "rbac.authorization.k8s.io/v1"],
	"admissionregistration.k8s.io/v1beta1": ["1.22", "admissionregistration.k8s.io/v1"],
	"apiextensions.k8s.io/v1beta1": ["1.22", "apiextensions.k8s.io/v1"],
	"apiregistration.k8s.io/v1beta1": ["1.22", "apiregistration.k8s.io/v1"],
	"authentication.k8s.io/v1beta1": ["1.22", "authentication.k8s.io/v1"],
	"authorization.k8s.io/v1beta1": ["1.22", "authorization.k8s.io/v1"],
	"certificates.k8s.io/v1beta1": ["1.22", "certificates.k8s.io/v1"],
	"coordination.k8s.io/v1beta1": ["1.22", "coordination.k8s.io/v1"],
	"scheduling.k8s.io/v1beta1": ["1.22", "scheduling.k8s.io/v1"],
	"scheduling.k8s.io/v1alpha1": ["1.22", "scheduling.k8s.io/v1"],
	"batch/v1beta1": ["1.25", "batch/v1"],
	"batch/v2alpha1": ["1.21", "batch/v1"],
	"discovery.k8s.io/v1beta1": ["1.25", "discovery.k8s.io/v1"],
	"events.k8s.io/v1beta1": ["1.25", "events.k8s.io/v1"],
	"autoscaling/v2beta1": ["1.25", "autoscaling/v2"],
	"autoscaling/v2beta2": ["1.26", "autoscaling/v2"],
	"node.k8s.io/v1beta1": ["1.25", "node.k8s.io/v1"],
	"node.k8s.io/v1alpha1": ["1.22", "node.k8s.io/v1"],
	"flowcontrol.apiserver.k8s.io/v1beta1": ["1.26", "flowcontrol.apiserver.k8s.io/v1"],
	"flowcontrol.apiserver.k8s.io/v1beta2": ["1.29", "flowcontrol.apiserver.k8s.io/v1"],
	"flowcontrol.apiserver.k8s.io/v1beta3": ["1.32", "flowcontrol.apiserver.k8s.io/v1"],
}

_removal := {"removed": r[0], "use": r[1]} if {
	r := _by_kind[input.apiVersion][input.kind]
} else := {"removed": r[0], "use": r[1]} if {
	not _by_kind[input.apiVersion]
	r := _by_version[input.apiVersion]
}
