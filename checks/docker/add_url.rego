# METADATA
# title: ADD fetches a remote URL
# description: |
#   ADD with a URL downloads content at build time without verifying it, so
#   a compromised or changed server changes the image silently.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#add---checksum
# custom:
#   id: WARD-DOCKER-0003
#   severity: MEDIUM
#   remediation: Pin the download with `ADD --checksum=sha256:<digest> <url> <dest>`, or fetch it in a RUN step that verifies a checksum or signature.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.9"]
package ward.docker.add_url

import data.ward.lib.docker
import rego.v1

deny contains docker.result(sprintf("ADD fetches %s without a checksum", [src]), x) if {
	some x in docker.instr
	x.ins.cmd == "add"
	count(x.ins.args) >= 2
	some src in array.slice(x.ins.args, 0, count(x.ins.args) - 1)
	regex.match(`(?i)^(https?|ftp|git)://|^git@`, src)
	not checksum(x.ins)
}

checksum(ins) if {
	some f in ins.flags
	startswith(f, "--checksum=")
}
