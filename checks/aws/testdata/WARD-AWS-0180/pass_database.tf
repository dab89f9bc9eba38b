resource "aws_athena_database" "sales" {
  name   = "sales"
  bucket = "example-athena-results"

  encryption_configuration {
    encryption_option = "SSE_KMS"
    kms_key           = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
