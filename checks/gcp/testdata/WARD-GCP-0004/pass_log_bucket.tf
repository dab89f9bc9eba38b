resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
  uniform_bucket_level_access = true

  logging {
    log_bucket = google_storage_bucket.logs.name
  }
}

resource "google_storage_bucket" "logs" {
  name     = "acme-prod-access-logs"
  location = "EU"
  uniform_bucket_level_access = true
}
