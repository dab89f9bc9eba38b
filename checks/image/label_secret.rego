# METADATA
# title: Secret in image label
# description: |
#   A label of the image whose name says it holds a password, token or key has
#   a literal value, or a label value holds an AWS access key ID. Labels are
#   stored in the image configuration and shown by `docker inspect` and every
#   registry UI.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#label
# custom:
#   id: WARD-IMAGE-0003
#   severity: HIGH
#   remediation: Remove the label (LABEL instruction or `--label` build flag), rebuild, and rotate the credential.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.10"]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.image.label_secret

import data.ward.lib.image
import rego.v1

deny contains {
	"msg": sprintf("image %s has label %s with a literal secret", [input.ref, image.short(name)]),
	"path": ["labels", name],
	"evidence": sprintf("LABEL %s=<redacted>", [image.short(name)]),
} if {
	some name, value in input.labels
	image.secret_pair(name, value)
}
