# METADATA
# title: Image runs as root
# description: |
#   The final stage sets no USER, or sets USER root / 0, so the container's
#   processes run as root unless the runtime overrides it. A final stage built
#   FROM an earlier stage inherits that stage's USER.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: WARD-DOCKER-0001
#   severity: HIGH
#   remediation: Add `USER <non-root user>` after the last instruction that needs root in the final stage.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.1"]
package ward.docker.user

import data.ward.lib.docker
import rego.v1

# users(i) are the USER instructions of stage i, in order.
users(i) := [{"i": i, "j": j, "ins": ins} |
	some j, ins in input.stages[i].instructions
	ins.cmd == "user"
	count(ins.args) > 0
]

# setters are the stages of the final stage's lineage that set a USER,
# nearest first.
setters := [i | some i in docker.final_lineage; count(users(i)) > 0]

root(u) if {
	name := trim(split(u, ":")[0], "\"'")
	name in {"root", "0"}
}

deny contains {
	"msg": sprintf("final stage %s sets no USER: the container runs as root", [docker.stage_label(docker.final)]),
	"path": ["stages", docker.final_index],
} if {
	count(setters) == 0
}

deny contains docker.result(sprintf("final stage %s runs as USER %s", [docker.stage_label(docker.final), last.ins.args[0]]), last) if {
	count(setters) > 0
	us := users(setters[0])
	last := us[count(us) - 1]
	root(last.ins.args[0])
}
