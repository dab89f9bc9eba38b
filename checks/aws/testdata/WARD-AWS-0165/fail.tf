resource "aws_secretsmanager_secret" "database" {
  name       = "app/database"
}

resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = aws_secretsmanager_secret.database.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate-db-secret"

  rotation_rules {
    automatically_after_days = 30
  }
}
