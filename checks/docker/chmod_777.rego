# METADATA
# title: World-writable permissions
# description: |
#   chmod 777 (a+rwx) or COPY/ADD --chmod=777 makes files writable by every
#   user in the container, so any process, including a compromised
#   unprivileged one, can replace binaries, scripts or configuration.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#copy---chown---chmod
# custom:
#   id: WARD-DOCKER-0012
#   severity: MEDIUM
#   remediation: Grant only what is needed (e.g. 755 for directories, 644 for files) and give ownership to the user that must write with --chown or chown.
#   input:
#     type: dockerfile
package ward.docker.chmod_777

import data.ward.lib.docker
import rego.v1

world_writable := `(?:^|[\s;&|(])chmod\s+(?:-\S+\s+)*(?:0?777|(?:a|ugo)[+=]rwx)(?:\s|$)`

deny contains docker.result("RUN makes files world-writable with chmod", x) if {
	some x in docker.runs
	regex.match(world_writable, x.script)
}

deny contains docker.result(sprintf("%s sets world-writable permissions with %s", [upper(x.ins.cmd), f]), x) if {
	some x in docker.instr
	x.ins.cmd in {"copy", "add"}
	some f in x.ins.flags
	regex.match(`^--chmod=(?:0?777|(?:a|ugo)[+=]rwx)$`, f)
}
