resource "aws_athena_workgroup" "analysts" {
  name = "analysts"
}
