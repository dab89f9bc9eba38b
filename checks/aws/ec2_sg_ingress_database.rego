# METADATA
# title: Security group allows a database port from the internet
# description: |
#   An ingress rule opening a database or cache port (MySQL 3306, PostgreSQL
#   5432, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379,
#   Elasticsearch 9200/9300, Redshift 5439, Cassandra 9042, Memcached 11211,
#   CouchDB 5984) to 0.0.0.0/0 or ::/0. (Rules opening every port are reported
#   by WARD-AWS-0013.)
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: WARD-AWS-0016
#   severity: HIGH
#   remediation: Restrict the rule's sources to the addresses that need access (a VPN, a bastion, a load balancer's security group) instead of 0.0.0.0/0 or ::/0.
#   input:
#     type: cloud
#     kinds: [aws.ec2.security_group]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.4"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.ec2_sg_ingress_database

import data.ward.lib.awsnet
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Security group %s allows database port(s) %v from %s", [cloud.label, ports, awsnet.at(r, src)]), array.concat(["ingress", i], src)) if {
	some i, r in input.ingress
	not awsnet.all_ports(r)
	ports := [p | some p in awsnet.database_ports; awsnet.opens_port(r, p)]
	count(ports) > 0
	some src in awsnet.sg_public_sources(r)
}
