resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0a1b2c3d4e5f67890"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
