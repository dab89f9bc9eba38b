resource "aws_db_instance" "main" {
  identifier                          = "app-db"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible                 = false
  backup_retention_period             = 7
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  auto_minor_version_upgrade          = true
  multi_az                            = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
}
