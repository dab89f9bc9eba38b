resource "aws_rds_cluster" "main" {
  cluster_identifier                  = "app-aurora"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.2"
  master_username                     = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}
