# METADATA
# title: pip install without --no-cache-dir
# description: |
#   pip keeps downloaded wheels in ~/.cache/pip; in an image layer that cache
#   is dead weight that is never reused.
# related_resources:
#   - https://pip.pypa.io/en/stable/topics/caching/
# custom:
#   id: WARD-DOCKER-0020
#   severity: LOW
#   remediation: Use `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1` in the stage, or mount a build cache on /root/.cache/pip.
#   input:
#     type: dockerfile
package ward.docker.pip_cache

import data.ward.lib.docker
import rego.v1

env_off(i) if {
	some ins in input.stages[i].instructions
	ins.cmd == "env"
	some k, name in ins.args
	k % 2 == 0
	name == "PIP_NO_CACHE_DIR"
}

deny contains docker.result("RUN runs pip install without --no-cache-dir", x) if {
	some x in docker.runs
	some seg in docker.segments(x.script)
	regex.match(`(?:^|[\s/])pip[0-9.]*\s+(?:\S+\s+)*install(?:\s|$)`, seg)
	not contains(seg, "--no-cache-dir")
	not env_off(x.i)
	not docker.cache_mount(x.ins, "pip")
}
