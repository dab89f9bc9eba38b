variable "acl" {
  default = "private"
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site"
  acl    = var.acl
}
