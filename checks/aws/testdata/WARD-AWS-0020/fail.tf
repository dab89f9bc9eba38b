resource "aws_network_acl" "public" {
  vpc_id = "vpc-0a1b2c3d4e5f67890"

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
