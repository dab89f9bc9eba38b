# METADATA
# title: Helm v2 Tiller deployed
# description: |
#   Tiller, the server side of Helm v2, is unmaintained since 2020. By
#   default it listens on an unauthenticated gRPC port with a cluster-admin
#   service account: any pod that can reach it can install anything.
# related_resources:
#   - https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller
# custom:
#   id: WARD-K8S-0088
#   severity: HIGH
#   remediation: Migrate the releases to Helm 3 (helm-2to3 plugin) and delete the tiller-deploy Deployment, Service and its service account binding.
#   input:
#     type: kubernetes
#     kinds: [workload, Service]
#   controls:
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.tiller_deployed

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q runs Helm v2 Tiller (%s)", [k8s.container_label(x), input.kind, k8s.name, img]),
	array.concat(x.path, ["image"]),
	sprintf("image: %s", [img]),
) if {
	some x in k8s.containers
	img := x.container.image
	is_string(img)
	regex.match(`(^|/)tiller([:@]|$)`, k8s.image_name(img))
}

deny contains k8s.result(
	sprintf("Service %q exposes Helm v2 Tiller", [k8s.name]),
	["metadata", "name"],
) if {
	input.kind == "Service"
	_tiller_service
}

_tiller_service if k8s.name == "tiller-deploy"

_tiller_service if {
	sel := object.get(input, ["spec", "selector"], {})
	sel.app == "helm"
	sel.name == "tiller"
}
