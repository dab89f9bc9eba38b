resource "aws_security_group" "web" {
  name        = "web"
  description = "Web servers"
  vpc_id      = "vpc-0a1b2c3d4e5f67890"

  ingress {
    description = "Inbound"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
