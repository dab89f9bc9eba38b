# METADATA
# title: CloudFront distribution has no WAF web ACL
# description: |
#   Without a web ACL, requests reach the origin unfiltered by rules against
#   common web exploits and bots.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html
# custom:
#   id: WARD-AWS-0238
#   severity: MEDIUM
#   remediation: Set web_acl_id (WebACLId) to an AWS WAF web ACL.
#   input:
#     type: cloud
#     kinds: [aws.cloudfront.distribution]
#   controls:
#     pci-dss-4.0: ["6.4.2"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.cloudfront_no_waf

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudFront distribution %s has no WAF web ACL", [cloud.label]), ["web_acl_id"]) if {
	input.web_acl_id == ""
}
