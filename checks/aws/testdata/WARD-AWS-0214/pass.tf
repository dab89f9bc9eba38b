resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = "arn:aws:iam::123456789012:role/orders-api"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "orders-api.zip"

  tracing_config {
    mode = "Active"
  }
}
