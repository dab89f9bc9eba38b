resource "aws_kms_key" "app" {
  description             = "application data key"
  deletion_window_in_days = 30
}
