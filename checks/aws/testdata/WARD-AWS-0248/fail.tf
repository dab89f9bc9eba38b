resource "aws_config_configuration_aggregator" "org" {
  name = "org"

  account_aggregation_source {
    account_ids = ["123456789012"]
    regions     = ["us-east-1", "eu-west-1"]
  }
}
