resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket_iam_member" "readers" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "group:asset-readers@acme.example"
}
