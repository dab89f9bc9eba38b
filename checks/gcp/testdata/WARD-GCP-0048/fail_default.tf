resource "google_sql_database_instance" "db" {
  name             = "db-legacy"
  database_version = "POSTGRES_11"
  region           = "us-central1"

  settings {
    tier = "db-custom-2-7680"
  }
}
