# METADATA
# title: EKS cluster API endpoint is public
# description: |
#   The Kubernetes API server endpoint is reachable from the internet (the
#   default); a private endpoint keeps it inside the VPC.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: WARD-AWS-0219
#   severity: MEDIUM
#   remediation: Set endpoint_public_access (EndpointPublicAccess) to false and endpoint_private_access to true.
#   input:
#     type: cloud
#     kinds: [aws.eks.cluster]
#   controls:
#     pci-dss-4.0: ["1.4.1"]
#     soc2: ["CC6.6"]
#     iso27001-2022: ["A.8.20"]
package ward.aws.eks_public_endpoint

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("EKS cluster %s has a public API endpoint", [cloud.label]), ["endpoint_public_access"]) if {
	input.endpoint_public_access == true
}
