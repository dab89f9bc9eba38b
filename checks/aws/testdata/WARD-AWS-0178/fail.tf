resource "aws_kinesis_stream" "clicks" {
  name             = "clickstream"
  retention_period = 48
  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
