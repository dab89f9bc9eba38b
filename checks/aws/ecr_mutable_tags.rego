# METADATA
# title: ECR repository image tags are mutable
# description: |
#   With mutable tags anyone allowed to push can replace the image behind a
#   released tag, so deployments may run an image that was never reviewed.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# custom:
#   id: WARD-AWS-0223
#   severity: MEDIUM
#   remediation: Set image_tag_mutability (ImageTagMutability) to IMMUTABLE.
#   input:
#     type: cloud
#     kinds: [aws.ecr.repository]
#   controls:
#     pci-dss-4.0: ["6.5.1"]
#     soc2: ["CC8.1"]
#     iso27001-2022: ["A.8.32"]
package ward.aws.ecr_mutable_tags

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("ECR repository %s has mutable image tags", [cloud.label]), ["image_tag_mutability"]) if {
	is_string(input.image_tag_mutability)
	upper(input.image_tag_mutability) == "MUTABLE"
}
