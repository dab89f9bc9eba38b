resource "aws_sqs_queue" "orders" {
  name                              = "orders"
  kms_master_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowOrderEvents"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/order-service" }
      Action    = ["sqs:SendMessage", "sqs:ReceiveMessage"]
      Resource  = "arn:aws:sqs:us-east-1:111122223333:orders"
    }]
  })
}
