# METADATA
# title: Container image not pinned by digest
# description: |
#   Tags are mutable: the registry can serve different content under the same
#   tag tomorrow. Only a digest (@sha256:...) guarantees that the image that
#   was scanned and approved is the one that runs.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: WARD-K8S-0055
#   severity: LOW
#   remediation: Pin the image by digest, e.g. nginx:1.27.0@sha256:<digest>, and let a bot such as Renovate update it.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/secure-images"]
package ward.k8s.image_digest

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q uses image %q without a sha256 digest", [k8s.container_label(x), input.kind, k8s.name, img]),
	array.concat(x.path, ["image"]),
	sprintf("image: %s", [img]),
) if {
	some x in k8s.containers
	img := x.container.image
	is_string(img)
	img != ""
	not k8s.image_pinned(img)
}
