# METADATA
# title: RBAC rule allows creating PersistentVolumes
# description: |
#   A subject that can create PersistentVolumes can create a hostPath volume
#   and claim it, reading or writing the node's filesystem even where Pod
#   Security forbids hostPath in pods.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0091
#   severity: MEDIUM
#   remediation: Let a provisioner create PersistentVolumes through StorageClasses; remove create on persistentvolumes from users and workloads.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.9"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_create_persistentvolumes

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, "create on persistentvolumes") if {
	some x in rbac.rules
	rbac.grants(x.rule, {"": ["persistentvolumes"]}, {"create"})
}
