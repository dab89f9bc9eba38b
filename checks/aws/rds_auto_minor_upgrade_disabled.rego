# METADATA
# title: RDS automatic minor version upgrade is disabled
# description: |
#   Minor engine versions carry security fixes. With automatic minor version upgrade off they are only
#   applied when someone upgrades by hand.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
# custom:
#   id: WARD-AWS-0108
#   severity: LOW
#   remediation: Set auto_minor_version_upgrade (AutoMinorVersionUpgrade) to true.
#   input:
#     type: cloud
#     kinds: [aws.rds.instance, aws.rds.cluster_instance]
#   controls:
#     cis-aws: ["2.3.2"]
#     pci-dss-4.0: ["6.3.3"]
#     soc2: ["CC7.1"]
#     iso27001-2022: ["A.8.8"]
package ward.aws.rds_auto_minor_upgrade_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("RDS instance %s does not upgrade minor versions automatically", [cloud.label]), ["auto_minor_version_upgrade"]) if {
	input.auto_minor_version_upgrade == false
}
