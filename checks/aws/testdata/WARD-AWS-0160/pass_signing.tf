resource "aws_kms_key" "signing" {
  description              = "release signing key"
  deletion_window_in_days  = 30
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}
