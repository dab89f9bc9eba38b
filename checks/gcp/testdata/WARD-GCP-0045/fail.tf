resource "google_sql_database_instance" "db" {
  name             = "db-1"
  database_version = "MYSQL_8_0"
  region           = "us-central1"

  settings {
    tier = "db-custom-2-7680"

    backup_configuration {
      enabled = false
    }
  }
}
