# METADATA
# title: Package manager in final image
# description: |
#   The final image contains an OS package manager. It is rarely needed at
#   run time, and it lets an attacker with code execution in the container
#   install tools. Distroless or scratch-based images carry only the
#   application and its runtime dependencies.
# related_resources:
#   - https://github.com/GoogleContainerTools/distroless
#   - https://docs.docker.com/build/building/multi-stage/
# custom:
#   id: WARD-IMAGE-0006
#   severity: LOW
#   remediation: Build in a multi-stage Dockerfile and copy only the application into a distroless, scratch or minimal runtime image that has no package manager.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.3"]
#     pci-dss-4.0: ["2.2.4"]
#     soc2: ["CC6.8"]
#     iso27001-2022: ["A.8.9"]
package ward.image.package_manager

import rego.v1

deny contains {
	"msg": sprintf("image %s contains package manager(s) %s", [input.ref, concat(", ", input.package_managers)]),
	"path": ["package_managers"],
} if {
	count(input.package_managers) > 0
}
