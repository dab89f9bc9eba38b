# METADATA
# title: Image runs as root
# description: |
#   The image configuration sets no user, or sets root (user "root" or UID 0),
#   so the container's processes run as root unless the runtime overrides it.
#   A process escaping the container then starts as root on the host's kernel.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: WARD-IMAGE-0001
#   severity: HIGH
#   remediation: Rebuild the image with `USER <non-root user>` (a name or UID other than 0) after the last step that needs root.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.1"]
#     pci-dss-4.0: ["2.2.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.2"]
package ward.image.user

import rego.v1

root(u) if trim_space(u) == ""

root(u) if {
	name := trim_space(split(u, ":")[0])
	name in {"root", "0"}
}

deny contains {
	"msg": sprintf("image %s sets no user: its processes run as root", [input.ref]),
	"path": ["user"],
} if {
	trim_space(input.user) == ""
}

deny contains {
	"msg": sprintf("image %s runs as user %q (root)", [input.ref, input.user]),
	"path": ["user"],
} if {
	trim_space(input.user) != ""
	root(input.user)
}
