# METADATA
# title: apt-get install without --no-install-recommends
# description: |
#   apt installs "recommended" packages by default, pulling in software the
#   image does not need: more size, more CVEs to patch, more attack surface.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: WARD-DOCKER-0013
#   severity: LOW
#   remediation: Use `apt-get install -y --no-install-recommends <packages>`, or set `APT::Install-Recommends "0";` in /etc/apt/apt.conf.d earlier in the stage.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.3"]
package ward.docker.install_recommends

import data.ward.lib.docker
import rego.v1

# configured(i) holds when the stage turns recommends off for every apt call.
configured(i) if {
	some ins in input.stages[i].instructions
	contains(ins.original, "Install-Recommends")
}

deny contains docker.result("RUN runs apt-get install without --no-install-recommends", x) if {
	some x in docker.runs
	some seg in docker.segments(x.script)
	regex.match(`(?:^|\s)apt(?:-get)?\s+(?:\S+\s+)*install(?:\s|$)`, seg)
	not contains(seg, "--no-install-recommends")
	not configured(x.i)
}
