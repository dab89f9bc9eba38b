# METADATA
# title: MQ broker is publicly accessible
# description: |
#   A publicly accessible Amazon MQ broker gets endpoints reachable from the internet; its only protection is
#   the broker users' passwords.
# related_resources:
#   - https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html#prefer-brokers-without-public-accessibility
# custom:
#   id: WARD-AWS-0185
#   severity: HIGH
#   remediation: Set publicly_accessible (PubliclyAccessible) to false and reach the broker from inside the VPC.
#   input:
#     type: cloud
#     kinds: [aws.mq.broker]
#   controls:
#     pci-dss-4.0: ["1.3.1", "1.4.1"]
#     soc2: ["CC6.1", "CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.mq_public

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("MQ broker %s is publicly accessible", [cloud.label]), ["publicly_accessible"]) if {
	input.publicly_accessible == true
}
