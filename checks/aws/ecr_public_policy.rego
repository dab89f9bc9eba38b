# METADATA
# title: ECR repository policy allows public access
# description: |
#   A repository policy statement that allows principal * without a condition
#   lets any AWS account pull (or push to) the repository.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html
# custom:
#   id: WARD-AWS-0225
#   severity: HIGH
#   remediation: Name the accounts or roles in the policy's Principal, or add a condition such as aws:PrincipalOrgID.
#   input:
#     type: cloud
#     kinds: [aws.ecr.repository]
#   controls:
#     pci-dss-4.0: ["7.2.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.3"]
package ward.aws.ecr_public_policy

import data.ward.lib.cloud
import data.ward.lib.awscompute
import rego.v1

json_statements contains st if {
	doc := awscompute.parsed_json(input.policy)
	is_array(doc.Statement)
	some st in doc.Statement
}

json_statements contains st if {
	doc := awscompute.parsed_json(input.policy)
	is_object(doc.Statement)
	st := doc.Statement
}

deny contains cloud.result(sprintf("ECR repository %s has a policy statement open to everyone", [cloud.label]), ["policy"]) if {
	some st in json_statements
	awscompute.public_json_statement(st)
}

deny contains cloud.result(sprintf("ECR repository %s has a policy statement open to everyone", [cloud.label]), ["policy_statements", i, "principal"]) if {
	some i, st in input.policy_statements
	st.effect == "Allow"
	st.has_condition == false
	st.principal == "*"
}

deny contains cloud.result(sprintf("ECR repository %s has a policy statement open to everyone", [cloud.label]), ["policy_statements", i, "principal_aws"]) if {
	some i, st in input.policy_statements
	st.effect == "Allow"
	st.has_condition == false
	"*" in st.principal_aws
}
