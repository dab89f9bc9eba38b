resource "aws_rds_cluster_parameter_group" "main" {
  name   = "app-aurora-mysql8-0"
  family = "aurora-mysql8.0"

  parameter {
    name         = "server_audit_logging"
    value        = "1"
    apply_method = "pending-reboot"
  }
}
