# METADATA
# title: CloudFront distribution allows outdated TLS versions
# description: |
#   With a custom certificate, a minimum protocol version below TLSv1.2 (the
#   default is TLSv1) lets viewers connect with TLS 1.0 or 1.1.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: WARD-AWS-0237
#   severity: HIGH
#   remediation: Set viewer_certificate minimum_protocol_version (MinimumProtocolVersion) to TLSv1.2_2021 or newer.
#   input:
#     type: cloud
#     kinds: [aws.cloudfront.distribution]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.cloudfront_outdated_tls

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("CloudFront distribution %s accepts %s", [cloud.label, v]), ["viewer_certificate", "minimum_protocol_version"]) if {
	input.viewer_certificate.cloudfront_default_certificate == false
	v := input.viewer_certificate.minimum_protocol_version
	is_string(v)
	not startswith(v, "TLSv1.2")
	not startswith(v, "TLSv1.3")
}
