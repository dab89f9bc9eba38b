# METADATA
# title: "OS Login is not enabled for the project"
# description: |
#   Project metadata does not set enable-oslogin to TRUE, so SSH access to
#   instances relies on metadata keys that are not tied to IAM identities.
# related_resources:
#   - https://cloud.google.com/compute/docs/oslogin/set-up-oslogin
# custom:
#   id: WARD-GCP-0027
#   severity: MEDIUM
#   remediation: "Set enable-oslogin = \"TRUE\" in google_compute_project_metadata."
#   input:
#     type: cloud
#     kinds: [google.compute.project_metadata]
#   controls:
#     cis-gcp: ["4.4"]
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.project_oslogin_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result("Project metadata does not enable OS Login", ["enable_oslogin"]) if {
	is_string(input.enable_oslogin)
	not input.enable_oslogin in {"true", "1"}
}
