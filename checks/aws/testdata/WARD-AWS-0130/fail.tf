resource "aws_redshift_cluster" "analytics" {
  cluster_identifier                  = "analytics"
  database_name                       = "analytics"
  master_username                     = "admin_user"
  manage_master_password              = true
  node_type                           = "ra3.xlplus"
  cluster_type                        = "multi-node"
  number_of_nodes                     = 2
  encrypted                           = false
  publicly_accessible                 = false
  automated_snapshot_retention_period = 7
}

resource "aws_redshift_logging" "analytics" {
  cluster_identifier   = aws_redshift_cluster.analytics.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}
