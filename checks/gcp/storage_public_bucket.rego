# METADATA
# title: "Cloud Storage bucket is publicly accessible"
# description: |
#   An IAM grant or ACL gives allUsers (anyone on the internet) or
#   allAuthenticatedUsers (any Google account) access to the bucket.
# related_resources:
#   - https://cloud.google.com/storage/docs/access-control/making-data-public
# custom:
#   id: WARD-GCP-0001
#   severity: HIGH
#   remediation: "Remove allUsers and allAuthenticatedUsers from the bucket's IAM grants and ACLs; grant named principals, and enforce public access prevention."
#   input:
#     type: cloud
#     kinds: [google.storage.bucket]
#   controls:
#     cis-gcp: ["5.1"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.gcp.storage_public_bucket

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Cloud Storage bucket %s grants %s to %s", [cloud.label, b.role, m]), ["iam_bindings", i, "members"]) if {
	some i, b in input.iam_bindings
	some m in b.members
	gcp.public_member(m)
}

deny contains cloud.result(sprintf("Cloud Storage bucket %s has the public ACL %s", [cloud.label, a.predefined_acl]), ["acls", i, "predefined_acl"]) if {
	some i, a in input.acls
	a.predefined_acl in {"publicRead", "publicReadWrite", "authenticatedRead"}
}

deny contains cloud.result(sprintf("Cloud Storage bucket %s has the public ACL entry %s", [cloud.label, e]), ["acls", i, "role_entities"]) if {
	some i, a in input.acls
	some e in a.role_entities
	gcp.public_acl_entity(e)
}
