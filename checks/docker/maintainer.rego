# METADATA
# title: MAINTAINER is deprecated
# description: |
#   MAINTAINER has been deprecated since Docker 1.13; tools read the
#   org.opencontainers.image.authors label instead.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#maintainer-deprecated
# custom:
#   id: WARD-DOCKER-0019
#   severity: LOW
#   remediation: Replace it with `LABEL org.opencontainers.image.authors="<name or email>"`.
#   input:
#     type: dockerfile
package ward.docker.maintainer

import data.ward.lib.docker
import rego.v1

deny contains docker.result("MAINTAINER is deprecated: use the org.opencontainers.image.authors label", x) if {
	some x in docker.instr
	x.ins.cmd == "maintainer"
}
