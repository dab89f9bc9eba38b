# METADATA
# title: "Compute instance uses the default service account"
# description: |
#   The Compute Engine default service account is shared by every instance of
#   the project and historically holds the Editor role; an instance running as
#   it gets far more access than it needs.
# related_resources:
#   - https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances
# custom:
#   id: WARD-GCP-0013
#   severity: MEDIUM
#   remediation: "Create a dedicated service account with only the roles the workload needs and set it in service_account.email."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.1"]
#     pci-dss-4.0: ["2.2.2", "7.2.1"]
#     soc2: ["CC6.3"]
#     iso27001-2022: ["A.8.2"]
package ward.gcp.instance_default_service_account

import data.ward.lib.cloud
import data.ward.lib.gcp
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s runs as the default service account", [cloud.label]), ["service_account", "email"]) if {
	input.service_account.configured == true
	default_email(input.service_account.email)
}

default_email(e) if e in {"", "default"}

default_email(e) if gcp.default_service_account(e)
