resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = "abc123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
