# METADATA
# title: S3 bucket policy does not deny insecure transport
# description: |
#   Without a Deny statement for every principal conditioned on
#   aws:SecureTransport false, the bucket accepts plain HTTP requests. (The
#   model records that a statement has a condition, not which; a conditioned
#   Deny of s3:* or * to everyone is taken as the secure-transport statement.)
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
# custom:
#   id: WARD-AWS-0011
#   severity: MEDIUM
#   remediation: "Add a bucket policy statement: Effect Deny, Principal \"*\", Action \"s3:*\", Resource the bucket and its objects, Condition Bool aws:SecureTransport \"false\"."
#   input:
#     type: cloud
#     kinds: [aws.s3.bucket]
#   controls:
#     cis-aws: ["2.1.1"]
#     pci-dss-4.0: ["4.2.1"]
#     soc2: ["CC6.7"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.s3_no_secure_transport

import data.ward.lib.cloud
import data.ward.lib.awsnet
import rego.v1

deny contains cloud.result(sprintf("S3 bucket %s has no bucket policy (so no statement denying insecure transport)", [cloud.label]), ["policy"]) if {
	input.policy == null
}

deny contains cloud.result(sprintf("S3 bucket %s's policy has no statement denying requests without aws:SecureTransport", [cloud.label]), ["policy", "statements"]) if {
	is_array(input.policy.statements)
	not secure_transport_deny
}

secure_transport_deny if {
	some s in input.policy.statements
	s.effect == "Deny"
	s.conditions == true
	some p in s.principals
	awsnet.public_principal(p)
	some a in s.actions
	a in {"*", "s3:*"}
}
