resource "aws_sns_topic" "events" {
  name              = "order-events"
}
