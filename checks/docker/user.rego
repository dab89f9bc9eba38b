# METADATA
# title: Image runs as root
# description: |
#   The final stage sets no USER, or sets USER root / 0, so the container's
#   processes run as root unless the runtime overrides it.
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

import rego.v1

final := input.stages[count(input.stages) - 1]

final_index := count(input.stages) - 1

users := [[i, u] |
	some i, ins in final.instructions
	ins.cmd == "user"
	u := ins.args[0]
]

root(u) if {
	name := split(u, ":")[0]
	name in {"root", "0"}
}

deny contains {"msg": sprintf("final stage %q sets no USER: the container runs as root", [final.name]), "path": ["stages", final_index]} if {
	count(users) == 0
}

deny contains {
	"msg": sprintf("final stage %q switches to USER %s last", [final.name, last[1]]),
	"path": ["stages", final_index, "instructions", last[0]],
	"evidence": sprintf("USER %s", [last[1]]),
} if {
	count(users) > 0
	last := users[count(users) - 1]
	root(last[1])
}
