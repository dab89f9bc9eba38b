# METADATA
# title: S3 bucket access logging disabled
# description: |
#   Without server access logging, requests made to the bucket are not
#   recorded. Buckets receiving access logs are exempt (logging into
#   themselves would loop).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# custom:
#   id: WARD-AWS-0010
#   severity: LOW
#   remediation: Configure server access logging (aws_s3_bucket_logging, CloudFormation LoggingConfiguration) to a separate log bucket.
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.s3_access_logging_disabled

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s does not log server access", [cloud.label]), ["logging", "enabled"]) if {
	input.logging.enabled == false
	not awsnet.log_bucket(input)
}
