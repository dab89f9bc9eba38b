# METADATA
# title: ADD used where COPY suffices
# description: |
#   ADD copies local files like COPY but also fetches URLs and unpacks tar
#   archives. Using it for plain local files hides that behaviour from
#   reviewers and can unpack an archive that was meant to be copied.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: WARD-DOCKER-0002
#   severity: LOW
#   remediation: Replace ADD with COPY for local files and directories; keep ADD only to unpack a local tar archive.
#   input:
#     type: dockerfile
#   controls:
#     cis-docker: ["4.9"]
package ward.docker.add_local

import data.ward.lib.docker
import rego.v1

remote(src) if regex.match(`(?i)^(https?|ftp|git)://|^git@`, src)

archive(src) if regex.match(`(?i)\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$`, src)

# A source made of build arguments may name an archive or a URL.
unknown(src) if contains(src, "$")

deny contains docker.result(sprintf("ADD copies only local files (%s): COPY does the same without fetching or unpacking", [concat(", ", srcs)]), x) if {
	some x in docker.instr
	x.ins.cmd == "add"
	count(x.ins.args) >= 2
	srcs := array.slice(x.ins.args, 0, count(x.ins.args) - 1)
	every src in srcs {
		not remote(src)
		not archive(src)
		not unknown(src)
	}
}
