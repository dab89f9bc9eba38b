# METADATA
# title: EKS public endpoint is open to the internet
# description: |
#   A public API server endpoint reachable from 0.0.0.0/0 (the default CIDR
#   list) exposes the Kubernetes API to brute force and to exploits of API
#   server vulnerabilities.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: WARD-AWS-0218
#   severity: HIGH
#   remediation: Disable endpoint_public_access, or restrict public_access_cidrs (PublicAccessCidrs) to your own ranges.
#   input:
#     type: cloud
#     kinds: [aws.eks.cluster]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.eks_public_cidr

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("EKS cluster %s has a public endpoint open to %s", [cloud.label, c]), ["public_access_cidrs"]) if {
	input.endpoint_public_access == true
	some c in input.public_access_cidrs
	cloud.public_cidr(c)
}
