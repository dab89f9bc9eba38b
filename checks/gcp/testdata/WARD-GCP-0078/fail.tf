resource "google_kms_key_ring" "app" {
  name     = "app"
  location = "global"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.app.id
  rotation_period = "31536000s"
}
