resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "prod" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
