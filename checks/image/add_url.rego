# METADATA
# title: Image built with ADD of a remote URL
# description: |
#   A build step of the image history added content from a remote URL without
#   a checksum, so a compromised or changed server changed the image silently.
#   BuildKit records the URL in the history; the legacy builder records only
#   a content hash, which this check cannot see.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#add---checksum
# custom:
#   id: WARD-IMAGE-0009
#   severity: LOW
#   remediation: Pin the download with `ADD --checksum=sha256:<digest> <url> <dest>`, or fetch it in a RUN step that verifies a checksum or signature, and rebuild.
#   input:
#     type: image
#     kinds: [Image]
#   controls:
#     cis-docker: ["4.9"]
#     soc2: ["CC8.1"]
#     iso27001-2022: ["A.5.21"]
package ward.image.add_url

import data.ward.lib.image
import rego.v1

# add_step holds for a history step recording an ADD instruction (BuildKit:
# "ADD ...", legacy builder: "/bin/sh -c #(nop) ADD ...").
add_step(s) if regex.match(`^\s*ADD\s`, s)

add_step(s) if regex.match(`#\(nop\)\s+ADD\s`, s)

deny contains {
	"msg": sprintf("image %s history step %d ADDs %s without a checksum", [input.ref, i, image.short(url)]),
	"path": ["history", i, "created_by"],
} if {
	some i, h in input.history
	add_step(h.created_by)
	not contains(h.created_by, "--checksum=")
	some url in regex.find_n(`(?i)(https?|ftp)://[^\s"']+|git@[^\s"']+`, h.created_by, 20)
}
