# METADATA
# title: CloudTrail log bucket has no access logging
# description: |
#   Without server access logging on the bucket a trail delivers to, reads and
#   deletions of the audit logs themselves are not recorded.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# custom:
#   id: WARD-AWS-0254
#   severity: MEDIUM
#   remediation: Enable server access logging (logging / aws_s3_bucket_logging / LoggingConfiguration) on the trail's bucket, to another bucket.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.log_bucket]
#   controls:
#     cis-aws: ["3.4"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudtrail_bucket_logging

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s receives CloudTrail logs but has no access logging", [cloud.label]), ["access_logging"]) if {
	input.trail_bucket == true
	input.access_logging == false
}
