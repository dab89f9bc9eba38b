resource "aws_sqs_queue" "orders" {
  name                              = "orders"
  kms_master_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  kms_data_key_reuse_period_seconds = 300
}
