resource "aws_rds_cluster" "main" {
  cluster_identifier                  = "app-aurora"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.2"
  master_username                     = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  backup_retention_period             = 7
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}
