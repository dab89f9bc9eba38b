variable "db_password_parameter" {
  default = "/orders/db-password"
}

resource "aws_ssm_parameter" "token" {
  name  = "/orders/token"
  type  = "SecureString"
  value = "rotated-elsewhere"
}

resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = "arn:aws:iam::123456789012:role/orders-api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  environment {
    variables = {
      TABLE_NAME              = "orders"
      DB_PASSWORD_PARAMETER   = var.db_password_parameter
      API_TOKEN_PARAMETER_ARN = aws_ssm_parameter.token.arn
    }
  }
}
