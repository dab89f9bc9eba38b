resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  description       = "SSH"
  security_group_id = "sg-0a1b2c3d4e5f67890"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
