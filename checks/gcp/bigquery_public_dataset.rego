# METADATA
# title: "BigQuery dataset is publicly accessible"
# description: |
#   An access entry or IAM grant gives allAuthenticatedUsers or allUsers
#   access to the dataset, so anyone can read (or change) its tables.
# related_resources:
#   - https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
# custom:
#   id: WARD-GCP-0079
#   severity: HIGH
#   remediation: "Remove public access entries and IAM members; grant named groups or service accounts."
#   input:
#     type: cloud
#     kinds: [google.bigquery.dataset]
#   controls:
#     cis-gcp: ["7.1"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.gcp.bigquery_public_dataset

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("BigQuery dataset %s grants %s to %s", [cloud.label, a.role, a.special_group]), ["access", i, "special_group"]) if {
	some i, a in input.access
	gcp.public_member(a.special_group)
}

deny contains cloud.result(sprintf("BigQuery dataset %s grants %s to %s", [cloud.label, a.role, a.iam_member]), ["access", i, "iam_member"]) if {
	some i, a in input.access
	gcp.public_member(a.iam_member)
}

deny contains cloud.result(sprintf("BigQuery dataset %s grants %s to %s", [cloud.label, b.role, m]), ["iam_bindings", i, "members"]) if {
	some i, b in input.iam_bindings
	some m in b.members
	gcp.public_member(m)
}
