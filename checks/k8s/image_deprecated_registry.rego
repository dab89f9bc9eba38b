# METADATA
# title: Container image from the frozen k8s.gcr.io registry
# description: |
#   The image is pulled from k8s.gcr.io, the legacy Kubernetes project
#   registry. It was frozen in April 2023: no new images or patched tags are
#   published there and the project has been redirecting and retiring it, so
#   the workload is pinned to images that no longer receive security fixes
#   and may stop pulling. The community registry is registry.k8s.io.
# related_resources:
#   - https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/
#   - https://kubernetes.io/blog/2022/11/28/registry-k8s-io-faster-cheaper-ga/
# custom:
#   id: WARD-K8S-0034
#   severity: MEDIUM
#   remediation: Pull the image from registry.k8s.io (same paths, e.g. registry.k8s.io/pause:3.9) and move to a currently supported tag.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     nsa-cisa: ["pod-security/secure-images"]
package ward.k8s.image_deprecated_registry

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q uses image %q from the frozen k8s.gcr.io registry", [k8s.container_label(x), input.kind, k8s.name, img]),
	array.concat(x.path, ["image"]),
	sprintf("image: %s", [img]),
) if {
	some x in k8s.containers
	raw := x.container.image
	is_string(raw)
	img := trim_space(raw)
	regex.match(`^(?i)k8s\.gcr\.io/`, img)
}
