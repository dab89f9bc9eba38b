# METADATA
# title: AWS Config recorder does not record all resource types
# description: |
#   A recorder limited to listed resource types leaves changes to the others
#   (and to new types) unrecorded.
# related_resources:
#   - https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
# custom:
#   id: WARD-AWS-0249
#   severity: MEDIUM
#   remediation: Set recording_group all_supported (RecordingGroup.AllSupported) to true.
#   input:
#     type: cloud
#     kinds: [aws.config.recorder]
#   controls:
#     cis-aws: ["3.3"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.aws.config_recorder_all_resources

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AWS Config recorder %s does not record all supported resource types", [cloud.label]), ["all_supported"]) if {
	input.all_supported == false
}
