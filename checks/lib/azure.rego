# METADATA
# title: Helpers for the Azure checks
# description: |
#   Network security rules (inline in a security group or separate), internet
#   address prefixes, port ranges, TLS versions and case-insensitive
#   comparisons of Azure enumerations.
package ward.lib.azure

import rego.v1

# eq holds when x is a string equal to y ignoring case (y lower case); a
# null (unknown) x never matches.
eq(x, y) if {
	is_string(x)
	lower(x) == y
}

# public_prefix holds for address prefixes meaning any internet address.
public_prefix(p) if {
	is_string(p)
	lower(trim_space(p)) in {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"}
}

# has_rules holds for a security group document (its rules are a list).
has_rules if is_array(input.rules)

# rules are [path, rule] pairs: the inline rules of a security group
# document (a separate azurerm_network_security_rule is reported on its own
# azure.network.security_rule document, not again in its group), or the
# rule document itself.
rules contains [["rules", i], r] if {
	some i, r in input.rules
	r.separate == false
}

rules contains [[], input] if not has_rules

inbound_allow(r) if {
	eq(r.direction, "inbound")
	eq(r.access, "allow")
}

outbound_allow(r) if {
	eq(r.direction, "outbound")
	eq(r.access, "allow")
}

# public_sources are the paths (relative to the rule) of the rule's source
# prefixes open to the internet.
public_sources(r) := {["source_address_prefix"] | public_prefix(r.source_address_prefix)} | {["source_address_prefixes", j] |
	some j, p in r.source_address_prefixes
	public_prefix(p)
}

public_destinations(r) := {["destination_address_prefix"] | public_prefix(r.destination_address_prefix)} | {["destination_address_prefixes", j] |
	some j, p in r.destination_address_prefixes
	public_prefix(p)
}

# port_specs are [path, spec] pairs of the rule's destination ports ("22",
# "20-25", "*").
port_specs(r) := {[["destination_port_range"], s] |
	s := r.destination_port_range
	is_string(s)
	s != ""
} | {[["destination_port_ranges", j], s] |
	some j, s in r.destination_port_ranges
	is_string(s)
}

# port_covers holds when the port spec s includes port p.
port_covers(s, _) if trim_space(s) == "*"

port_covers(s, p) if {
	not contains(s, "-")
	to_number(trim_space(s)) == p
}

port_covers(s, p) if {
	parts := split(s, "-")
	count(parts) == 2
	to_number(trim_space(parts[0])) <= p
	p <= to_number(trim_space(parts[1]))
}

# all_ports holds for a spec covering every port.
all_ports(s) if trim_space(s) == "*"

all_ports(s) if regex.match(`^\s*0?\s*-\s*65535\s*$`, s)

all_ports(s) if regex.match(`^\s*1\s*-\s*65535\s*$`, s)

# tcp holds when the rule's protocol includes TCP.
tcp(r) if lower(r.protocol) in {"tcp", "*"}

udp(r) if lower(r.protocol) in {"udp", "*"}

# exposed holds for a rule allowing inbound traffic from the internet.
exposed(r) if {
	inbound_allow(r)
	count(public_sources(r)) > 0
}

# weak_tls holds for TLS versions older than 1.2 in the spellings the
# azurerm resources use (TLS1_0, 1.0, TLSv1.1, ...).
weak_tls(v) if {
	is_string(v)
	regex.match(`^(?i)(tls)?\s*v?1[._]?[01]$`, trim_space(v))
}

tcp_or_udp(r) if tcp(r)

tcp_or_udp(r) if udp(r)
