# METADATA
# title: apt-get update alone in a RUN
# description: |
#   A RUN that only runs apt-get update is cached as its own layer: later
#   builds reuse the stale index while a changed install line re-runs, and
#   installs fail or get outdated packages.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: WARD-DOCKER-0022
#   severity: LOW
#   remediation: Combine update and install in one RUN (`RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/*`).
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.7"]
package ward.docker.apt_update_alone

import data.ward.lib.docker
import rego.v1

deny contains docker.result("RUN runs apt-get update without installing in the same RUN", x) if {
	some x in docker.runs
	regex.match(`(?:^|[\s;&|(])apt(?:-get)?\s+(?:-\S+\s+)*update(?:\s|$)`, x.script)
	not regex.match(`(?:^|[\s;&|(])apt(?:-get)?\s+(?:\S+\s+)*(?:install|upgrade|dist-upgrade|full-upgrade)(?:\s|$)`, x.script)
}
