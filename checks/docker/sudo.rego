# METADATA
# title: sudo used in RUN
# description: |
#   Build steps already run as the current USER; sudo adds a setuid binary
#   and a privilege boundary that does nothing at build time, has
#   unpredictable TTY and signal behaviour, and often means sudo is left in
#   the final image.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: WARD-DOCKER-0008
#   severity: MEDIUM
#   remediation: Drop sudo; switch with `USER root` for the steps that need it and back to the unprivileged user afterwards.
#   input:
#     type: dockerfile
package ward.docker.sudo

import data.ward.lib.docker
import rego.v1

deny contains docker.result("RUN calls sudo", x) if {
	some x in docker.runs
	some seg in docker.segments(x.script)
	regex.match(`^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*sudo(?:\s|$)`, seg)
}
