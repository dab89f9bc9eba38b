resource "aws_docdb_cluster" "catalog" {
  cluster_identifier              = "catalog"
  engine                          = "docdb"
  master_username                 = "catalog_admin"
  manage_master_user_password     = true
  storage_encrypted               = true
  kms_key_id                      = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
  backup_retention_period         = 7
  deletion_protection             = true
}
