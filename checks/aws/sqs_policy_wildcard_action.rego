# METADATA
# title: SQS queue policy allows every action
# description: |
#   A queue policy statement that allows "*" or "sqs:*" grants its principals every SQS action, including
#   purging and deleting the queue and changing its policy.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-identity-based-policies.html
# custom:
#   id: WARD-AWS-0172
#   severity: HIGH
#   remediation: Allow only the actions the principals need, e.g. sqs:SendMessage.
#   input:
#     type: cloud
#     kinds: [aws.sqs.queue_policy]
#   controls:
#     pci-dss-4.0: ["7.2.1", "7.2.2"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.5.15", "A.8.3"]
package ward.aws.sqs_policy_wildcard_action

import data.ward.lib.awsdata
import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("SQS queue policy %s allows all actions", [cloud.label]), ["policy_json"]) if {
	some st in awsdata.json_statements(input.policy_json)
	awsdata.allows(st)
	some a in awsdata.as_list(object.get(st, "Action", []))
	lower(a) in {"*", "sqs:*"}
}

deny contains cloud.result(sprintf("SQS queue policy %s allows all actions", [cloud.label]), ["statements", i, "actions"]) if {
	some i, st in input.statements
	st.effect == "Allow"
	some a in st.actions
	lower(a) in {"*", "sqs:*"}
}
