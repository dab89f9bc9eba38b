resource "aws_db_parameter_group" "main" {
  name   = "app-mysql8-0"
  family = "mysql8.0"

  parameter {
    name         = "require_secure_transport"
    value        = "ON"
    apply_method = "pending-reboot"
  }
}
