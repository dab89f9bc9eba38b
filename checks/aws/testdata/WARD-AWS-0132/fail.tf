resource "aws_redshift_cluster" "analytics" {
  cluster_identifier                  = "analytics"
  database_name                       = "analytics"
  master_username                     = "admin_user"
  manage_master_password              = true
  node_type                           = "ra3.xlplus"
  cluster_type                        = "multi-node"
  number_of_nodes                     = 2
  encrypted                           = true
  kms_key_id                          = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible                 = true
  automated_snapshot_retention_period = 7
}

resource "aws_redshift_logging" "analytics" {
  cluster_identifier   = aws_redshift_cluster.analytics.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}
