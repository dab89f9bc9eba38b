# METADATA
# title: Storage container allows anonymous access
# description: |
#   A container with container_access_type blob or container lets anyone on
#   the internet read its blobs (and, for container, list them) without
#   authentication.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure
# custom:
#   id: WARD-AZURE-0006
#   severity: HIGH
#   remediation: Set container_access_type = "private" (the default).
#   input:
#     type: cloud
#     kinds: [azure.storage.container]
#   controls:
#     cis-azure: ["3.7"]
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.azure.storage_container_public

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Storage container %s allows anonymous %s access", [cloud.label, input.container_access_type]), ["container_access_type"]) if {
	lower(input.container_access_type) in {"blob", "container"}
}
