# METADATA
# title: "Compute instance disables OS Login"
# description: |
#   enable-oslogin = false on the instance overrides the project's OS Login
#   setting and falls back to metadata SSH keys, which are not tied to IAM
#   identities and are hard to revoke.
# related_resources:
#   - https://cloud.google.com/compute/docs/oslogin/set-up-oslogin
# custom:
#   id: WARD-GCP-0018
#   severity: MEDIUM
#   remediation: "Remove enable-oslogin from the instance metadata, or set it to TRUE, and enable OS Login on the project."
#   input:
#     type: cloud
#     kinds: [google.compute.instance]
#   controls:
#     cis-gcp: ["4.4"]
#     pci-dss-4.0: ["8.2.1", "8.3.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.5"]
package ward.gcp.instance_oslogin_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Compute instance %s disables OS Login", [cloud.label]), ["metadata", "enable_oslogin"]) if {
	input.metadata.enable_oslogin in {"false", "0", "no", "off"}
}
