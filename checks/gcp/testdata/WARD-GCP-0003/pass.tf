resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
  uniform_bucket_level_access = true

  encryption {
    default_kms_key_name = "projects/acme-prod/locations/europe/keyRings/storage/cryptoKeys/assets"
  }
}
