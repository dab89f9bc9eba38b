resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = false
  enable_cloudwatch_logs_exports      = ["audit", "slowquery"]
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  deletion_protection                 = true
}
