# METADATA
# title: Several CMD or ENTRYPOINT in one stage
# description: |
#   Only the last CMD and the last ENTRYPOINT of a stage take effect; earlier
#   ones are silently ignored, which usually means the Dockerfile does not do
#   what its author meant.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#cmd
# custom:
#   id: WARD-DOCKER-0017
#   severity: LOW
#   remediation: Keep a single CMD and a single ENTRYPOINT per stage; combine the commands in a script if several are needed.
#   input:
#     type: dockerfile
package ward.docker.multiple_cmd

import data.ward.lib.docker
import rego.v1

deny contains docker.result(sprintf("%s is overridden by a later %s in the same stage", [upper(x.ins.cmd), upper(x.ins.cmd)]), x) if {
	some x in docker.instr
	x.ins.cmd in {"cmd", "entrypoint"}
	some j, later in input.stages[x.i].instructions
	j > x.j
	later.cmd == x.ins.cmd
}
