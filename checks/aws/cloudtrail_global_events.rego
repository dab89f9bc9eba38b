# METADATA
# title: CloudTrail trail excludes global service events
# description: |
#   Global services (IAM, STS, CloudFront) log to us-east-1 only as global
#   service events; excluding them hides identity changes.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events
# custom:
#   id: WARD-AWS-0204
#   severity: MEDIUM
#   remediation: Leave include_global_service_events (IncludeGlobalServiceEvents) true on at least your multi-region trail.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.trail]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudtrail_global_events

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudTrail trail %s excludes global service events", [cloud.label]), ["include_global_service_events"]) if {
	input.include_global_service_events == false
}
