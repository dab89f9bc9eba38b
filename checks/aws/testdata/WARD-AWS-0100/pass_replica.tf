resource "aws_db_instance" "replica" {
  identifier          = "app-db-replica"
  replicate_source_db = "app-db"
  instance_class      = "db.t3.micro"
  skip_final_snapshot = true
}
