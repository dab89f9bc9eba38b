resource "aws_db_parameter_group" "main" {
  name   = "app-postgres14"
  family = "postgres14"

  parameter {
    name         = "log_connections"
    value        = "1"
    apply_method = "pending-reboot"
  }
}
