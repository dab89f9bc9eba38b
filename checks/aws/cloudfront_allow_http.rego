# METADATA
# title: CloudFront distribution allows plain HTTP
# description: |
#   A cache behaviour with viewer protocol policy allow-all serves content
#   over unencrypted HTTP.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
# custom:
#   id: WARD-AWS-0236
#   severity: HIGH
#   remediation: Set viewer_protocol_policy (ViewerProtocolPolicy) to redirect-to-https or https-only on every cache behaviour.
#   input:
#     type: cloud
#     kinds: [aws.cloudfront.distribution]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.cloudfront_allow_http

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudFront distribution %s allows HTTP in its default cache behaviour", [cloud.label]), ["default_viewer_protocol_policy"]) if {
	input.default_viewer_protocol_policy == "allow-all"
}

deny contains cloud.result(sprintf("CloudFront distribution %s allows HTTP for %s", [cloud.label, b.path_pattern]), ["ordered_cache_behaviors", i, "viewer_protocol_policy"]) if {
	some i, b in input.ordered_cache_behaviors
	b.viewer_protocol_policy == "allow-all"
}
