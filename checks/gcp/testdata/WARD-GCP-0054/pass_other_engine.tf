resource "google_sql_database_instance" "db" {
  name             = "db-1"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "skip_show_database"
      value = "off"
    }
  }
}
