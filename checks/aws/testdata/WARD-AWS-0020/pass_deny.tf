resource "aws_network_acl" "public" {
  vpc_id = "vpc-0a1b2c3d4e5f67890"
}

resource "aws_network_acl_rule" "inbound" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
