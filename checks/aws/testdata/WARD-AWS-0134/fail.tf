resource "aws_redshift_parameter_group" "main" {
  name   = "analytics-params"
  family = "redshift-2.0"

  parameter {
    name  = "require_ssl"
    value = "false"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}
