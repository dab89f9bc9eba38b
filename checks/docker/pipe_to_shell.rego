# METADATA
# title: Remote script piped to a shell
# description: |
#   `curl … | sh` (or wget, or `sh -c "$(curl …)"`) runs whatever the server
#   returns at build time, unverified, as the build user.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#using-pipes
# custom:
#   id: WARD-DOCKER-0006
#   severity: HIGH
#   remediation: Download the script to a file, verify its checksum or signature, then run it; or install the tool from a package manager.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.11"]
package ward.docker.pipe_to_shell

import data.ward.lib.docker
import rego.v1

shells := `(?:ba|da|k|z|a)?sh`

patterns := [
	# curl … | sh, wget -O- … | sudo bash -s
	sprintf(`\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\S*/)?%s\b`, [shells]),
	# sh -c "$(curl …)", bash <(wget …)
	sprintf(`\b%s\s+(?:-\S+\s+)*["']?(?:\$\(|<\(|\x60)\s*(?:curl|wget)\b`, [shells]),
]

deny contains docker.result("RUN pipes a downloaded script into a shell", x) if {
	some x in docker.runs
	some p in patterns
	regex.match(p, x.script)
}
