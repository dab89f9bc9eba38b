resource "google_kms_key_ring" "storage" {
  name     = "storage"
  location = "europe"
}

resource "google_kms_crypto_key" "assets" {
  name            = "assets"
  key_ring        = google_kms_key_ring.storage.id
  rotation_period = "7776000s"
}

resource "google_storage_bucket" "assets" {
  name     = "acme-prod-assets"
  location = "EU"
  uniform_bucket_level_access = true

  encryption {
    default_kms_key_name = google_kms_crypto_key.assets.id
  }
}
