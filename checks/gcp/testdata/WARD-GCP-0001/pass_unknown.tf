resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
  uniform_bucket_level_access = true
}

data "google_service_account" "cdn" {
  account_id = "cdn-origin"
}

resource "google_storage_bucket_iam_member" "cdn" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = data.google_service_account.cdn.member
}
