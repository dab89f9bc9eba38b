# METADATA
# title: Base image untagged or :latest
# description: |
#   A FROM without a tag (or with :latest) builds on whatever the registry
#   serves that day: builds are not reproducible and a new upstream release
#   can change or break the image without any change to the Dockerfile.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#from
# custom:
#   id: WARD-DOCKER-0004
#   severity: MEDIUM
#   remediation: Name an explicit version tag (e.g. `alpine:3.20`), and preferably a digest as well.
#   input:
#     type: dockerfile
package ward.docker.latest_tag

import data.ward.lib.docker
import rego.v1

deny contains docker.result(sprintf("base image %s has no fixed version tag", [s.from.image]), x) if {
	some i, s in input.stages
	not s.from.stage_ref
	lower(s.from.name) != "scratch"
	not contains(s.from.image, "$")
	s.from.digest == ""
	s.from.tag in {"", "latest"}
	x := {"i": i, "j": 0, "ins": s.instructions[0]}
}
