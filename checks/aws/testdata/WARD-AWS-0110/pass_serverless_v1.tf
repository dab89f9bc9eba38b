resource "aws_rds_cluster" "main" {
  cluster_identifier                  = "app-aurora"
  engine                              = "aurora-mysql"
  engine_version                      = "5.7.mysql_aurora.2.11.4"
  master_username                     = "app"
  manage_master_user_password         = true
  backup_retention_period             = 7
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  engine_mode                         = "serverless"
}
