resource "google_sql_database_instance" "db" {
  name             = "db-1"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "us-central1"

  settings {
    tier = "db-custom-2-7680"

    database_flags {
      name  = "remote access"
      value = "off"
    }
  }
}
