resource "aws_elb" "legacy" {
  name               = "legacy-web"
  availability_zones = ["us-east-1a", "us-east-1b"]

  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8080
    instance_protocol = "http"
  }
}
