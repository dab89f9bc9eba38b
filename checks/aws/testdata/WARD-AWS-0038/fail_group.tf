resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_policy_attachment" "ops" {
  name       = "ops-admin"
  groups     = [aws_iam_group.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
