# METADATA
# title: CloudTrail trail is not integrated with CloudWatch Logs
# description: |
#   A trail that only writes to S3 cannot drive real-time metric filters and
#   alarms on suspicious API activity.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
# custom:
#   id: WARD-AWS-0203
#   severity: LOW
#   remediation: Set cloud_watch_logs_group_arn (CloudWatchLogsLogGroupArn) and the role that delivers to it.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.trail]
#   controls:
#     pci-dss-4.0: ["10.4.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.16"]
package ward.aws.cloudtrail_cloudwatch

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudTrail trail %s does not deliver to CloudWatch Logs", [cloud.label]), ["cloud_watch_logs_group_arn"]) if {
	input.cloud_watch_logs_group_arn == ""
}
