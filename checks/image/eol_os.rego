# METADATA
# title: End-of-life base OS
# description: |
#   The image's operating system release no longer receives security updates
#   from its publisher (Debian LTS, Ubuntu standard support, Alpine main
#   repository support, RHEL-family maintenance support). Vulnerabilities
#   found after that date are never fixed in its packages.
# related_resources:
#   - https://endoflife.date/
# custom:
#   id: WARD-IMAGE-0005
#   severity: HIGH
#   remediation: Rebuild the image on a supported release of its distribution (or a distroless or minimal base) and keep the base image updated.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     pci-dss-4.0: ["6.3.3", "12.3.4"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.8"]
package ward.image.eol_os

import rego.v1

deny contains {
	"msg": sprintf("image %s is based on %s %s, whose security support ended on %s", [input.ref, input.os.id, input.os.version_id, input.os.eol_date]),
	"path": ["os"],
} if {
	input.os.eol == true
}
