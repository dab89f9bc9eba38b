# METADATA
# title: RUN cd instead of WORKDIR
# description: |
#   A RUN that starts with cd changes directory for that one RUN only; later
#   instructions still run in the previous directory, which is easy to
#   misread. WORKDIR makes the directory explicit and persistent.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#workdir
# custom:
#   id: WARD-DOCKER-0015
#   severity: LOW
#   remediation: Replace the leading `cd <dir> &&` with `WORKDIR <dir>` before the RUN.
#   input:
#     type: dockerfile
package ward.docker.run_cd

import data.ward.lib.docker
import rego.v1

deny contains docker.result("RUN starts with cd: use WORKDIR to change directory", x) if {
	some x in docker.runs
	regex.match(`^\s*cd(?:\s|$)`, x.script)
}
