# METADATA
# title: Package manager cache left in the image
# description: |
#   A RUN installs packages but leaves the package manager's index or cache
#   in the layer (apt lists, apk cache, yum/dnf metadata). The layer is
#   larger, and the stale index ships in the image.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: WARD-DOCKER-0011
#   severity: LOW
#   remediation: |
#     In the same RUN: apt-get install … && rm -rf /var/lib/apt/lists/*; apk add --no-cache …;
#     yum/dnf install … && yum/dnf clean all. Or mount a build cache (`RUN --mount=type=cache,target=…`).
#   input:
#     type: dockerfile
package ward.docker.package_cache

import data.ward.lib.docker
import rego.v1

installs(seg, re) if regex.match(re, seg)

apt_re := `(?:^|\s)apt(?:-get)?\s+(?:\S+\s+)*install(?:\s|$)`

apk_re := `(?:^|\s)apk\s+(?:\S+\s+)*add(?:\s|$)`

rpm_re := `(?:^|\s)(?:yum|dnf|microdnf)\s+(?:\S+\s+)*install(?:\s|$)`

leaves(x) := "apt-get install without removing /var/lib/apt/lists" if {
	some seg in docker.segments(x.script)
	installs(seg, apt_re)
	not contains(x.script, "/var/lib/apt/lists")
	not docker.cache_mount(x.ins, "/var/lib/apt")
}

leaves(x) := "apk add without --no-cache" if {
	some seg in docker.segments(x.script)
	installs(seg, apk_re)
	not contains(seg, "--no-cache")
	not contains(x.script, "/var/cache/apk")
	not docker.cache_mount(x.ins, "/var/cache/apk")
	not docker.cache_mount(x.ins, "/etc/apk/cache")
}

leaves(x) := "yum/dnf install without clean all" if {
	some seg in docker.segments(x.script)
	installs(seg, rpm_re)
	not regex.match(`(?:yum|dnf)\s+(?:\S+\s+)*clean\s+all|/var/cache/(?:yum|dnf)`, x.script)
	not docker.cache_mount(x.ins, "/var/cache/yum")
	not docker.cache_mount(x.ins, "/var/cache/dnf")
}

deny contains docker.result(sprintf("RUN runs %s: the package cache stays in the layer", [leaves(x)]), x) if {
	some x in docker.runs
	leaves(x)
}
