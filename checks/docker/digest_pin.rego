# METADATA
# title: Base image not pinned by digest
# description: |
#   Tags are mutable: the image behind `alpine:3.20` changes with every
#   rebuild upstream, and a compromised registry account can repoint it. A
#   digest pins the exact base image content.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# custom:
#   id: WARD-DOCKER-0005
#   severity: LOW
#   remediation: Append the digest to the base image (`FROM alpine:3.20@sha256:<digest>`) and let a bot such as Renovate or Dependabot update it.
#   input:
#     type: dockerfile
package ward.docker.digest_pin

import data.ward.lib.docker
import rego.v1

deny contains docker.result(sprintf("base image %s is not pinned by digest", [s.from.image]), x) if {
	some i, s in input.stages
	not s.from.stage_ref
	lower(s.from.name) != "scratch"
	not contains(s.from.image, "$")
	s.from.digest == ""
	x := {"i": i, "j": 0, "ins": s.instructions[0]}
}
