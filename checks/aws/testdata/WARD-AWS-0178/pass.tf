resource "aws_kinesis_stream" "clicks" {
  name             = "clickstream"
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
