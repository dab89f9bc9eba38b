resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
}

resource "google_storage_bucket_acl" "assets" {
  bucket      = google_storage_bucket.assets.name
  role_entity = ["OWNER:project-owners-123456789012", "READER:allUsers"]
}
