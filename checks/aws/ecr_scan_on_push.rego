# METADATA
# title: ECR repository does not scan images on push
# description: |
#   Images pushed without a scan may carry known vulnerabilities into
#   production unnoticed.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
# custom:
#   id: WARD-AWS-0222
#   severity: HIGH
#   remediation: Set image_scanning_configuration scan_on_push (ImageScanningConfiguration.ScanOnPush) to true, or enable registry-level enhanced scanning.
#   input:
#     type: cloud
#     kinds: [aws.ecr.repository]
#   controls:
#     pci-dss-4.0: ["6.3.1", "11.3.1"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.8"]
package ward.aws.ecr_scan_on_push

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ECR repository %s does not scan images on push", [cloud.label]), ["scan_on_push"]) if {
	input.scan_on_push == false
}
