# METADATA
# title: No HEALTHCHECK
# description: |
#   The final image defines no HEALTHCHECK (in its stage or a stage it is
#   built on), so Docker cannot tell a hung container from a healthy one.
#   An explicit `HEALTHCHECK NONE` counts as a decision and passes.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#healthcheck
# custom:
#   id: WARD-DOCKER-0010
#   severity: LOW
#   remediation: Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>` to the final stage, or `HEALTHCHECK NONE` when the orchestrator probes it instead.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.6"]
package ward.docker.healthcheck

import data.ward.lib.docker
import rego.v1

has_healthcheck if {
	some i in docker.final_lineage
	some ins in input.stages[i].instructions
	ins.cmd == "healthcheck"
}

deny contains {
	"msg": sprintf("final stage %s defines no HEALTHCHECK", [docker.stage_label(docker.final)]),
	"path": ["stages", docker.final_index],
} if {
	not has_healthcheck
}
