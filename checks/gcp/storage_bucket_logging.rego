# METADATA
# title: "Cloud Storage bucket has no usage logging"
# description: |
#   Usage and storage logs record requests to the bucket; without them access
#   cannot be reviewed. A bucket receiving the logs of other buckets of the
#   configuration is not flagged.
# related_resources:
#   - https://cloud.google.com/storage/docs/access-logs
# custom:
#   id: WARD-GCP-0004
#   severity: LOW
#   remediation: "Add a logging block with log_bucket naming a dedicated log bucket."
#   input:
#     type: cloud
#     kinds: [google.storage.bucket]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.storage_bucket_logging

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Cloud Storage bucket %s has no usage logging", [cloud.label]), ["logging", "log_bucket"]) if {
	input.logging.log_bucket == ""
	input.is_log_bucket == false
}
