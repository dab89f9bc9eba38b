# METADATA
# title: "Subnetwork has no VPC flow logs"
# description: |
#   Without flow logs, network traffic of the subnetwork's VMs is not recorded
#   for forensics, monitoring or anomaly detection. Proxy-only and other
#   special-purpose subnets are not flagged.
# related_resources:
#   - https://cloud.google.com/vpc/docs/using-flow-logs
# custom:
#   id: WARD-GCP-0028
#   severity: LOW
#   remediation: "Add a log_config block (aggregation_interval INTERVAL_5_SEC, flow_sampling 1, metadata INCLUDE_ALL_METADATA)."
#   input:
#     type: cloud
#     kinds: [google.compute.subnetwork]
#   controls:
#     cis-gcp: ["3.8"]
#     pci-dss-4.0: ["10.2.1"]
#     soc2: ["CC7.2"]
#     iso27001-2022: ["A.8.15"]
package ward.gcp.subnet_flow_logs

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Subnetwork %s has no VPC flow logs", [cloud.label]), ["flow_logs_enabled"]) if {
	private_subnet
	input.flow_logs_enabled == false
}

private_subnet if {
	is_string(input.purpose)
	upper(input.purpose) in {"PRIVATE", "PRIVATE_RFC_1918"}
}
