resource "aws_elb" "backend" {
  name     = "backend"
  internal = true
  subnets  = ["subnet-0a1b2c3d"]

  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8080
    instance_protocol = "http"
  }
}
