resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
}

resource "google_storage_bucket_acl" "assets" {
  bucket         = google_storage_bucket.assets.name
  predefined_acl = "publicRead"
}
