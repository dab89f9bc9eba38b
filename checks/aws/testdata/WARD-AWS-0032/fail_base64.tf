resource "aws_launch_configuration" "web" {
  name_prefix   = "web-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }

  # export API_KEY=4f9b2c7e1d8a
  user_data_base64 = "ZXhwb3J0IEFQSV9LRVk9NGY5YjJjN2UxZDhh"
}
