resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  user_data = base64encode(<<-EOT
    #!/bin/bash
    echo "DB_PASSWORD=Sup3rS3cret!" >> /etc/app.env
  EOT
  )
}
