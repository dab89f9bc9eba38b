resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}
