resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_binding" "admins" {
  bucket  = "acme-prod-assets"
  role    = "roles/storage.admin"
  members = ["group:storage-admins@acme.example", "allAuthenticatedUsers"]
}
