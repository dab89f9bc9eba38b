# METADATA
# title: Secret exposed as environment variables
# description: |
#   Secrets injected as environment variables (env valueFrom.secretKeyRef or
#   envFrom secretRef) are inherited by every child process, printed by
#   crash handlers and debug endpoints, and visible in /proc; they are not
#   updated when the Secret rotates. Mounted files avoid all of this.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
# custom:
#   id: WARD-K8S-0090
#   severity: LOW
#   remediation: Mount the Secret as a volume (read-only) and have the application read the file.
#   input:
#     type: kubernetes
#     kinds: [workload]
#   controls:
#     cis-kubernetes: ["5.4.1"]
#     nsa-cisa: ["network-separation/secrets"]
package ward.k8s.env_secret_reference

import data.ward.lib.k8s
import rego.v1

deny contains k8s.result_evidence(
	sprintf("%s of %s %q reads Secret %q key %q into env var %s", [k8s.container_label(x), input.kind, k8s.name, ref.name, object.get(ref, "key", ""), object.get(e, "name", "")]),
	array.concat(x.path, ["env", i, "valueFrom", "secretKeyRef"]),
	sprintf("secretKeyRef: %s", [ref.name]),
) if {
	some x in k8s.containers
	some i, e in object.get(x.container, "env", [])
	ref := e.valueFrom.secretKeyRef
	is_object(ref)
}

deny contains k8s.result_evidence(
	sprintf("%s of %s %q imports every key of Secret %q as env vars", [k8s.container_label(x), input.kind, k8s.name, ref.name]),
	array.concat(x.path, ["envFrom", i, "secretRef"]),
	sprintf("secretRef: %s", [ref.name]),
) if {
	some x in k8s.containers
	some i, e in object.get(x.container, "envFrom", [])
	ref := e.secretRef
	is_object(ref)
}
