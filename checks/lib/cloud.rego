# METADATA
# title: Helpers for cloud checks
# description: Shared rules for checks on the typed cloud model (input.type cloud).
package ward.lib.cloud

import rego.v1

# result builds a check result: a message and the path of the value it is
# about (the engine turns the path into file and line, and reports the
# result as not evaluated when that value is unknown before apply).
result(msg, path) := {"msg": msg, "path": path}

# label names the resource in messages: its name when known, else its
# address.
label := input.name if {
	is_string(input.name)
	input.name != ""
} else := input.address

# public_cidr holds for CIDRs open to the whole internet.
public_cidr(c) if c in {"0.0.0.0/0", "::/0", "*", "0.0.0.0", "Internet", "any", "Any"}
