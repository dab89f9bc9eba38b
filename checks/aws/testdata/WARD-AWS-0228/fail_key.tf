resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"
      essential = true
      environment = [
        { name = "UPLOAD_KEY", value = "AKIAIOSFODNN7EXAMPLE" }
      ]
    }
  ])
}
