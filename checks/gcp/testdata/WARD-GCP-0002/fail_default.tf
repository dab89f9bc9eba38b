resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
}
