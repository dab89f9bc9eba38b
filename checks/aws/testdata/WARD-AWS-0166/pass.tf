resource "aws_secretsmanager_secret" "database" {
  name       = "app/database"
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = aws_secretsmanager_secret.database.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate-db-secret"

  rotation_rules {
    automatically_after_days = 30
  }
}
