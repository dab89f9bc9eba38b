# METADATA
# title: Mutable latest image without imagePullPolicy Always
# description: |
#   For an image on the latest tag (or with no tag) an imagePullPolicy of
#   IfNotPresent or Never makes each node run whatever version it pulled
#   first: replicas silently run different code, and a fixed image is never
#   picked up.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#updating-images
# custom:
#   id: WARD-K8S-0056
#   severity: LOW
#   remediation: Pin a version tag or digest; if latest must be used, set imagePullPolicy to Always (or leave it unset).
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/secure-images"]
package ward.k8s.image_pull_policy_latest

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q uses mutable image %q with imagePullPolicy %s", [k8s.container_label(x), input.kind, k8s.name, img, policy]),
	array.concat(x.path, ["imagePullPolicy"]),
	sprintf("imagePullPolicy: %s", [policy]),
) if {
	some x in k8s.containers
	img := x.container.image
	is_string(img)
	k8s.image_mutable_latest(img)
	policy := x.container.imagePullPolicy
	is_string(policy)
	policy != "Always"
}
