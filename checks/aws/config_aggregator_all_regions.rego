# METADATA
# title: AWS Config aggregator does not cover all regions
# description: |
#   An aggregator limited to listed regions misses resources and compliance
#   data of every other region, including new ones.
# related_resources:
#   - https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html
# custom:
#   id: WARD-AWS-0248
#   severity: MEDIUM
#   remediation: Set all_regions (AllAwsRegions) to true in the aggregation source.
#   input:
#     type: cloud
#     kinds: [aws.config.aggregator]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.9"]
package ward.aws.config_aggregator_all_regions

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("AWS Config aggregator %s does not cover all regions", [cloud.label]), ["all_regions"]) if {
	input.all_regions == false
}
