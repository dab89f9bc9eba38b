# METADATA
# title: EKS secrets are not envelope-encrypted with KMS
# description: |
#   Without an encryption_config for secrets with a KMS key, Kubernetes
#   secrets are stored in etcd with only the default encryption.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
# custom:
#   id: WARD-AWS-0220
#   severity: HIGH
#   remediation: Add encryption_config with resources ["secrets"] and a provider key_arn.
#   input:
#     type: cloud
#     kinds: [aws.eks.cluster]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.eks_secrets_encryption

import data.ward.lib.cloud
import rego.v1

secrets_encrypted if {
	some e in input.encryption_config
	"secrets" in e.resources
	e.key_arn != ""
}

deny contains cloud.result(sprintf("EKS cluster %s does not encrypt secrets with a KMS key", [cloud.label]), ["encryption_config"]) if {
	not secrets_encrypted
}
