# METADATA
# title: Shell-form ENTRYPOINT or CMD
# description: |
#   In shell form the final image's ENTRYPOINT/CMD runs under `/bin/sh -c`:
#   the shell is PID 1, so SIGTERM does not reach the application and the
#   container is killed after the stop timeout instead of shutting down.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
# custom:
#   id: WARD-DOCKER-0021
#   severity: LOW
#   remediation: Use exec form (`CMD ["app", "--flag"]`), or `exec` the program at the end of a wrapper script.
#   input:
#     type: dockerfile
package ward.docker.shell_form

import data.ward.lib.docker
import rego.v1

deny contains docker.result(sprintf("final stage %s uses the shell form of %s", [docker.stage_label(docker.final), upper(x.ins.cmd)]), x) if {
	some x in docker.instr
	x.i == docker.final_index
	x.ins.cmd in {"cmd", "entrypoint"}
	not x.ins.json
	count(x.ins.args) > 0
}
