# METADATA
# title: RBAC rule allows creating pods or workloads
# description: |
#   Whoever can create a pod - directly or through a Deployment, DaemonSet,
#   StatefulSet, ReplicaSet, ReplicationController, Job or CronJob - can run
#   it as any service account of the namespace and mount any Secret there,
#   and, without Pod Security Admission, take over the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: WARD-K8S-0070
#   severity: MEDIUM
#   remediation: Grant create on pods and workload controllers only to deployment pipelines and controllers that need it, and enforce Pod Security Admission in their namespaces.
#   input:
#     type: kubernetes
#     kinds: [Role, ClusterRole]
#   controls:
#     cis-kubernetes: ["5.1.4"]
#     nsa-cisa: ["authentication-authorization"]
package ward.k8s.rbac_create_workloads

import data.ward.lib.rbac
import rego.v1

deny contains rbac.rule_finding(x, sprintf("create on %s", [rbac.describe(rbac.granted_resources(x.rule, _resources))])) if {
	some x in rbac.rules
	rbac.grants(x.rule, _resources, {"create"})
}

_resources := {
	"": ["pods", "replicationcontrollers"],
	"apps": ["deployments", "daemonsets", "statefulsets", "replicasets"],
	"extensions": ["deployments", "daemonsets", "replicasets"],
	"batch": ["jobs", "cronjobs"],
}
