# METADATA
# title: Image has no HEALTHCHECK
# description: |
#   The image configuration defines no health check, so Docker cannot tell a
#   hung container from a healthy one. A health check explicitly disabled
#   (`HEALTHCHECK NONE`) counts as a decision and passes.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#healthcheck
# custom:
#   id: WARD-IMAGE-0008
#   severity: LOW
#   remediation: Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>` to the image, or `HEALTHCHECK NONE` when the orchestrator probes it instead.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.6"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.16"]
package ward.image.healthcheck

import rego.v1

deny contains {
	"msg": sprintf("image %s defines no HEALTHCHECK", [input.ref]),
	"path": ["healthcheck"],
} if {
	input.healthcheck == null
}
