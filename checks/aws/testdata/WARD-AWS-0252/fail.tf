resource "aws_workspaces_workspace" "dev" {
  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = "jdoe"
}
