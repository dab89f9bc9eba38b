resource "aws_sns_topic" "events" {
  name              = "order-events"
  kms_master_key_id = "alias/aws/sns"
}
