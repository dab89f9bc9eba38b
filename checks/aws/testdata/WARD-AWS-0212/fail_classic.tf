resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["us-east-1a"]

  listener {
    lb_port           = 443
    lb_protocol       = "https"
    instance_port     = 8080
    instance_protocol = "http"
  }
}
