# METADATA
# title: Secret in image environment
# description: |
#   An environment variable of the image configuration whose name says it
#   holds a password, token or key is set to a literal value, or a value holds
#   an AWS access key ID. The image configuration is readable by anyone who
#   can pull the image, and the variable is visible to every process in the
#   container.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
# custom:
#   id: WARD-IMAGE-0002
#   severity: HIGH
#   remediation: Remove the value from the image (ENV and ARG) and rotate the credential; inject runtime secrets through the orchestrator's secret store and build secrets with `RUN --mount=type=secret`.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.10"]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.image.env_secret

import data.ward.lib.image
import rego.v1

deny contains {
	"msg": sprintf("image %s sets environment variable %s to a literal secret", [input.ref, image.short(e.name)]),
	"path": ["env", i],
	"evidence": sprintf("ENV %s=<redacted>", [image.short(e.name)]),
} if {
	some i, e in input.env
	image.secret_pair(e.name, e.value)
}
