resource "aws_athena_database" "sales" {
  name   = "sales"
  bucket = "example-athena-results"
}
