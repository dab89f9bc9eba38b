# METADATA
# title: Helpers for the Google Cloud checks
# description: |
#   Public IAM members, firewall rule ports and protocols, Cloud SQL database
#   engines and flags, and the Compute Engine default service account.
package ward.lib.gcp

import data.ward.lib.cloud
import rego.v1

# public_member holds for the IAM members meaning anyone on the internet
# (allUsers) or any Google account (allAuthenticatedUsers).
public_member(m) if m in {"allUsers", "allAuthenticatedUsers"}

# public_acl_entity holds for an ACL entry (ROLE:entity or entity) granting
# a public member.
public_acl_entity(e) if {
	is_string(e)
	some m in {"allUsers", "allAuthenticatedUsers"}
	endswith(e, m)
}

# default_service_account holds for the Compute Engine default service
# account (PROJECT_NUMBER-compute@developer.gserviceaccount.com) and the App
# Engine default service account (PROJECT_ID@appspot.gserviceaccount.com),
# with or without the serviceAccount: prefix.
default_service_account(m) if {
	is_string(m)
	endswith(lower(m), "-compute@developer.gserviceaccount.com")
}

default_service_account(m) if {
	is_string(m)
	endswith(lower(m), "@appspot.gserviceaccount.com")
}

# tcp_protocol holds for a firewall protocol that carries TCP traffic.
tcp_protocol(p) if p in {"tcp", "all", "6"}

# all_ports holds for a firewall ports list opening every port.
all_ports(ports) if count(ports) == 0

all_ports(ports) if {
	some p in ports
	p in {"0-65535", "1-65535"}
}

# port_open holds when the ports list (empty: all) includes port n.
port_open(ports, _) if count(ports) == 0

port_open(ports, n) if {
	some p in ports
	[lo, hi] := port_bounds(p)
	lo <= n
	n <= hi
}

# port_bounds parses "22" or "1000-2000" into [low, high].
port_bounds(p) := [n, n] if {
	is_string(p)
	not contains(p, "-")
	n := to_number(p)
}

port_bounds(p) := [to_number(parts[0]), to_number(parts[1])] if {
	is_string(p)
	parts := split(p, "-")
	count(parts) == 2
}

# public_ingress holds for an enabled ingress rule whose sources include the
# whole internet: a public source range, or no source at all (GCP then uses
# 0.0.0.0/0).
public_ingress if {
	input.direction == "INGRESS"
	input.disabled == false
	some r in input.source_ranges
	cloud.public_cidr(r)
}

public_ingress if {
	input.direction == "INGRESS"
	input.disabled == false
	count(input.source_ranges) == 0
	count(input.source_tags) == 0
	count(input.source_service_accounts) == 0
}

# engine holds when the Cloud SQL instance's database_version starts with
# prefix (POSTGRES, MYSQL, SQLSERVER).
engine(prefix) if {
	is_string(input.database_version)
	startswith(upper(input.database_version), prefix)
}

# flag is [index, lower-case value] of the (first) database flag named n.
flag(n) := entries[0] if {
	entries := [[i, lower(f.value)] |
		some i, f in input.database_flags
		f.flag == n
		is_string(f.value)
	]
	count(entries) > 0
}

# flag_absent holds when no database flag is named n.
flag_absent(n) if {
	every f in input.database_flags {
		f.flag != n
	}
}
