# METADATA
# title: Container image uses the latest tag or no tag
# description: |
#   An image referenced as :latest, or with no tag at all (which means
#   :latest), changes under the workload without any manifest change: what
#   runs cannot be reviewed, reproduced or rolled back, and a compromised
#   upstream push is deployed on the next pull.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: WARD-K8S-0054
#   severity: MEDIUM
#   remediation: Reference images by an immutable version tag, ideally pinned by digest (name:1.2.3@sha256:...).
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/secure-images"]
package ward.k8s.image_latest_tag

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q uses image %q %s", [k8s.container_label(x), input.kind, k8s.name, img, why]),
	array.concat(x.path, ["image"]),
	sprintf("image: %s", [img]),
) if {
	some x in k8s.containers
	img := x.container.image
	is_string(img)
	img != ""
	k8s.image_mutable_latest(img)
	why := _why(img)
}

_why(img) := "with the latest tag" if k8s.image_tag(img) == "latest"
else := "without a tag (implicitly latest)"
