# METADATA
# title: AWS Config recorder does not record global resources
# description: |
#   Global resources such as IAM users, roles and policies are recorded only
#   when include_global_resource_types is on (it is off by default); turn it
#   on in one region.
# related_resources:
#   - https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
# custom:
#   id: WARD-AWS-0250
#   severity: LOW
#   remediation: Set recording_group include_global_resource_types (RecordingGroup.IncludeGlobalResourceTypes) to true in the recorder of one region.
#   input:
#     type: cloud
#     kinds: [aws.config.recorder]
#   controls:
#     cis-aws: ["3.3"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.aws.config_recorder_global_resources

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AWS Config recorder %s does not record global resources", [cloud.label]), ["include_global_resource_types"]) if {
	input.all_supported == true
	input.include_global_resource_types == false
}
