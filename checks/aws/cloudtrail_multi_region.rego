# METADATA
# title: CloudTrail trail does not log all regions
# description: |
#   A single-region trail misses API activity in every other region, where an
#   attacker can create resources unseen.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
# custom:
#   id: WARD-AWS-0200
#   severity: MEDIUM
#   remediation: Set is_multi_region_trail (IsMultiRegionTrail) to true.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.trail]
#   controls:
#     cis-aws: ["3.1"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudtrail_multi_region

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudTrail trail %s logs only its own region", [cloud.label]), ["is_multi_region_trail"]) if {
	input.is_multi_region_trail == false
}
