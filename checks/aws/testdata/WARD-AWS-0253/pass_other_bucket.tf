resource "aws_s3_bucket" "site" {
  bucket = "example-public-site"
  acl    = "public-read"
}
