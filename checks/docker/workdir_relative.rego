# METADATA
# title: WORKDIR with a relative path
# description: |
#   A relative WORKDIR is resolved against the previous WORKDIR, which may
#   come from the base image and change with it. An absolute path says where
#   files land.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#workdir
# custom:
#   id: WARD-DOCKER-0016
#   severity: LOW
#   remediation: Use an absolute path (`WORKDIR /app`).
#   input:
#     type: dockerfile
package ward.docker.workdir_relative

import data.ward.lib.docker
import rego.v1

absolute(p) if startswith(p, "/")

absolute(p) if startswith(p, "$") # a build argument: cannot tell

absolute(p) if regex.match(`^[A-Za-z]:[\\/]|^\\`, p) # Windows

deny contains docker.result(sprintf("WORKDIR %s is a relative path", [dir]), x) if {
	some x in docker.instr
	x.ins.cmd == "workdir"
	count(x.ins.args) > 0
	dir := trim(x.ins.args[0], "\"'")
	not absolute(dir)
}
