resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  mfa    = "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"

  versioning_configuration {
    status = "Enabled"
    mfa_delete = "Enabled"
  }
}
