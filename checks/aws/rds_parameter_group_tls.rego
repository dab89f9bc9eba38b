# METADATA
# title: RDS parameter group does not require TLS
# description: |
#   Clients may connect to the database without TLS unless the parameter group forces it: rds.force_ssl=1
#   for PostgreSQL (the default from RDS for PostgreSQL 15) and SQL Server, require_secure_transport=ON for
#   MySQL, MariaDB and Aurora MySQL. Parameters a CloudFormation parameter map sets under dotted names
#   (rds.force_ssl) cannot be read, so such groups are only checked for require_secure_transport.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html
# custom:
#   id: WARD-AWS-0113
#   severity: MEDIUM
#   remediation: Set rds.force_ssl to 1 (PostgreSQL, SQL Server) or require_secure_transport to ON (MySQL, MariaDB) in the parameter group.
#   input:
#     type: cloud
#     kinds: [aws.rds.parameter_group]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.rds_parameter_group_tls

import data.ward.lib.awsdata
import data.ward.lib.cloud
import rego.v1

# Parameter families whose default lets clients connect without TLS.
_force_ssl_off_by_default(f) if regex.match(`^postgres(9|1[0-4])([.]|$)`, f)

_force_ssl_off_by_default(f) if startswith(f, "aurora-postgresql")

_force_ssl_off_by_default(f) if startswith(f, "sqlserver")

_mysql(f) if regex.match(`^(mysql5|mysql8[.]0|mariadb|aurora-mysql)`, f)

deny contains cloud.result(sprintf("RDS parameter group %s sets rds.force_ssl to %v", [cloud.label, v]), ["parameters", i, "value"]) if {
	regex.match(`^(postgres|aurora-postgresql|sqlserver)`, lower(input.family))
	some i, p in input.parameters
	lower(p.parameter) == "rds.force_ssl"
	v := p.value
	is_string(v)
	not awsdata.truthy(v)
}

deny contains cloud.result(sprintf("RDS parameter group %s does not set rds.force_ssl, whose %s default lets clients connect without TLS", [cloud.label, input.family]), ["parameters"]) if {
	_force_ssl_off_by_default(lower(input.family))
	input.parameters_listed == true
	not awsdata.param_set(input.parameters, "rds.force_ssl")
}

deny contains cloud.result(sprintf("RDS parameter group %s sets require_secure_transport to %v", [cloud.label, v]), ["parameters", i, "value"]) if {
	regex.match(`^(mysql|mariadb|aurora-mysql)`, lower(input.family))
	some i, p in input.parameters
	lower(p.parameter) == "require_secure_transport"
	v := p.value
	is_string(v)
	not awsdata.truthy(v)
}

deny contains cloud.result(sprintf("RDS parameter group %s does not set require_secure_transport, so clients may connect without TLS", [cloud.label]), ["parameters"]) if {
	_mysql(lower(input.family))
	input.parameters_listed == true
	not awsdata.param_set(input.parameters, "require_secure_transport")
}

# CloudFormation parameter maps: require_secure_transport is read by name.
deny contains cloud.result(sprintf("RDS parameter group %s does not require TLS (require_secure_transport %q)", [cloud.label, v]), ["require_secure_transport"]) if {
	_mysql(lower(input.family))
	input.parameters_listed == false
	v := input.require_secure_transport
	is_string(v)
	not awsdata.truthy(v)
}
