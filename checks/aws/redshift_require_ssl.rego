# METADATA
# title: Redshift parameter group does not require SSL
# description: |
#   With require_ssl set to false, clients may connect to the cluster without TLS and send credentials and
#   query results in clear text.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
# custom:
#   id: WARD-AWS-0134
#   severity: MEDIUM
#   remediation: Set the require_ssl parameter to true.
#   input:
#     type: cloud
#     kinds: [aws.redshift.parameter_group]
#   controls:
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.redshift_require_ssl

import data.ward.lib.awsdata
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Redshift parameter group %s sets require_ssl to %v", [cloud.label, v]), ["parameters", i, "value"]) if {
	some i, p in input.parameters
	lower(p.parameter) == "require_ssl"
	v := p.value
	is_string(v)
	not awsdata.truthy(v)
}
