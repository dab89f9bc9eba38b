resource "aws_s3_bucket" "trail" {
  bucket = "example-cloudtrail-logs"
  acl    = "private"
}

resource "aws_cloudtrail" "main" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
