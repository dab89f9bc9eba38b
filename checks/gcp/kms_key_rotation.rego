# METADATA
# title: "Cloud KMS key is not rotated within 90 days"
# description: |
#   A symmetric Cloud KMS key without rotation_period (or with one longer than
#   90 days, 7776000s) keeps encrypting new data with the same key material
#   for too long.
# related_resources:
#   - https://cloud.google.com/kms/docs/key-rotation
# custom:
#   id: WARD-GCP-0078
#   severity: MEDIUM
#   remediation: "Set rotation_period to at most \"7776000s\"."
#   input:
#     type: cloud
#     kinds: [google.kms.crypto_key]
#   controls:
#     cis-gcp: ["1.10"]
#     pci-dss-4.0: ["3.7.4"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.gcp.kms_key_rotation

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud KMS key %s has no automatic rotation", [cloud.label]), ["rotation_period"]) if {
	input.purpose == "ENCRYPT_DECRYPT"
	input.rotation_period == ""
}

deny contains cloud.result(sprintf("Cloud KMS key %s rotates every %s, more than 90 days", [cloud.label, input.rotation_period]), ["rotation_period"]) if {
	input.purpose == "ENCRYPT_DECRYPT"
	is_string(input.rotation_period)
	endswith(input.rotation_period, "s")
	to_number(trim_suffix(input.rotation_period, "s")) > 7776000
}
