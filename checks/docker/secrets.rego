# METADATA
# title: Secret in ENV or ARG
# description: |
#   An ENV or ARG whose name says it holds a password, token or key is set to
#   a literal value. ENV values are stored in the image config and ARG values
#   in its history: anyone who can pull the image can read them.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
# custom:
#   id: WARD-DOCKER-0007
#   severity: HIGH
#   remediation: Remove the value from the Dockerfile; pass build secrets with `RUN --mount=type=secret` and runtime secrets through the orchestrator's secret store.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.10"]
package ward.docker.secrets

import data.ward.lib.docker
import rego.v1

sensitive(name) if {
	regex.match(`(?i)(^|[_.-])(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|auth[_-]?key|credentials?)($|[_.-])`, name)
	not regex.match(`(?i)[_.-](file|path|dir|url|uri|endpoint|host|port|name|type|length|len|id|expiry|ttl|header|enabled|required)$`, name)
}

placeholder(v) if lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1", "none", "null"}

literal(v) if {
	v != ""
	not startswith(v, "$")
	not startswith(v, "/run/secrets")
	not placeholder(v)
}

# pairs are the name/value pairs of every ENV and ARG with their paths.
pairs contains {"path": docker.path(x), "cmd": x.ins.cmd, "name": name, "value": x.ins.args[k + 1]} if {
	some x in docker.instr
	x.ins.cmd in {"env", "arg"}
	some k, name in x.ins.args
	k % 2 == 0
}

pairs contains {"path": ["args", k0], "cmd": ins.cmd, "name": name, "value": ins.args[k + 1]} if {
	some k0, ins in input.args
	some k, name in ins.args
	k % 2 == 0
}

deny contains {
	"msg": sprintf("%s sets %s to a literal value", [upper(p.cmd), p.name]),
	"path": p.path,
	"evidence": sprintf("%s %s=<redacted>", [upper(p.cmd), p.name]),
} if {
	some p in pairs
	sensitive(p.name)
	literal(p.value)
}
