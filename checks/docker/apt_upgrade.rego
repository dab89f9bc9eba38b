# METADATA
# title: apt-get upgrade in a Dockerfile
# description: |
#   apt-get upgrade / dist-upgrade upgrades every package of the base image to
#   whatever the mirror serves at build time: builds stop being reproducible
#   and the base image's maintainers' choices are overridden. Rebuild on an
#   updated base image instead.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: WARD-DOCKER-0014
#   severity: LOW
#   remediation: Remove the upgrade; use a current, pinned base image and rebuild when it is updated. Upgrade a single package with `apt-get install --only-upgrade <pkg>` when needed.
#   input:
#     type: dockerfile
package ward.docker.apt_upgrade

import data.ward.lib.docker
import rego.v1

deny contains docker.result(sprintf("RUN runs apt-get %s", [verb]), x) if {
	some x in docker.runs
	some seg in docker.segments(x.script)
	m := regex.find_all_string_submatch_n(`(?:^|\s)apt(?:-get)?\s+(?:\S+\s+)*(upgrade|dist-upgrade|full-upgrade)(?:\s|$)`, seg, 1)
	count(m) > 0
	verb := m[0][1]
}
