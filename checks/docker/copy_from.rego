# METADATA
# title: COPY --from names no earlier stage
# description: |
#   COPY --from=<name> where no earlier stage is called <name> makes Docker
#   pull an image of that name from a registry instead: a typo in a stage
#   alias becomes a dependency on an arbitrary public image.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#copy---from
# custom:
#   id: WARD-DOCKER-0018
#   severity: MEDIUM
#   remediation: Name an earlier stage defined with `FROM … AS <name>`, or a fully qualified image reference with a tag or digest.
#   input:
#     type: dockerfile
package ward.docker.copy_from

import data.ward.lib.docker
import rego.v1

known(src, i) if {
	some k, s in input.stages
	k < i
	s.name == lower(src)
}

known(src, i) if {
	regex.match(`^[0-9]+$`, src)
	to_number(src) < i
}

# An image reference (with a tag, digest, registry or path) or a build
# argument is not a stage alias.
known(src, _) if regex.match(`[:/@$]`, src)

deny contains docker.result(sprintf("%s --from=%s names no earlier build stage: Docker would pull an image of that name", [upper(x.ins.cmd), src]), x) if {
	some x in docker.instr
	x.ins.cmd in {"copy", "add"}
	some f in x.ins.flags
	src := trim(substring(f, count("--from="), -1), "\"'")
	startswith(f, "--from=")
	not known(src, x.i)
}
