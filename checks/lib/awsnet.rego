# METADATA
# title: Helpers for the AWS network, EC2, S3 and IAM checks
# description: |
#   Ports and sources of security group and network ACL rules, the statements
#   of IAM and bucket policies, and credentials in EC2 user data.
package ward.lib.awsnet

import data.ward.lib.cloud
import rego.v1

# all_protocols holds for a rule protocol meaning every protocol (and so
# every port).
all_protocols(p) if p in {"-1", "all"}

# port_protocol holds for protocols whose rules have ports (TCP and UDP,
# by name or number).
port_protocol(p) if p in {"tcp", "udp", "6", "17"}

# all_ports holds for a rule (security group or network ACL) that opens
# every port: every protocol, or TCP/UDP from port 0 (or 1) to 65535.
all_ports(r) if all_protocols(r.protocol)

all_ports(r) if {
	port_protocol(r.protocol)
	is_number(r.from_port)
	is_number(r.to_port)
	r.from_port <= 1
	r.to_port >= 65535
}

# opens_port holds when the rule lets TCP traffic reach port p: every
# protocol, or a TCP range containing p.
opens_port(r, p) if all_protocols(r.protocol)

opens_port(r, p) if {
	r.protocol in {"tcp", "6"}
	is_number(r.from_port)
	is_number(r.to_port)
	r.from_port <= p
	p <= r.to_port
}

# sg_public_sources are the paths (relative to a security group rule) of
# its sources open to the whole internet.
sg_public_sources(r) := {["cidrs", j] | some j; cloud.public_cidr(r.cidrs[j])} | {["ipv6_cidrs", j] | some j; cloud.public_cidr(r.ipv6_cidrs[j])}

# acl_public_sources are the paths (relative to a network ACL rule) of its
# sources open to the whole internet.
acl_public_sources(r) := {[f] | some f in ["cidr_block", "ipv6_cidr_block"]; cloud.public_cidr(r[f])}

# sg_default_egress holds for the allow-all egress rule AWS adds to a new
# group (CloudFormation without SecurityGroupEgress): not written by anyone,
# so it has no description to ask for.
sg_default_egress(r) if r.implicit == true

# public_principal holds for a principal meaning everyone.
public_principal(p) if p in {"*", "AWS:*"}

# admin_action holds for actions granting every action of every service.
admin_action(a) if a in {"*", "*:*"}

# service_wildcard holds for actions granting every action of one service
# ("s3:*").
service_wildcard(a) if {
	is_string(a)
	regex.match(`^[A-Za-z0-9-]+:\*$`, a)
}

# texts are the texts of user data: as written and, when it is base64,
# decoded.
texts(s) := {s, d} if {
	regex.match(`^[A-Za-z0-9+/=\s]+$`, s)
	d := base64.decode(replace(replace(s, "\n", ""), " ", ""))
} else := {s}

# user_data_secret holds for user data with a literal credential: an AWS
# access key ID, or an assignment of a literal to a variable named like a
# password or secret key (the name ends with the word; a value starting with
# $ is a reference).
user_data_secret(t) if regex.match(`(^|[^A-Z0-9])(AKIA|ASIA)[A-Z2-7]{16}([^A-Z0-9]|$)`, t)

user_data_secret(t) if regex.match(`(?i)[a-z0-9_]*(password|passwd|secret_access_key|secret_key|api_key|private_key)\s*[=:]\s*\\?["']?[^\s"'$\\]{4,}`, t)

# at reads the value at a relative path of one or two steps (a source of a
# rule).
at(x, p) := x[p[0]] if count(p) == 1

at(x, p) := x[p[0]][p[1]] if count(p) == 2

# database_ports are the usual ports of databases, caches and search
# engines.
database_ports := [1433, 1521, 3306, 5432, 5439, 5984, 6379, 9042, 9200, 9300, 11211, 27017]

# acl_inbound_allow are the inbound allow rules of a network ACL document
# (its inline ingress rules) or of a separate rule document, each with the
# path of the rule.
acl_inbound_allow contains [r, ["ingress", i]] if {
	is_array(input.ingress)
	some i, r in input.ingress
	r.allow == true
}

acl_inbound_allow contains [input, []] if {
	input.egress == false
	input.allow == true
}

# log_bucket holds for a bucket that receives S3 server access logs: the
# log-delivery-write ACL, or a policy allowing the logging service.
log_bucket(b) if b.acl == "log-delivery-write"

log_bucket(b) if {
	some s in b.policy.statements
	s.effect == "Allow"
	"Service:logging.s3.amazonaws.com" in s.principals
}

# admin_policy_arn holds for the AWS managed AdministratorAccess policy (any
# partition).
admin_policy_arn(arn) if {
	is_string(arn)
	regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, arn)
}

# acl_denied_before holds when an inline ingress rule numbered before r
# denies port from the same source (network ACLs apply the lowest-numbered
# matching rule). Separate rule documents do not see their siblings.
acl_denied_before(r, port, src) if {
	is_array(input.ingress)
	is_number(r.rule_no)
	some d in input.ingress
	d.allow == false
	is_number(d.rule_no)
	d.rule_no < r.rule_no
	opens_port(d, port)
	d[src[0]] == r[src[0]]
}
