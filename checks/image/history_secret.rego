# METADATA
# title: Secret in image build history
# description: |
#   A build step recorded in the image history sets a variable whose name says
#   it holds a password, token or key to a literal value (an ENV or ARG
#   instruction, a build argument of a RUN step such as `|1 API_TOKEN=...`),
#   or contains an AWS access key ID. The history is part of the image
#   configuration: removing the variable in a later step does not remove it
#   from the history, and anyone who can pull the image can read it with
#   `docker history --no-trunc`.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
#   - https://docs.docker.com/reference/cli/docker/image/history/
# custom:
#   id: WARD-IMAGE-0004
#   severity: HIGH
#   remediation: Rotate the credential and rebuild without it; pass build secrets with `RUN --mount=type=secret` (BuildKit) instead of ARG, ENV or `--build-arg`.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.10"]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.17"]
package ward.image.history_secret

import data.ward.lib.image
import rego.v1

# assignments are NAME=VALUE words of each history step (a value may be
# quoted), with the step index.
assignments contains {"i": i, "name": m[1], "value": trim(m[2], "\"'")} if {
	some i, h in input.history
	some m in regex.find_all_string_submatch_n(`(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s"';&|]+)`, h.created_by, 200)
}

# in_env holds for a pair the final environment still has: WARD-IMAGE-0002
# reports it already.
in_env(name, value) if {
	some e in input.env
	e.name == name
	e.value == value
}

deny contains {
	"msg": sprintf("image %s history step %d sets %s to a literal secret", [input.ref, a.i, image.short(a.name)]),
	"path": ["history", a.i, "created_by"],
	"evidence": sprintf("%s=<redacted>", [image.short(a.name)]),
} if {
	some a in assignments
	image.sensitive_name(a.name)
	image.literal(a.value)
	not in_env(a.name, a.value)
}

deny contains {
	"msg": sprintf("image %s history step %d contains an AWS access key ID", [input.ref, i]),
	"path": ["history", i, "created_by"],
	"evidence": "AKIA<redacted>",
} if {
	some i, h in input.history
	image.aws_key_id(h.created_by)
	not aws_key_in_env(i)
	not sensitive_pair_at(i)
}

# aws_key_in_env holds when a key ID of step i comes from a pair the final
# environment still has (WARD-IMAGE-0002 reports it).
aws_key_in_env(i) if {
	some a in assignments
	a.i == i
	image.aws_key_id(a.value)
	in_env(a.name, a.value)
}

# sensitive_pair_at holds when step i already yields a finding for a named
# secret, so the key ID is not reported twice.
sensitive_pair_at(i) if {
	some a in assignments
	a.i == i
	image.sensitive_name(a.name)
	image.literal(a.value)
	not in_env(a.name, a.value)
}
