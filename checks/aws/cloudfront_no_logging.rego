# METADATA
# title: CloudFront distribution access logging is disabled
# description: |
#   Without standard logging there is no record of the requests the
#   distribution served.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
# custom:
#   id: WARD-AWS-0239
#   severity: MEDIUM
#   remediation: Add logging_config (Logging) with an S3 bucket.
#   input:
#     type: cloud
#     kinds: [aws.cloudfront.distribution]
#   controls:
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.aws.cloudfront_no_logging

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudFront distribution %s does not log requests", [cloud.label]), ["logging_enabled"]) if {
	input.logging_enabled == false
}
