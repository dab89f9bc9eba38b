resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::123456789012:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  artifacts {
    type     = "S3"
    location = "example-build-artifacts"
    encryption_disabled = false
  }
}
