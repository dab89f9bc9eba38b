# METADATA
# title: Redshift automated snapshots are disabled
# description: |
#   An automated snapshot retention period of 0 disables automated snapshots, leaving no point-in-time copy
#   to restore from.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots
# custom:
#   id: WARD-AWS-0135
#   severity: MEDIUM
#   remediation: Set automated_snapshot_retention_period (AutomatedSnapshotRetentionPeriod) to 1 or more days (7 or more recommended).
#   input:
#     type: cloud
#     kinds: [aws.redshift.cluster]
#   controls:
#     pci-dss-4.0: ["12.10.1"]
#     soc2: ["A1.2"]
#     iso27001-2022: ["A.8.13"]
package ward.aws.redshift_snapshots_disabled

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("Redshift cluster %s has automated snapshots disabled", [cloud.label]), ["automated_snapshot_retention_period"]) if {
	input.automated_snapshot_retention_period == 0
}
