# METADATA
# title: Image exposes SSH port
# description: |
#   The image exposes port 22, which suggests it runs an SSH server.
#   Containers should be reached with `docker exec` or `kubectl exec`; an SSH
#   server adds credentials to manage and a remote attack surface.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#expose
# custom:
#   id: WARD-IMAGE-0007
#   severity: MEDIUM
#   remediation: Remove the SSH server and `EXPOSE 22` from the image; use exec access for debugging.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     pci-dss-4.0: ["2.2.4"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.image.expose_ssh

import rego.v1

ssh(spec) if {
	port := split(spec, "/")[0]
	regex.match(`^[0-9]+$`, port)
	to_number(port) == 22
}

ssh(spec) if {
	port := split(spec, "/")[0]
	regex.match(`^[0-9]+-[0-9]+$`, port)
	bounds := split(port, "-")
	to_number(bounds[0]) <= 22
	to_number(bounds[1]) >= 22
}

deny contains {
	"msg": sprintf("image %s exposes %s, the SSH port", [input.ref, spec]),
	"path": ["exposed_ports", i],
} if {
	some i, spec in input.exposed_ports
	ssh(spec)
}
