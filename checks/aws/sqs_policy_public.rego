# METADATA
# title: SQS queue policy allows anyone
# description: |
#   A queue policy statement that allows the principal "*" without conditions lets any AWS account, or
#   anonymous callers, use the queue.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-identity-based-policies.html
# custom:
#   id: WARD-AWS-0173
#   severity: HIGH
#   remediation: Name the principals (accounts, roles, services) or add conditions such as aws:SourceArn or aws:SourceAccount.
#   input:
#     type: cloud
#     kinds: [aws.sqs.queue_policy]
#   controls:
#     pci-dss-4.0: ["1.4.1", "7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.5.15", "A.8.3"]
package ward.aws.sqs_policy_public

import data.ward.lib.awsdata
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQS queue policy %s allows any principal", [cloud.label]), ["policy_json"]) if {
	some st in awsdata.json_statements(input.policy_json)
	awsdata.allows(st)
	awsdata.json_public_principal(object.get(st, "Principal", null))
	object.get(st, "Condition", {}) == {}
}

deny contains cloud.result(sprintf("SQS queue policy %s allows any principal", [cloud.label]), ["statements", i]) if {
	some i, st in input.statements
	st.effect == "Allow"
	_public(st)
	st.conditions == false
}

_public(st) if st.principal_all == true

_public(st) if "*" in st.principal_aws
