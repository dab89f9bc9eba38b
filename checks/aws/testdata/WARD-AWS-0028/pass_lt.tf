resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  block_device_mappings {
    device_name = "/dev/sdf"

    ebs {
      volume_size = 100
      encrypted   = "true"
    }
  }
}
