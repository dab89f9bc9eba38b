# METADATA
# title: SSH port exposed
# description: |
#   EXPOSE 22 suggests an SSH daemon runs in the container. Containers should
#   be reached with `docker exec` / `kubectl exec`; an SSH server adds
#   credentials to manage and a remote attack surface.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#expose
# custom:
#   id: WARD-DOCKER-0009
#   severity: MEDIUM
#   remediation: Remove the SSH server and EXPOSE 22; use exec access for debugging.
#   input:
#     type: dockerfile
package ward.docker.expose_ssh

import data.ward.lib.docker
import rego.v1

ssh(spec) if {
	port := split(spec, "/")[0]
	regex.match(`^[0-9]+$`, port)
	to_number(port) == 22
}

ssh(spec) if {
	port := split(spec, "/")[0]
	regex.match(`^[0-9]+-[0-9]+$`, port)
	bounds := split(port, "-")
	to_number(bounds[0]) <= 22
	to_number(bounds[1]) >= 22
}

deny contains docker.result(sprintf("EXPOSE %s includes the SSH port 22", [spec]), x) if {
	some x in docker.instr
	x.ins.cmd == "expose"
	some spec in x.ins.args
	ssh(spec)
}
