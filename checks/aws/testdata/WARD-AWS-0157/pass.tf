resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  storage_encrypted                   = true
  kms_key_arn                         = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  enable_cloudwatch_logs_exports      = ["audit", "slowquery"]
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  deletion_protection                 = true
}
