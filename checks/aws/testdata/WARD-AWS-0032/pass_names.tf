resource "aws_launch_configuration" "web" {
  name_prefix   = "web-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }

  user_data = <<-EOT
    #!/bin/bash
    echo "password_file=/run/secrets/db" >> /etc/app.conf
    echo "PasswordAuthentication no" >> /etc/ssh/sshd_config
    export DB_PASSWORD="$(cat /run/secrets/db)"
  EOT
}
