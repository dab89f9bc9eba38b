# METADATA
# title: CloudTrail log bucket has a public ACL
# description: |
#   The bucket a trail delivers to has a public-read, public-read-write or
#   authenticated-read ACL, exposing the account's audit trail (and letting it
#   be tampered with).
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
# custom:
#   id: WARD-AWS-0253
#   severity: HIGH
#   remediation: Use the private ACL on the trail's bucket, block public access, and grant CloudTrail access with a bucket policy.
#   input:
#     type: cloud
#     kinds: [aws.cloudtrail.log_bucket]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.cloudtrail_bucket_public

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s receives CloudTrail logs and has a public ACL", [cloud.label]), ["public_acl"]) if {
	input.trail_bucket == true
	input.public_acl == true
}
