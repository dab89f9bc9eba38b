# METADATA
# title: RDS IAM database authentication is disabled
# description: |
#   IAM database authentication replaces long-lived database passwords with short-lived tokens tied to
#   IAM identities, so access is granted, audited and revoked centrally. It applies to MySQL, MariaDB,
#   PostgreSQL and Aurora.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# custom:
#   id: WARD-AWS-0103
#   severity: MEDIUM
#   remediation: Set iam_database_authentication_enabled (EnableIAMDatabaseAuthentication) to true.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance, aws.rds.cluster]
#   controls:
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.aws.rds_iam_auth_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS %s does not enable IAM database authentication", [cloud.label]), ["iam_database_authentication_enabled"]) if {
	input.iam_database_authentication_enabled == false
	object.get(input, "cluster_member", false) == false
	regex.match(`^(mysql|mariadb|postgres|aurora)`, lower(input.engine))
}
