# METADATA
# title: Storage account does not log queue service requests
# description: |
#   Without Storage Analytics logging of read, write and delete requests on
#   the queue service, access to queue messages cannot be investigated.
#   BlockBlobStorage, BlobStorage and FileStorage accounts have no queue
#   service and are not checked.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/../queues/monitor-queue-storage
# custom:
#   id: WARD-AZURE-0007
#   severity: MEDIUM
#   remediation: Declare queue_properties { logging { read = true write = true delete = true ... } }.
#   input:
#     type: cloud
#     kinds: [azure.storage.account]
#   controls:
#     cis-azure: ["3.5"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.azure.storage_queue_logging_disabled

import data.ward.lib.cloud
import rego.v1

has_queues if not lower(input.account_kind) in {"blockblobstorage", "blobstorage", "filestorage"}

deny contains cloud.result(sprintf("Storage account %s does not log queue service requests", [cloud.label]), ["queue_logging", "enabled"]) if {
	has_queues
	input.queue_logging.enabled == false
}

deny contains cloud.result(sprintf("Storage account %s does not log queue %s requests", [cloud.label, op]), ["queue_logging", op]) if {
	has_queues
	input.queue_logging.enabled == true
	some op in ["read", "write", "delete"]
	input.queue_logging[op] == false
}
